import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, didYouMean, messageFor, nearest } from '../../dsl/messages.ts';
import { MESSAGE_LIST } from '../../dsl/expr/messages.ts';

const dslDir = join(import.meta.dirname, '..', '..', 'dsl');

describe('message catalogue', () => {
  it('has unique codes', () => {
    const codes = catalogue.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('does not clash with the expression language codes', () => {
    const expr = new Set(MESSAGE_LIST.map((m) => m.code));
    for (const m of catalogue) expect(expr.has(m.code), m.code).toBe(false);
  });

  it('keeps each family in its range', () => {
    for (const m of catalogue) expect(m.code).toMatch(/^(Y0\d\d|S0\d\d|N4\d\d|U45\d|C5\d\d|P6\d\d|L7\d\d|K8\d\d|X9\d\d|A0\d\d)$/);
  });

  it('has Chinese and English wording for every code, and law findings cite their article', () => {
    for (const m of catalogue) {
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en).toMatch(/[a-z]/);
      if (/^L70\d$/.test(m.code)) expect(m.cite, m.code).toMatch(/第.+条/);
    }
  });

  it('every code the checks report is in the catalogue', () => {
    const files = [
      ...readdirSync(join(dslDir, 'check')).map((f) => join(dslDir, 'check', f)),
      join(dslDir, 'index.ts'),
      join(dslDir, 'yaml.ts'),
      join(dslDir, 'schema.ts'),
    ];
    const known = new Set(catalogue.map((m) => m.code));
    let seen = 0;
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:report|diag)\((?:[^'"]*?)['"]([A-Z]\d{3})['"]/g)) {
        seen++;
        expect(known.has(m[1]!), `${m[1]} in ${f}`).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(40);
  });

  it('fills templates: Chinese first, then English', () => {
    const m = messageFor('K801', { objection: '15 日', objectionCite: '附件3', period: '3 工作日', periodCite: '第七条第二项' });
    expect(m.severity).toBe('warning');
    expect(m.text).toBe(
      '公示异议期 15 日（附件3）与公示期 3 工作日（第七条第二项）不一致 / objection window 15 日 (附件3) differs from the public notice period 3 工作日 (第七条第二项)',
    );
  });

  it('an unknown code says so instead of throwing', () => {
    expect(messageFor('Z999').text).toContain('Z999');
  });

  it('suggests the nearest name', () => {
    expect(nearest('流转废', ['流转费', '地力补贴'])).toBe('流转费');
    expect(nearest('完全不同的名字', ['流转费'])).toBeUndefined();
    expect(nearest('market.rent', ['market.rentPerMuYear', 'market.year'])).toBe('market.rentPerMuYear');
    expect(didYouMean('notise', ['notice']).hint).toBe('，是否想写「notice」？');
  });
});
