import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { formatTable } from '../../../engine/compare/format.ts';
import { compareParameters } from '../../../engine/compare/parameters.ts';
import { referenceCase } from '../../../engine/compare/reference.ts';
import { VOCABULARY } from '../../../engine/compare/vocabulary.ts';
import { COMPARE_KEYS, COMPARE_PARAMETERS, type CompareKey } from '../../../dsl/vocabulary.ts';
import type { CaseData } from '../../../dsl/case-model.ts';
import { entries, household, POLICY_IDS, ROOT } from './helpers.ts';
import { msg, type Message, type Text } from '../../../dsl/message.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';

/** A cell's value as the command line prints it: content as written, a message in both languages. */
const printed = (v: string | Text) => (typeof v === 'string' ? v : renderBoth(v));

const calendar = bundledCalendar();
const table1 = JSON.parse(readFileSync(`${ROOT}examples/populations/table1-household.json`, 'utf8')) as CaseData;

describe('Table 1 of the paper', () => {
  it("with the example's market inputs, 梁平, 平罗 and 内江 pay 1.4, 0.9 and 3 万元/亩", () => {
    // The example states: rent 500 元/亩/年, negotiated 14000 元/亩 under a 48000 元/亩 standard, zone 一级, 1.00 亩.
    expect(table1.market).toMatchObject({ rentPerMuYear: '500', acquisitionStandardPerMu: '48000', zone: '一级' });
    expect(table1.exit!.negotiatedPricePerMu).toBe('14000');
    const t = compareParameters(entries('liangping', 'pingluo', 'neijiang'), { calendar, reference: table1 });
    const perMu = t.rows.find((r) => r.key === 'exit.perMu')!;
    expect(printed(perMu.cells['liangping']!.value)).toBe('14000.00 元/亩');
    expect(printed(perMu.cells['pingluo']!.value)).toBe('9000.00 元/亩');
    expect(printed(perMu.cells['neijiang']!.value)).toBe('30000.00 元/亩');
    expect(perMu.cells['neijiang']!.cite).toBe('论文表1');
  });

  it('the built-in reference household is the example file, so the default table shows the same figures', () => {
    expect(referenceCase()).toEqual(table1);
    const t = compareParameters(entries('liangping', 'pingluo', 'neijiang'), { calendar });
    expect(printed(t.rows.find((r) => r.key === 'exit.perMu')!.cells['pingluo']!.value)).toBe('9000.00 元/亩');
    expect(t.reference.note).toEqual(
      msg('compare.referenceMarket', {
        rent: '500',
        subsidy: '106.5',
        standard: '48000',
        negotiated: '14000',
        zone: '一级',
        area: '1.00',
        notice: '2026-01-15',
        contractEnd: '2027-12-31',
      }),
    );
    expect(render(t.reference.note, 'zh')).toBe(
      '参考市场：流转费 500 元/亩/年，地力补贴 106.5 元/亩/年，征地补偿标准 48000 元/亩，协商价格 14000 元/亩，片区 一级；1.00 亩，书面通知 2026-01-15，承包期至 2027-12-31',
    );
    expect(render(t.reference.note, 'en')).toBe(
      'reference market: rent 500 元/亩/年, subsidy 106.5 元/亩/年, acquisition standard 48000 元/亩, negotiated 14000 元/亩, zone 一级; 1.00 亩, notice 2026-01-15, contract end 2027-12-31',
    );
    expect(renderBoth(t.reference.note)).toBe(
      '参考市场 reference market: 流转费 rent 500 元/亩/年, 地力补贴 subsidy 106.5 元/亩/年, 征地补偿标准 acquisition standard 48000 元/亩, 协商价格 negotiated 14000 元/亩, 片区 zone 一级; 1.00 亩, 书面通知 notice 2026-01-15, 承包期至 contract end 2027-12-31',
    );
    const given = compareParameters(entries('pingluo'), { calendar, reference: table1 }).reference.note;
    expect(given).toEqual(msg('compare.referenceGiven'));
    expect(render(given, 'en')).toBe('reference household: given by the caller');
    expect(renderBoth(given)).toBe('参考农户 reference household: 由调用方提供 given by the caller');
  });
});

