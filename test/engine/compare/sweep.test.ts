import { describe, expect, it } from 'vitest';
import { sweepCase } from '../../../engine/compare/case-sweep.ts';
import { formatCaseSweep } from '../../../engine/compare/format.ts';
import { parseSweep, SweepError } from '../../../engine/compare/sweep.ts';
import { entries, household } from './helpers.ts';

describe('parseSweep', () => {
  it('reads case fields (English or Chinese labels) and parameters, with exact points', () => {
    expect(parseSweep('market.rentPerMuYear=300:900:100')).toMatchObject({
      target: { kind: 'case', path: 'market.rentPerMuYear', unit: '元/亩/年' },
      values: ['300', '400', '500', '600', '700', '800', '900'],
    });
    expect(parseSweep('市场.流转费=0.1:0.3:0.1').values).toEqual(['0.1', '0.2', '0.3']); // no 0.30000000000000004
    expect(parseSweep('market.rentPerMuYear=300:900:100').target).toEqual(parseSweep('市场.流转费=300:900:100').target);
    expect(parseSweep('param:compensationYears=20:40:5')).toMatchObject({
      target: { kind: 'param', key: 'compensationYears' },
      values: ['20', '25', '30', '35', '40'],
    });
    expect(parseSweep('market.rentPerMuYear=300:350:100').values).toEqual(['300']);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseSweep('rent=300:900:100')).toThrow(SweepError);
    expect(() => parseSweep('household.hukou=1:2:1')).toThrow(/不是数值 is not a number field/);
    expect(() => parseSweep('market.rentPerMuYear=900:300:100')).toThrow(/TO must not be below FROM/);
    expect(() => parseSweep('market.rentPerMuYear=300:900:0')).toThrow(/positive/);
    expect(() => parseSweep('market.rentPerMuYear=0:1000:1')).toThrow(/too many points/);
    expect(() => parseSweep('market.rentPerMuYear')).toThrow(/TARGET=FROM:TO:STEP/);
  });
});

describe('one household along a sweep', () => {
  it('内江 pays 2.35 亩 × rent × 2 × 30 at each rent; 梁平 does not depend on the rent', () => {
    const s = sweepCase({
      entries: entries('neijiang', 'liangping', 'qinzhou'),
      kase: household(),
      sweep: parseSweep('market.rentPerMuYear=300:900:300'),
    });
    expect(s.points.map((p) => [p.value, ...p.results.map((r) => r.amount)])).toEqual([
      ['300', '42300.00', '32900.00', '28658.25'],
      ['600', '84600.00', '32900.00', '49808.25'],
      ['900', '126900.00', '32900.00', '70958.25'],
    ]);
    expect(s.policies.map((p) => p.affected)).toEqual([true, true, true]);
    expect(formatCaseSweep(s, 'csv').split('\n')[0]).toBe(
      'value,neijiang eligible,neijiang amount,liangping eligible,liangping amount,qinzhou eligible,qinzhou amount',
    );
  });

  it('梁平 caps the negotiated price at the acquisition standard', () => {
    const s = sweepCase({
      entries: entries('liangping'),
      kase: household(),
      sweep: parseSweep('exit.negotiatedPricePerMu=40000:56000:8000'),
    });
    expect(s.points.map((p) => p.results[0]!.amount)).toEqual(['94000.00', '112800.00', '112800.00']);
  });

  it('a parameter sweep changes the policies that declare it and no other', () => {
    const s = sweepCase({
      entries: entries('qinzhou', 'liangping'),
      kase: household(),
      sweep: parseSweep('param:compensationYears=10:20:10'),
    });
    expect(s.points.map((p) => p.results.map((r) => r.amount))).toEqual([
      ['17777.75', '32900.00'],
      ['35555.50', '32900.00'],
    ]);
    expect(s.policies.map((p) => p.affected)).toEqual([true, false]);
    expect(() =>
      sweepCase({ entries: entries('liangping'), kase: household(), sweep: parseSweep('param:compensationYears=10:20:10') }),
    ).toThrow(/compensationYears/);
  });
});
