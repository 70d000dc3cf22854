import { describe, expect, it } from 'vitest';
import { buildDocumentModel, wholeYears, type DocumentModel } from '../../../engine/documents/model.ts';
import { MODEL_SHAPE, shapePaths, type Shape } from '../../../engine/documents/model-shape.ts';
import { HELPERS } from '../../../engine/documents/helpers.ts';
import { DocumentError } from '../../../engine/documents/errors.ts';
import { loadCase, qinzhouInput } from './fixtures.ts';
import { caught } from '../../helpers/errors.ts';

/** Every key of the model is in the shape and every key of the shape is in the model. */
function conformance(value: unknown, shape: Shape, path: string, problems: string[]): void {
  if (value === null) return; // any section may be absent
  if (shape === 'value') {
    if (typeof value === 'object') problems.push(`${path}: expected a printable value`);
    return;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected a list`);
    value.forEach((v, i) => conformance(v, shape[0], `${path}[${i}]`, problems));
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${path}: expected an object`);
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!(k in shape)) problems.push(`${path}.${k}: in the model, not in the shape`);
  for (const [k, s] of Object.entries(shape)) {
    if (!(k in obj)) problems.push(`${path}.${k}: in the shape, not in the model`);
    else conformance(obj[k], s, `${path}.${k}`, problems);
  }
}

describe('buildDocumentModel for the shared 钦州 household', () => {
  const model = buildDocumentModel(qinzhouInput('退出合同'));

  it('matches the declared shape both ways', () => {
    const problems: string[] = [];
    conformance(model, MODEL_SHAPE, 'model', problems);
    expect(problems).toEqual([]);
  });

  it('derives household and collective fields', () => {
    expect(model.household.head).toEqual({ name: '黄某明', idNumber: '450702196803151235', idMasked: '4507**********1235' });
    expect(model.household.memberNames).toBe('黄某明、李某芳、黄某强');
    expect(model.household.coOwnerNames).toBe('黄某明、李某芳、黄某强');
    expect(model.household.size).toBe(3);
    expect(model.household.labour).toBeNull();
    expect(model.household.collective.full).toBe('钦南区某镇某村第三村民小组');
    expect(model.certificateNo).toBe('450702202300123J');
    expect(model.contractNumber).toEqual({ kind: '退出', year: 2026, seq: 1, text: '退出（2026）第 001 号' });
    expect(model.policy.articlesText).toBe('第十条、第十一条');
    expect(model.policy.regionName).toBe('广西壮族自治区钦州市');
  });

  it('lists the exit parcels with 序号, area as written, bounds and totals', () => {
    const exit = model.exit!;
    expect(exit.parcels.rows.map((r) => [r.seq, r.name, r.area, r.landClass])).toEqual([
      [1, '门口田', '1.20', '水田'],
      [2, '坡地', '1.15', '旱地'],
    ]);
    expect(exit.parcels.rows[0].bounds).toEqual({ east: '黄某光田', south: '水渠', west: '村道', north: '李某田' });
    expect(exit.parcels.totalArea).toBe('2.35');
    expect(exit.parcels.totalAreaWords).toBe('贰点叁伍');
    expect(exit.parcels.names).toBe('门口田、坡地');
    expect(exit.parcels.count).toBe(2);
    expect(exit.parcels.countWords).toBe('二');
    expect(exit.isFull).toBe(true);
    expect(exit.mode).toBe('permanent');
    expect(exit.modeLabel).toBe('永久退出');
    expect(exit.modeChoice).toBe(false);
    // 钦州 declares no keepsNextRound: documents print only what the law says of the next round.
    expect([exit.isPermanent, exit.isCurrentTerm, exit.isCustody, exit.isReturn]).toEqual([false, false, false, true]);
    expect(exit.payer).toBe('group');
    expect(exit.payerLabel).toBe('村民小组（组集体）');
    expect(exit.noticePeriod).toBe('半年');
    expect(exit.noticeSource).toBe('《广西钦州市城乡融合发展试验区农村土地承包经营权有偿转让退出管理办法（试行）》第十条第一项');
    expect(exit.paymentDate).toBeNull();
    expect(exit.compensation).toEqual({ amount: '53333.25', words: '伍万叁仟叁佰叁拾叁元贰角伍分', perMu: '22695.00' });
    expect(exit.noticeDate).toBe('2026-01-15');
  });

  it('gives land-class subtotals over all contracted land (退出申请书)', () => {
    expect(model.land.classTotals).toEqual({ paddy: '1.20', dry: '1.15', other: '0.00' });
    expect(model.land.totalArea).toBe('2.35');
  });

  it('leaves the transfer total blank when the engine does not give it (the document layer never computes money)', () => {
    const t = model.transfer!;
    expect(t.parcels.rows.map((r) => r.name)).toEqual(['坡地']);
    expect(t.pricePerMu).toBe('21000');
    expect(t.total).toBeNull();
    expect(t.totalWords).toBeNull();
    expect(t.termStart).toBeNull();
    expect(t.termYears).toBeNull();
    expect(t.penaltyPerDay).toBe('5');
    expect(t.transferee.head.name).toBe('韦某华');
  });

  it('prefers the transfer total handed over by the engine', () => {
    const input = qinzhouInput('转让合同');
    input.result = { transferTotal: '24000.5' };
    expect(buildDocumentModel(input).transfer!.total).toBe('24000.50');
  });

  it('prints the transfer total in words from the engine’s figure', () => {
    const input = qinzhouInput('转让合同');
    input.result = { transferTotal: '24150.00' };
    expect(buildDocumentModel(input).transfer).toMatchObject({ total: '24150.00', totalWords: '贰万肆仟壹佰伍拾元整' });
  });

  it('leaves sections null when the case has none', () => {
    const kase = loadCase();
    delete kase.exit;
    delete kase.transfer;
    const m = buildDocumentModel({ ...qinzhouInput('转让公示'), kase, result: {}, contractNumber: undefined, date: undefined });
    expect(m.exit).toBeNull();
    expect(m.transfer).toBeNull();
    expect(m.contractNumber).toBeNull();
    expect(m.date).toBeNull();
    expect(m.form.copies).toBeNull();
  });

  it('marks a partial exit', () => {
    const kase = loadCase();
    kase.exit!.parcels = ['坡地'];
    const m = buildDocumentModel({ ...qinzhouInput('退出合同'), kase });
    expect(m.exit!.isFull).toBe(false);
    expect(m.exit!.parcels.totalArea).toBe('1.15');
  });
});

