import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../dsl/expr/index.ts';
import { parsed, tree } from './helpers.ts';
import { renderBoth } from '../../../dsl/messages.ts';

/** The diagnostics, each message as the command line prints it (both languages). */
const diag = (text: string) => {
  const r = parseExpression(text);
  expect(r.expr).toBeUndefined();
  return r.diagnostics.map((d) => ({ ...d, message: renderBoth(d.message) }));
};

describe('precedence and associativity', () => {
  it('* / bind tighter than + -, both left-associative', () => {
    expect(tree('1 + 2 * 3')).toBe('(+ 1 (* 2 3))');
    expect(tree('1 - 2 - 3')).toBe('(- (- 1 2) 3)');
    expect(tree('8 / 4 / 2')).toBe('(/ (/ 8 4) 2)');
    expect(tree('(1 + 2) * 3')).toBe('(* (+ 1 2) 3)');
    expect(tree('-a * b')).toBe('(* (- a) b)');
    expect(tree('- - 1')).toBe('(- (- 1))');
  });

  it('comparison < not < and < or, in English and Chinese', () => {
    expect(tree('a > 1 and b < 2 or c == 3')).toBe('(or (and (> a 1) (< b 2)) (== c 3))');
    expect(tree('a > 1 且 b < 2 或 c == 3')).toBe('(or (and (> a 1) (< b 2)) (== c 3))');
    expect(tree('not a and b')).toBe('(and (not a) b)');
    expect(tree('非 a 且 非 b')).toBe('(and (not a) (not b))');
    expect(tree('not a == b')).toBe('(not (== a b))');
    expect(tree('a or b and c')).toBe('(or a (and b c))');
    expect(tree('a 并且 b 或者 c')).toBe('(or (and a b) c)');
  });

  it('if-then-else in both spellings; the else branch extends to the right', () => {
    expect(tree('如果 a 则 1 否则 2')).toBe('(if a 1 2)');
    expect(tree('if a then 1 else 2')).toBe('(if a 1 2)');
    expect(tree('如果 a 则 1 否则 2 + 3')).toBe('(if a 1 (+ 2 3))');
    expect(tree('10 + 如果 a 则 1 否则 2')).toBe('(+ 10 (if a 1 2))');
    expect(tree('如果 a 则 1 否则 如果 b 则 2 否则 3')).toBe('(if a 1 (if b 2 3))');
    expect(tree('如果 a 那么 1 否则 2')).toBe('(if a 1 2)');
  });

  it('postfix member access, filters and calls', () => {
    expect(tree('household.hukou')).toBe('household.hukou');
    expect(tree('户.户籍 == "urban"')).toBe('(== 户.户籍 "urban")');
    expect(tree('sum(退出地块[地类 == "水田"].面积)')).toBe('sum(退出地块[(== 地类 "水田")].面积)');
    expect(tree('a[x > 1][y].b.c')).toBe('a[(> x 1)][y].b.c');
    expect(tree('a.b[x].c')).toBe('a.b[x].c');
    expect(tree('min(a, b, c)')).toBe('min(a, b, c)');
    expect(tree('count()')).toBe('count()');
    expect(tree('round(x，0.01 元)')).toBe('round(x, 1/100[元])');
  });

  it('comparisons by the words of 民法典 第一千二百五十九条', () => {
    expect(tree('a 以上 b')).toBe('(>= a b)');
    expect(tree('a 以下 b')).toBe('(<= a b)');
    expect(tree('a 不满 b')).toBe('(< a b)');
    expect(tree('a 超过 b')).toBe('(> a b)');
    expect(tree('面积 不超过 50% * 总面积')).toBe('(<= 面积 (* 1/2 总面积))');
    expect(tree('a 不少于 b')).toBe('(>= a b)');
    expect(tree('a 不足 b')).toBe('(< a b)');
    expect(tree('a 等于 b')).toBe('(== a b)');
    expect(tree('a 不等于 b')).toBe('(!= a b)');
    expect(tree('a ≥ b')).toBe('(>= a b)');
    expect(tree('a ≤ b')).toBe('(<= a b)');
    expect(tree('a ≠ b')).toBe('(!= a b)');
    expect(tree('a = b')).toBe('(== a b)');
    expect(tree('a != b')).toBe('(!= a b)');
  });

  it('membership in a list', () => {
    expect(tree('退出.模式 in ["permanent", "currentTerm"]')).toBe('(in 退出.模式 ["permanent", "currentTerm"])');
    expect(tree('x 属于 [1、2]')).toBe('(in x [1, 2])');
    expect(tree('x in []')).toBe('(in x [])');
  });

  it('Chinese keywords inside names stay names; keywords need spaces', () => {
    expect(tree('非农收入占比 以上 50%')).toBe('(>= 非农收入占比 1/2)');
    expect(tree('非 户.进城落户')).toBe('(not 户.进城落户)');
    expect(tree('则数 + 或然')).toBe('(+ 则数 或然)');
    expect(tree('android and 且慢')).toBe('(and android 且慢)');
  });

  it('fullwidth punctuation is accepted', () => {
    expect(tree('（1 ＋ 2）× 3 ÷ 4')).toBe('(/ (* (+ 1 2) 3) 4)');
  });
});

