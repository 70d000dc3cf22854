// A population spec's problems are messages (issue #13): population.specProblem with where
// (file:line:column), the field path and, as its problem, a population.* finding with its
// arguments; the error's text chains every problem (text.lines), which the command
// line and the HTTP API (engine/compare/io.ts, routes.ts) pass on. The line in both languages is
// the one printed before the messages were data.
import { describe, expect, it } from 'vitest';
import { parsePopulationSpec, PopulationSpecError } from '../../../engine/compare/population/spec.ts';
import { render } from '../../../dsl/messages.ts';
import { msg, type Message } from '../../../dsl/message.ts';

const base = `population: 1
id: tiny
name: 小样本
places:
  - { town: 甲镇, weight: 1, villages: 2, groups: 3, market: { rentPerMuYear: 600, subsidyPerMuYear: 100 } }
household:
  size: 3
  headAge: 50
  hukou: rural
  nonFarmIncomeShare: 0.5
  stableNonFarmIncome: { p: 0.5 }
  urbanHome: true
  socialInsurance: true
parcels:
  count: 2
  area: 1
  landClass: 水田
contract: { end: 2027-12-31 }
exit:
  whole: true
  mode: permanent
  payer: group
  noticeDate: 2026-01-15
`;

function refusal(text: string): PopulationSpecError {
  try {
    parsePopulationSpec(text, 'p.yaml');
  } catch (e) {
    if (e instanceof PopulationSpecError) return e;
    throw e;
  }
  throw new Error('no error');
}

const TOP = 'population, id, name, note, seed, households, year, places, household, parcels, contract, exit';
const SHAPE = '{ town, weight, villages, groups, market }';
const DIST_KEYS = 'choice, p, by, dateRange, uniform, normal, lognormal, beta, min, max, round, brackets';
const YAML_DETAIL = 'Flow sequence in block collection must be sufficiently indented and end with a ]';

