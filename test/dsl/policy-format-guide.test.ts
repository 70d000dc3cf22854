// The policy-format guide covers the whole format: every key the schema accepts is documented in
// docs/policy-format.md (as `key`), so a newcomer never has to read the schema to learn a key.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const schema = JSON.parse(readFileSync('dsl/policy.schema.json', 'utf8')) as unknown;
const guide = readFileSync('docs/policy-format.md', 'utf8');

function schemaKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => schemaKeys(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((name) => out.add(name));
      schemaKeys(v, out);
    }
  }
  return out;
}

describe('docs/policy-format.md', () => {
  const keys = [...schemaKeys(schema)].sort();

  it('finds the keys of the schema (the walk itself works)', () => {
    expect(keys).toEqual(expect.arrayContaining(['landflow', 'meta', 'steps', 'allowedAfter', 'votes', 'quorum', 'waivers']));
  });

  it('documents every key of dsl/policy.schema.json', () => {
    const missing = keys.filter((k) => !guide.includes('`' + k + '`') && !new RegExp(`^\\s*${k}:`, 'm').test(guide));
    expect(missing).toEqual([]);
  });

  it('documents every step kind the schema allows', () => {
    const kinds = JSON.stringify(schema).match(/"enum":\["application"[^\]]*\]/)?.[0] ?? '';
    const missing = [...kinds.matchAll(/"(\w+)"/g)].map((m) => m[1]!).filter((k) => k !== 'enum' && !guide.includes('`' + k + '`'));
    expect(kinds).not.toBe('');
    expect(missing).toEqual([]);
  });
});