describe('literals', () => {
  it('decimals, percentages, fractions', () => {
    expect(tree('650')).toBe('650');
    expect(tree('106.5')).toBe('213/2');
    expect(tree('0.85')).toBe('17/20');
    expect(tree('1.20')).toBe('6/5');
    expect(tree('50%')).toBe('1/2');
    expect(tree('12.5％')).toBe('1/8');
    expect(tree('2/3')).toBe('(/ 2 3)');
    expect(tree('三分之二')).toBe('2/3');
    expect(tree('四分之三')).toBe('3/4');
    expect(tree('百分之五十')).toBe('1/2');
    expect(tree('十分之一')).toBe('1/10');
  });

  it('quantities with units', () => {
    expect(tree('30 年')).toBe('30[年]');
    expect(tree('30年')).toBe('30[年]');
    expect(tree('6 月')).toBe('6[月]');
    expect(tree('半年')).toBe('6[月]');
    expect(tree('3 工作日')).toBe('3[工作日]');
    expect(tree('650 元/亩/年')).toBe('650[元/亩/年]');
    expect(tree('650元 / 亩 / 年')).toBe('650[元/亩/年]');
    expect(tree('1.4 万元')).toBe('7/5[万元]');
    expect(tree('2 公顷')).toBe('2[公顷]');
    expect(tree('6 个月')).toBe('6[个月]');
  });

  it('"/" after a unit divides when no unit word follows', () => {
    expect(tree('100 元 / 面积')).toBe('(/ 100[元] 面积)');
    expect(tree('30 年 / 2')).toBe('(/ 30[年] 2)');
    expect(tree('sum(退出地块.面积) * 流转费 * 2 * 30 年')).toBe('(* (* (* sum(退出地块.面积) 流转费) 2) 30[年])');
  });

  it('records the unit words with their spans', () => {
    const e = parsed('650 元/亩/年').ast;
    expect(e).toMatchObject({ kind: 'number', start: 0, end: 9, unit: { text: '元/亩/年', start: 4, end: 9 } });
    if (e.kind === 'number')
      expect(e.unit!.words.map((w) => [w.text, w.start, w.end])).toEqual([
        ['元', 4, 5],
        ['亩', 6, 7],
        ['年', 8, 9],
      ]);
  });

  it('strings in double quotes, 「」 and “”, with escapes', () => {
    expect(tree('"urban"')).toBe('"urban"');
    expect(tree('「城镇户口」')).toBe('"城镇户口"');
    expect(tree('“水田”')).toBe('"水田"');
    expect(tree('"a\\"b"')).toBe('"a\\"b"');
  });

  it('dates, booleans', () => {
    expect(tree('2026-01-15')).toBe('#2026-01-15');
    expect(tree('2024-02-29')).toBe('#2024-02-29');
    expect(tree('2026 - 01 - 15')).toBe('(- (- 2026 1) 15)');
    expect(tree('true or 假')).toBe('(or true false)');
  });
});