describe('the parameter table of the six bundled policies', () => {
  const t = compareParameters(entries(...POLICY_IDS), { calendar });
  const row = (key: string) => t.rows.find((r) => r.key === key)!;

  it('has a column per policy and every non-empty cell names its article', () => {
    expect(t.policies.map((p) => p.id)).toEqual([...POLICY_IDS]);
    for (const r of t.rows) {
      expect(Object.keys(r.cells)).toEqual([...POLICY_IDS]);
      for (const c of Object.values(r.cells)) if (c) expect(c.cite, `${r.key}`).not.toBe('');
    }
  });

  it('reads rows from declarations: compare: keys, implements: tags, modes', () => {
    expect(row('noticePeriod').cells).toMatchObject({
      qinzhou: { value: '半年', cite: '第十条第一项' },
      neijiang: { value: '半年', cite: '农村土地承包法第三十条' },
    });
    expect(row('publicNoticePeriod').cells['qinzhou']).toEqual({ value: '3 工作日', cite: '第七条第二项' });
    expect(row('publicNoticePeriod').cells['neijiang']).toBeNull();
    expect(row('objectionWindow').cells['qinzhou']).toEqual({ value: '15 日', cite: '附件3' });
    expect(row('partialExitCap').cells['liangping']).toEqual({ value: '50%', cite: '论文1.2' });
    expect(row('coolingOff').cells['model-scheme']).toEqual({ value: '30 日', cite: '论文3.4冷静期' });
    expect(row('reentryWindow').cells['model-scheme']).toMatchObject({ value: '5 年', assumed: true });
    // 表1's 「原则上不超过」 read as a hard cap is an assumption, and the comparison says so (issue 14).
    expect(row('acquisitionStandardInput').cells['liangping']).toMatchObject({ assumed: true });
    expect(printed(row('exit.membership').cells['pingluo']!.value)).toContain('须放弃成员身份');
    // Modes by their labels, never their ids; what the row says of each, in the reader's language.
    const membership = row('exit.membership').cells['qinzhou']!.value;
    expect(membership).toEqual(
      msg('text.clauses', {
        first: msg('compare.modeValue', { mode: '永久退出', value: { zh: '可自愿申请退出成员身份', en: 'may apply to leave' } }),
      }),
    );
    expect(render(membership as Text, 'zh')).toBe('永久退出：可自愿申请退出成员身份');
    expect(render(membership as Text, 'en')).toBe('永久退出: may apply to leave');
    expect(printed(membership)).toBe('永久退出: 可自愿申请退出成员身份 may apply to leave');
    // A parameter the case supplies: the UI names the field (fromCase), files say it in words.
    const rent = row('rentInput').cells['leling']!;
    expect(rent).toMatchObject({ fromCase: 'market.rentPerMuYear', cite: '论文1.3.3' });
    expect(rent.value).toEqual(msg('text.clauses', { first: msg('compare.fromCase', { path: 'market.rentPerMuYear' }) }));
    expect(render(rent.value as Text, 'zh')).toBe('案件：market.rentPerMuYear');
    expect(render(rent.value as Text, 'en')).toBe('the case: market.rentPerMuYear');
    expect(printed(rent.value)).toBe('案件 case: market.rentPerMuYear');
    const next = row('exit.keepsNextRound').cells['pingluo']!.value;
    const pingluoPermanent = '永久退出（退出后转为非农户口并放弃集体经济组织成员身份和权益）';
    expect(next).toEqual(
      msg('text.clauses', { first: msg('compare.modeValue', { mode: pingluoPermanent, value: { zh: '否', en: 'no' } }) }),
    );
    expect(render(next as Text, 'zh')).toBe(`${pingluoPermanent}：否`);
    expect(render(next as Text, 'en')).toBe(`${pingluoPermanent}: no`);
    expect(printed(next)).toBe(`${pingluoPermanent}: 否 no`);
    expect(row('exit.implements.coOwnerConsent').cells['qinzhou']).toEqual({ value: '家庭共有人一致同意（第十一条）', cite: '第十一条' });
    expect(row('exit.modes').cells['leling']!.value).toContain('本轮承包期退出（保留参与新一轮土地承包分配的权利）');
    expect(row('exit.modes').cells['leling']!.value).not.toContain('currentTerm');
  });

  it('shows votes with body, base, threshold and quorum, and marks assumptions', () => {
    const v = row('exit.vote').cells['qinzhou']!;
    const zh = render(v.value as Text, 'zh');
    expect(zh).toContain('成员大会：应到成员三分之二以上通过');
    // 钦州's group vote is two rules: the 户主会议 counts households, the 村民小组会议 villagers.
    expect(zh).toContain('户主会议/组级户主会议：到会成员过半数通过');
    expect(zh).toContain('村民小组会议：到会成员过半数通过');
    // A message (compare.voteRule): the English says the base in English, the policy's words as written.
    expect(((v.value as Message).args as { first: Message }).first.code).toBe('compare.voteRule');
    expect(render(v.value as Text, 'en')).toContain('成员大会: passed by 三分之二以上 of entitled members');
    expect(render(v.value as Text, 'en')).not.toMatch(/应到成员|到会成员|通过|假定/);
    expect(v.assumed).toBe(true);
    expect(v.cite).toContain('第十条第二项');
  });

  it('evaluates the per-亩 figure of each mode for the reference market', () => {
    const perMu = row('exit.perMu').cells;
    expect(printed(perMu['qinzhou']!.value)).toBe('18195.00 元/亩'); // (500 + 106.5) × 30
    expect(printed(perMu['model-scheme']!.value)).toContain('[permanent] 34500.00 元/亩'); // 30000 × 1.15 × 1.00
    expect(printed(perMu['model-scheme']!.value)).toContain('[custody] 0.00 元/亩');
  });

  it("says the rows computed for the reference household as messages: each mode's figure, the completion with the notice date", () => {
    const perMu = row('exit.perMu').cells['leling']!.value;
    expect(perMu).toEqual(
      msg('text.clauses', {
        first: msg('compare.perMu', { mode: 'permanent', per: '18195.00' }),
        rest: msg('text.clauses', { first: msg('compare.perMu', { mode: 'currentTerm', per: '725.00' }) }),
      }),
    );
    expect(render(perMu as Text, 'zh')).toBe('[permanent] 18195.00 元/亩；[currentTerm] 725.00 元/亩');
    expect(render(perMu as Text, 'en')).toBe('[permanent] 18195.00 元/亩; [currentTerm] 725.00 元/亩');
    const completeBy = row('exit.completeBy').cells['qinzhou']!.value;
    expect(completeBy).toEqual(msg('compare.completeByNotice', { date: '2026-07-16', notice: '2026-01-15' }));
    expect(render(completeBy as Text, 'zh')).toBe('2026-07-16（书面通知 2026-01-15）');
    expect(render(completeBy as Text, 'en')).toBe('2026-07-16 (written notice 2026-01-15)');
    expect(printed(completeBy)).toBe('2026-07-16（书面通知 notice 2026-01-15）');
  });

  it('says a reference household the policy refuses in either language', () => {
    const refused = household();
    refused.household.members[1]!.consents = false;
    const v = compareParameters(entries('qinzhou'), { calendar, reference: refused }).rows.find((r) => r.key === 'exit.perMu')!.cells[
      'qinzhou'
    ]!.value;
    expect(v).toEqual(msg('text.clauses', { first: msg('compare.perMu', { per: '22695.00', note: msg('compare.referenceIneligible') }) }));
    expect(render(v as Text, 'zh')).toBe('22695.00 元/亩（参考户不符合条件）');
    expect(render(v as Text, 'en')).toBe('22695.00 元/亩 (the reference household is not eligible)');
    expect(printed(v)).toBe('22695.00 元/亩（参考户不符合条件 the reference household is not eligible）');
  });

  it('has exactly one row for each compare: key the checker knows, labelled as dsl/vocabulary.ts labels it', () => {
    const rows = VOCABULARY.filter((v) => v.source === 'parameter');
    expect(rows.map((v) => v.key).sort()).toEqual([...COMPARE_KEYS].sort());
    for (const v of rows) expect({ zh: v.zh, en: v.en }).toEqual(COMPARE_PARAMETERS[v.key as CompareKey]);
    // 平罗's graded zone prices are comparable keys the checker knows, not a drift between two lists.
    expect(COMPARE_KEYS).toEqual(expect.arrayContaining(['zoneInput', 'zonePriceGrade2', 'zonePriceGrade3']));
  });

  it('prints CSV with a value column and an article column per policy', () => {
    const csv = formatTable(t, 'csv');
    const head = csv.split('\n')[0]!.split(',');
    expect(head.slice(0, 4)).toEqual(['key', 'label', 'qinzhou', 'qinzhou 条文 cite']);
    expect(head).toHaveLength(2 + 2 * POLICY_IDS.length);
    const notice = csv.split('\n').find((l) => l.startsWith('noticePeriod,'))!;
    expect(notice).toContain(',半年,第十条第一项,');
    expect(formatTable(t, 'markdown')).toContain('| 提前书面通知期 written notice ahead of exit | 半年 〔第十条第一项〕 |');
  });
});
