// The reference household of the parameter table: one 1.00-亩 parcel, every condition met, and
// market inputs stated here so a per-亩 figure is comparable across pilots. The market is the
// paper's Table 1 reading: rent 500 元/亩/年 (内江's 3 万元/亩 = 500 × 2 × 30), a negotiated price of
// 14 000 元/亩 under a 48 000 元/亩 acquisition standard (梁平 1.4 万元/亩), 平罗's reference zone
// (一级, 0.9 万元/亩); the subsidy 106.5 元/亩/年 is the shared example household's. These are
// assumptions for comparison, not facts of any place.
import type { CaseData } from '../../dsl/case-model.ts';
import { msg, type Message } from '../../dsl/message.ts';

/** What the table says of its reference household: the market inputs and the parcel, read from it. */
export function referenceNote(): Message {
  const c = referenceCase();
  return msg('compare.referenceMarket', {
    rent: c.market!.rentPerMuYear,
    subsidy: c.market!.subsidyPerMuYear,
    standard: c.market!.acquisitionStandardPerMu,
    negotiated: c.exit!.negotiatedPricePerMu,
    zone: c.market!.zone,
    area: c.parcels[0]!.area,
    notice: c.exit!.noticeDate,
    contractEnd: c.contract.end,
  });
}

export function referenceCase(): CaseData {
  return {
    household: {
      head: { name: '参考户主', idNumber: '' },
      members: [{ name: '参考户主', idNumber: '', relation: '户主', coOwner: true, consents: true }],
      collective: { town: '参考镇', village: '参考村', group: '参考组' },
      hukou: 'urban',
      urbanHome: true,
      stableNonFarmIncome: true,
      socialInsurance: true,
      nonFarmIncomeShare: '0.90',
      headAge: 50,
      size: 1,
    },
    contract: { number: 'REF', start: '1998-01-01', end: '2027-12-31' },
    parcels: [
      { name: '参考地块', landClass: '水田', isArable: true, area: '1.00', bounds: { east: '—', south: '—', west: '—', north: '—' } },
    ],
    market: { year: 2026, rentPerMuYear: '500', subsidyPerMuYear: '106.5', acquisitionStandardPerMu: '48000', zone: '一级' },
    exit: { parcels: ['参考地块'], mode: 'permanent', payer: 'group', noticeDate: '2026-01-15', negotiatedPricePerMu: '14000' },
  };
}
