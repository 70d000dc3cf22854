// No error of the command line or of the store is written as a "中文 English" literal:
// each says a catalogue message (dsl/phrases/cli.ts, dsl/phrases/store.ts; issue #13), so that the
// UI can say it in one language and the command line in both. A new one fails here with its place.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownCode } from '../../../dsl/messages.ts';
import { bilingualThrows, bilingualThrowsIn } from '../../helpers/bilingual-throws.ts';

const SCANNED = ['engine/cli', 'engine/store'];

describe('errors are messages, not bilingual literals', () => {
  it('finds none in the command line and the store', () => {
    expect(bilingualThrows(process.cwd(), SCANNED).map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('says only messages the catalogue has', () => {
    const files = SCANNED.flatMap((p) =>
      p.endsWith('.ts')
        ? [p]
        : fs
            .readdirSync(p, { recursive: true, encoding: 'utf8' })
            .filter((f) => f.endsWith('.ts'))
            .map((f) => path.join(p, f)),
    );
    const codes = files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\bmsg\(\s*'([\w.]+)'/g)].map((m) => `${f}: ${m[1]}`));
    expect(codes.length).toBeGreaterThan(100);
    expect(codes.filter((c) => !isKnownCode(c.split(': ')[1]!))).toEqual([]);
  });

  it('would find one: in a throw, a new …Error, a template, a concatenation; not a message or one language', () => {
    const src = [
      "throw new UsageError('多余参数 unexpected argument');",
      'const e = new StoreInputError(f, `过长 too long (${n})`);',
      "throw new Error('案件' + ' was not found');",
      "throw new UsageError(msg('cli.unexpectedArgument', { arg: x }));",
      "throw new Error('internal: no key');",
      "throw new CaseError('notFound', 'X', '案件不存在');",
      "log('中文 English');",
    ].join('\n');
    expect(bilingualThrowsIn('x.ts', src).map((f) => f.line)).toEqual([1, 2, 3]);
  });
});