describe('spans', () => {
  it('every node carries [start, end) offsets', () => {
    const e = parsed('面积 * (流转费 + 地力补贴)').ast;
    expect(e).toMatchObject({ kind: 'binary', op: '*', start: 0, end: 17, opStart: 3, opEnd: 4 });
    if (e.kind !== 'binary') throw new Error();
    expect(e.left).toMatchObject({ kind: 'name', start: 0, end: 2 });
    expect(e.right).toMatchObject({ kind: 'binary', op: '+', start: 5, end: 17, opStart: 10, opEnd: 11 });
  });

  it('members and calls keep the span of the word', () => {
    const e = parsed('sum(退出地块.面积)').ast;
    expect(e).toMatchObject({ kind: 'call', callee: 'sum', calleeStart: 0, calleeEnd: 3, start: 0, end: 12 });
    if (e.kind !== 'call') throw new Error();
    expect(e.args[0]).toMatchObject({ kind: 'member', name: '面积', nameStart: 9, nameEnd: 11, start: 4, end: 11 });
  });

  it('a comparison keyword keeps its written form', () => {
    expect(parsed('a 以上 b').ast).toMatchObject({ op: '>=', opText: '以上', opStart: 2, opEnd: 4 });
  });
});

describe('syntax errors are returned with codes and exact spans', () => {
  it('E110 empty', () => {
    expect(diag('')).toMatchObject([{ code: 'E110', start: 0, end: 0 }]);
    expect(diag('   ')).toMatchObject([{ code: 'E110', start: 0, end: 3 }]);
  });

  it('E101 unexpected character', () => {
    expect(diag('a @ b')).toEqual([
      { code: 'E101', severity: 'error', message: '无法识别的字符 unexpected character: 「@」', start: 2, end: 3 },
    ]);
  });

  it('E102 unterminated string', () => {
    expect(diag('户.户籍 == "urban')).toMatchObject([{ code: 'E102', start: 8, end: 14 }]);
    expect(diag('x == 「城镇')).toMatchObject([{ code: 'E102', start: 5, end: 8 }]);
  });

  it('E103 impossible date', () => {
    expect(diag('2026-02-30 > x')).toMatchObject([{ code: 'E103', start: 0, end: 10, message: '无效的日期 invalid date: 2026-02-30' }]);
    expect(diag('2025-02-29')).toMatchObject([{ code: 'E103' }]);
  });

  it('E104 malformed Chinese fraction', () => {
    expect(diag('三五分之二')).toMatchObject([{ code: 'E104', start: 0, end: 5 }]);
  });

  it('E111 missing closing parenthesis, at the end', () => {
    const d = diag('(1 + 2');
    expect(d).toMatchObject([{ code: 'E111', start: 6, end: 6 }]);
    expect(d[0]!.message).toBe('缺少预期的符号 expected token missing: 应为 expected 「)」，实际为 found 表达式结尾 end of expression');
  });

  it('E112 missing operand', () => {
    expect(diag('1 + ')).toMatchObject([{ code: 'E112', start: 4, end: 4 }]);
    expect(diag('1 + * 2')).toMatchObject([{ code: 'E112', start: 4, end: 5 }]);
  });

  it('E114 trailing text; E115 chained comparison', () => {
    expect(diag('1 2')).toMatchObject([{ code: 'E114', start: 2, end: 3 }]);
    expect(diag('a < b < c')).toMatchObject([{ code: 'E115', start: 6, end: 7 }]);
    expect(diag('a 以上 b 以下 c')).toMatchObject([{ code: 'E115', start: 7, end: 9 }]);
  });

  it('a name that swallowed a Chinese keyword gets a hint', () => {
    const [d] = diag('面积不超过 3');
    expect(d).toMatchObject({ code: 'E114', start: 6, end: 7 });
    expect(d!.message).toContain('中文关键字两侧需要空格 put spaces around Chinese keywords: 「不超过」');
  });

  it('messages are Chinese first, then English', () => {
    for (const text of ['(', ')', '1 +', 'a b', '#']) {
      for (const d of diag(text)) expect(d.message).toMatch(/^[\u4e00-\u9fff][^a-zA-Z]*[a-zA-Z]/);
    }
  });
});

describe('depth limit', () => {
  it('E116 for trees deeper than any formula, instead of a stack overflow; the parser stays usable', () => {
    expect(diag('('.repeat(5000) + '1' + ')'.repeat(5000))).toMatchObject([{ code: 'E116', start: 0 }]);
    expect(diag('1' + ' + 1'.repeat(1000))).toMatchObject([{ code: 'E116' }]);
    expect(tree('(((1 + 2)))')).toBe('(+ 1 2)');
    expect(parseExpression('('.repeat(150) + '1' + ')'.repeat(150)).expr).toBeDefined();
  });
});
