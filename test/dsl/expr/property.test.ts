import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { checkExpression, compileChecked, ExprEvalError, Fraction, parseExpression, type ExprDiagnostic } from '../../../dsl/expr/index.ts';
import { qinzhou, qinzhouNames, qinzhouScope } from './helpers.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const VALID = [
  'sum(退出地块.面积) * (流转费 + 地力补贴) * 补偿年限',
  'round(sum(退出地块[地类 == "水田"].面积) * 流转费 * 2 * 30 年, 0.01 元, "half-even")',
  'min(sum(退出地块.面积) * 退出.协商价格, sum(退出地块.面积) * 市场.征地补偿标准)',
  '如果 户.户籍 == 「城镇户口」 则 1.4 万元 否则 0 元',
  '赞成 >= 2/3 * 应到 且 all(家庭共有人.同意) 或 非 户.进城落户',
  '转让.转让截止日期 <= 承包合同.截止日期 and count(家庭共有人) > 1',
  '面积 不超过 50% * 总面积',
  '退出.模式 in ["permanent", "custody"]',
  '承包合同.截止日期 - 退出.书面通知日期 以上 180 日 且 半年 <= 1 年',
  '赞成 以上 三分之二 * 应到',
];

/** Fragments that make mutations likely to hit interesting lexer and parser states. */
const FRAGMENTS = [
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  '"',
  '「',
  '」',
  '%',
  '/',
  '*',
  '+',
  '-',
  ' ',
  '以上',
  '且',
  '非',
  '如果',
  '则',
  '否则',
  '元',
  '亩/年',
  '2026-02-30',
  '三分之',
  '半年',
  '==',
  '<',
  'in',
  'sum',
  '1.5',
  '0',
  '退出地块',
  '面积',
  '\n',
  '\u3000',
  '@',
  '\\',
];

function assertDiagnostics(text: string, ds: ExprDiagnostic[]): void {
  for (const d of ds) {
    expect(d.code).toMatch(/^E\d{3}$/);
    expect(d.start).toBeGreaterThanOrEqual(0);
    expect(d.end).toBeGreaterThanOrEqual(d.start);
    expect(d.end).toBeLessThanOrEqual(text.length);
    expect(renderBoth(d.message)).toMatch(/^[\u4e00-\u9fff「]/);
  }
}

/** parse → check → (when clean) compile → evaluate, none of which may throw except E401. */
function pipeline(text: string): void {
  const p = parseExpression(text);
  assertDiagnostics(text, p.diagnostics);
  if (!p.expr) {
    expect(p.diagnostics.length).toBeGreaterThan(0);
    return;
  }
  const c = checkExpression(p.expr, qinzhouScope);
  assertDiagnostics(text, c.diagnostics);
  const compiled = compileChecked(p.expr, qinzhouScope);
  if (!compiled.evaluator) return;
  try {
    compiled.evaluator(qinzhou, qinzhouNames);
  } catch (e) {
    if (!(e instanceof ExprEvalError)) throw e;
  }
}

const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })) }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([base, edits]) => {
    let s = base;
    for (const e of edits) {
      const at = e.at % (s.length + 1);
      s = s.slice(0, at) + e.ins + s.slice(at + e.del);
    }
    return s;
  });

describe('robustness: diagnostics, never exceptions', () => {
  it('random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => pipeline(s)),
      { numRuns: 400 },
    );
  });

  it('random strings over the language alphabet', () => {
    const alphabet = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(alphabet, (s) => pipeline(s)),
      { numRuns: 1500 },
    );
  });

  it('mutated valid expressions', () => {
    for (const v of VALID) expect(compileChecked(parseExpression(v).expr!, qinzhouScope).diagnostics).toEqual([]);
    fc.assert(
      fc.property(mutated, (s) => pipeline(s)),
      { numRuns: 2000 },
    );
  });

  it('parse and check do not throw on non-string input', () => {
    expect(() => parseExpression(undefined as unknown as string)).not.toThrow();
    expect(checkExpression({ text: 'x', ast: null } as never, qinzhouScope).diagnostics[0]!.code).toBe('E110');
  });
});

// Exact arithmetic against a bigint reference: random trees of + − × ÷ over decimal literals.
type Tree = { v: string } | { op: '+' | '-' | '*' | '/'; l: Tree; r: Tree };
type Q = { n: bigint; d: bigint };

const leaf = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 3 }))
  .map(([n, places]): Tree => ({ v: places === 0 ? String(n) : (n / 10 ** places).toFixed(places) }));
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ op: fc.constantFrom('+', '-', '*', '/'), l: tie('tree'), r: tie('tree') }) as fc.Arbitrary<Tree>,
  ),
}));

function text(t: Tree): string {
  return 'v' in t ? t.v : `(${text(t.l)} ${t.op} ${text(t.r)})`;
}

function ref(t: Tree): Q | null {
  if ('v' in t) {
    const [i, f = ''] = t.v.split('.');
    return { n: BigInt(i! + f), d: 10n ** BigInt(f.length) };
  }
  const a = ref(t.l);
  const b = ref(t.r);
  if (!a || !b) return null;
  switch (t.op) {
    case '+':
      return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
    case '-':
      return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
    case '*':
      return { n: a.n * b.n, d: a.d * b.d };
    case '/':
      if (b.n === 0n) return null;
      return { n: a.n * b.d, d: a.d * b.n };
  }
}

describe('exactness against a rational reference', () => {
  it('every + − × ÷ tree evaluates to exactly its rational value', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const expected = ref(t);
        const src = text(t);
        const c = compileChecked(parseExpression(src).expr!, { names: {}, caseFields: false }, { exact: true });
        if (c.diagnostics.some((d) => d.code === 'E313')) return; // a literal 0 divisor, refused statically
        expect(c.diagnostics).toEqual([]);
        let v: unknown;
        try {
          v = c.evaluator!(null as never, {});
        } catch (e) {
          expect(e).toBeInstanceOf(ExprEvalError);
          expect(expected).toBeNull();
          return;
        }
        expect(expected).not.toBeNull();
        const [n, d] = v instanceof Fraction ? [v.n, v.d] : [v as Decimal, new Decimal(1)];
        // n/d == expected.n/expected.d, cross-multiplied on integers.
        // No arithmetic here: the global Decimal rounds to 20 digits, and the numerator may hold more.
        const [fn, fd] = new Decimal(n).toFraction();
        const [gn, gd] = new Decimal(d).toFraction();
        const lhs = BigInt(fn.toFixed()) * BigInt(gd.toFixed()) * expected!.d;
        const rhs = expected!.n * BigInt(fd.toFixed()) * BigInt(gn.toFixed());
        expect(lhs).toBe(rhs);
      }),
      { numRuns: 500 },
    );
  });
});