const cases: { what: string; text: string; at: string; path?: string; problem: Message; zh: string; en: string; both: string }[] = [
  {
    what: 'YAML that does not parse',
    text: 'population: 1\nplaces: [\n',
    at: 'p.yaml:3:1',
    problem: msg('Y001', { detail: YAML_DETAIL }),
    zh: `YAML 语法错误：${YAML_DETAIL}`,
    en: `YAML syntax error: ${YAML_DETAIL}`,
    both: `YAML 语法错误：${YAML_DETAIL} / YAML syntax error: ${YAML_DETAIL}`,
  },
  {
    what: 'a spec that is no mapping',
    text: '- 1\n',
    at: 'p.yaml:1:1',
    problem: msg('population.notMapping'),
    zh: '人口规格应为映射',
    en: 'a population spec must be a YAML mapping',
    both: '人口规格应为映射 a population spec must be a YAML mapping',
  },
  {
    what: 'another format version',
    text: base.replace('population: 1', 'population: 2'),
    at: 'p.yaml:1:1',
    path: 'population',
    problem: msg('population.formatVersion'),
    zh: '须写 population: 1（格式版本）',
    en: 'must declare population: 1 (the format version)',
    both: '须写 population: 1（格式版本）must declare population: 1 (the format version)',
  },
  {
    what: 'an id with a space',
    text: base.replace('id: tiny', 'id: "a b"'),
    at: 'p.yaml:2:1',
    path: 'id',
    problem: msg('population.badId'),
    zh: 'id 应为字母、数字、- 或 _',
    en: 'id must be letters, digits, - or _',
    both: 'id 应为字母、数字、- 或 _ id must be letters, digits, - or _',
  },
  {
    what: 'an empty name',
    text: base.replace('name: 小样本', 'name: " "'),
    at: 'p.yaml:3:1',
    path: 'name',
    problem: msg('population.noName'),
    zh: '缺少名称',
    en: 'missing name',
    both: '缺少名称 missing name',
  },
  {
    what: 'an unknown top-level key',
    text: base + 'colour: red\n',
    at: 'p.yaml:24:1',
    path: 'colour',
    problem: msg('population.unknownField', { field: 'colour', allowed: TOP }),
    zh: `未知字段：colour；可用：${TOP}`,
    en: `unknown field: colour; allowed: ${TOP}`,
    both: `未知字段 unknown field: colour; 可用 allowed: ${TOP}`,
  },
  {
    what: "an unknown key in a field's distribution: the spec's one message for an unknown field",
    text: base.replace('stableNonFarmIncome: { p: 0.5 }', 'stableNonFarmIncome: { p: 0.5, colour: red }'),
    at: 'p.yaml:11:34',
    path: 'household.stableNonFarmIncome.colour',
    problem: msg('population.unknownField', { field: 'colour', allowed: DIST_KEYS }),
    zh: `未知字段：colour；可用：${DIST_KEYS}`,
    en: `unknown field: colour; allowed: ${DIST_KEYS}`,
    both: `未知字段 unknown field: colour; 可用 allowed: ${DIST_KEYS}`,
  },
  {
    what: 'a seed of 0',
    text: base + 'seed: 0\n',
    at: 'p.yaml:24:1',
    path: 'seed',
    problem: msg('population.wholeNumber', { field: 'seed', max: 4294967295, value: '0' }),
    zh: 'seed 应为 1 至 4294967295 的整数：0',
    en: 'seed must be a whole number from 1 to 4294967295: 0',
    both: 'seed 应为 1 至 4294967295 的整数 must be a whole number from 1 to 4294967295: 0',
  },
  {
    what: 'no places',
    text: base.replace(/places:\n {2}- .*\n/, 'places: []\n'),
    at: 'p.yaml:4:1',
    path: 'places',
    problem: msg('population.noPlaces', { shape: SHAPE }),
    zh: `places 应为非空列表：${SHAPE}`,
    en: `places must be a non-empty list of ${SHAPE}`,
    both: `places 应为非空列表 must be a non-empty list of ${SHAPE}`,
  },
  {
    what: 'a place that is no mapping',
    text: base.replace(/ {2}- \{ town.*\n/, '  - 3\n'),
    at: 'p.yaml:5:5',
    path: 'places.0',
    problem: msg('population.mapping', { shape: SHAPE }),
    zh: `应为映射：${SHAPE}`,
    en: `must be a mapping ${SHAPE}`,
    both: `应为映射 must be a mapping ${SHAPE}`,
  },
  {
    what: 'a place without its town',
    text: base.replace('town: 甲镇,', ''),
    at: 'p.yaml:5:5',
    path: 'places.0.town',
    problem: msg('population.noTown'),
    zh: '缺少镇名',
    en: 'missing town',
    both: '缺少镇名 missing town',
  },
  {
    what: 'a negative weight',
    text: base.replace('weight: 1', 'weight: -1'),
    at: 'p.yaml:5:17',
    path: 'places.0.weight',
    problem: msg('population.badWeight', { value: '-1' }),
    zh: 'weight 应为正数：-1',
    en: 'weight must be a positive number: -1',
    both: 'weight 应为正数 must be a positive number: -1',
  },
  {
    what: 'a section that is no mapping',
    text: base.replace('contract: { end: 2027-12-31 }', 'contract: 3'),
    at: 'p.yaml:18:1',
    path: 'contract',
    problem: msg('population.mapping', { shape: '{ start, end }' }),
    zh: '应为映射：{ start, end }',
    en: 'must be a mapping { start, end }',
    both: '应为映射 must be a mapping { start, end }',
  },
  {
    what: 'a missing field',
    text: base.replace('  urbanHome: true\n', ''),
    at: 'p.yaml:6:1',
    path: 'household.urbanHome',
    problem: msg('population.missingField', { field: 'urbanHome', label: msg('population.field.urbanHome') }),
    zh: '缺少：urbanHome（城镇住所）',
    en: 'missing: urbanHome (urban home)',
    both: '缺少 missing: urbanHome (城镇住所 urban home)',
  },
  {
    what: 'household size drawn by another field',
    text: base.replace('size: 3', 'size: { by: headAge, brackets: [{ value: 3 }] }'),
    at: 'p.yaml:7:11',
    path: 'household.size.by',
    problem: msg('population.drawnFirst', { field: 'size' }),
    zh: 'size 不能依赖其他字段（它最先抽取）',
    en: 'size cannot itself use by: (it is drawn first)',
    both: 'size 不能依赖其他字段 cannot itself use by: (it is drawn first)',
  },
];

describe('a population spec says its problems as messages', () => {
  it.each(cases)('$what', ({ text, at, path, problem, zh, en, both }) => {
    const e = refusal(text);
    const first = e.problems[0]!;
    expect(first).toEqual(msg('population.specProblem', { at, path, problem }));
    const where = path ? `${path}: ` : '';
    expect(render(first, 'zh')).toBe(`${at}：${path ? `${path}：` : ''}${zh}`);
    expect(render(first, 'en')).toBe(`${at}: ${where}${en}`);
    expect(e.issues[0]).toBe(`${at}: ${where}${both}`);
  });

  it('every problem travels in the error, one line each', () => {
    const e = refusal(base.replace('id: tiny', 'id: "a b"').replace('name: 小样本', 'name: " "'));
    const [id, name] = e.problems;
    expect(e.text).toEqual(msg('text.lines', { first: id, rest: msg('text.lines', { first: name }) }));
    expect(render(e.text!, 'en')).toBe('p.yaml:2:1: id: id must be letters, digits, - or _\np.yaml:3:1: name: missing name');
    expect(e.message).toBe(
      'p.yaml:2:1: id: id 应为字母、数字、- 或 _ id must be letters, digits, - or _\np.yaml:3:1: name: 缺少名称 missing name',
    );
    expect(e.issues).toEqual(e.message.split('\n'));
  });
});
