import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Import from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../../dsl/schema.ts';

const Ajv2020 = ((Ajv2020Import as unknown as { default?: unknown }).default ?? Ajv2020Import) as new (o: object) => {
  compile: (s: unknown) => ((d: unknown) => boolean) & { errors?: unknown };
};
const root = join(import.meta.dirname, '..', '..');

describe('dsl/policy.schema.json', () => {
  it('is a strict draft 2020-12 schema, and the file editors load is the one the checker uses', () => {
    expect(policySchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => new Ajv2020({ strict: true, allowUnionTypes: true }).compile(policySchema)).not.toThrow();
    const onDisk = JSON.parse(readFileSync(join(root, 'dsl', 'policy.schema.json'), 'utf8'));
    expect(onDisk).toEqual(policySchema);
  });

  it('every bundled policy names it for the YAML language server and validates against it', () => {
    const validate = new Ajv2020({ allowUnionTypes: true }).compile(policySchema);
    for (const id of ['qinzhou', 'liangping', 'pingluo', 'neijiang', 'leling', 'model-scheme']) {
      const text = readFileSync(join(root, 'policies', `${id}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../dsl/policy.schema.json');
      expect(validate(parse(text)), `${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('closes every mapping it describes (unknown keys are errors)', () => {
    const open: string[] = [];
    const walk = (s: unknown, path: string) => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (o.type === 'object' && o.properties && o.additionalProperties !== false) open.push(path);
      for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
    };
    walk(policySchema, '');
    expect(open).toEqual([]);
  });
});