describe('buildDocumentModel refuses bad input with a field path', () => {
  const error = (fn: () => unknown) => caught(fn) as DocumentError;

  it('an unknown exit parcel', () => {
    const kase = loadCase();
    kase.exit!.parcels = ['门口田', '后山地'];
    const e = error(() => buildDocumentModel({ ...qinzhouInput('退出合同'), kase }));
    expect(e).toBeInstanceOf(DocumentError);
    expect(e.where).toBe('exit.parcels[1]');
    expect(e.message).toMatch(/未知地块 unknown parcel: 后山地/);
  });

  it('words that do not match the figures (票据法 第八条)', () => {
    const input = qinzhouInput('退出合同');
    input.result = { compensation: { amount: '53333.25', words: '伍万叁仟叁佰叁拾叁元整' } };
    const e = error(() => buildDocumentModel(input));
    expect(e.where).toBe('result.compensation.words');
    expect(e.message).toMatch(/大写金额与小写不一致/);
  });

  it('accepts words with the 人民币 prefix and fills missing words', () => {
    const input = qinzhouInput('退出合同');
    input.result = { compensation: { amount: '53333.25', words: '人民币伍万叁仟叁佰叁拾叁元贰角伍分' } };
    expect(buildDocumentModel(input).exit!.compensation!.words).toBe('伍万叁仟叁佰叁拾叁元贰角伍分');
    input.result = { compensation: { amount: '1000' } };
    expect(buildDocumentModel(input).exit!.compensation).toEqual({ amount: '1000', words: '壹仟元整', perMu: null });
  });

  it('an unrounded compensation', () => {
    const input = qinzhouInput('退出合同');
    input.result = { compensation: { amount: '53333.255' } };
    expect(error(() => buildDocumentModel(input)).where).toBe('result.compensation.amount');
  });

  it('a malformed area or date', () => {
    const kase = loadCase();
    kase.parcels[1].area = '1,15';
    expect(error(() => buildDocumentModel({ ...qinzhouInput('退出合同'), kase })).where).toBe('parcels[1].area');
    const kase2 = loadCase();
    kase2.exit!.noticeDate = '2026-02-30';
    expect(error(() => buildDocumentModel({ ...qinzhouInput('退出合同'), kase: kase2 })).where).toBe('exit.noticeDate');
  });
});

describe('wholeYears', () => {
  it('counts terms of whole years, else null', () => {
    expect(wholeYears('2026-01-01', '2026-12-31')).toBe(1);
    expect(wholeYears('2026-12-01', '2027-11-30')).toBe(1);
    expect(wholeYears('1998-01-01', '2027-12-31')).toBe(30);
    expect(wholeYears('2026-12-01', '2027-12-31')).toBeNull();
    expect(wholeYears('2024-02-29', '2025-02-27')).toBe(1); // 民法典 202: 2025 has no 02-29, so 02-28 is the last day… minus one
  });
});

describe('helper names never shadow model fields', () => {
  it('no helper is named like any field', () => {
    const fields = new Set(shapePaths().flatMap((p) => p.replace(/\[\]/g, '').split('.')));
    const clashes = Object.keys(HELPERS).filter((h) => fields.has(h));
    expect(clashes).toEqual([]);
  });
});

export type { DocumentModel };

describe('policy articles cited', () => {
  it('prints only the policy’s own articles after its title', () => {
    const input = qinzhouInput('退出合同');
    input.policy = { ...input.policy, articles: ['第十条', '农村土地承包法第三十条', '论文表1', '第十一条第二款'] };
    const m = buildDocumentModel(input);
    expect(m.policy.articlesText).toBe('第十条、第十一条第二款');
    expect(m.policy.articles.map((a) => a.key)).toEqual(['第十条', '农村土地承包法第三十条', '论文表1', '第十一条第二款']);
  });
  it('accepts the articles map (key → text)', () => {
    const input = qinzhouInput('退出合同');
    input.policy = { ...input.policy, articles: { 第十条: '农村土地承包经营权退出应当遵循以下程序', 附件5: '退出合同' } };
    const m = buildDocumentModel(input);
    expect(m.policy.articles).toEqual([
      { key: '第十条', text: '农村土地承包经营权退出应当遵循以下程序' },
      { key: '附件5', text: '退出合同' },
    ]);
    expect(m.policy.articlesText).toBe('第十条');
  });
});
