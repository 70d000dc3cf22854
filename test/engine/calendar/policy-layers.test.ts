// A policy naming a calendar layer the host does not have is an error at its line (P628), not a
// case silently counted on the national calendar.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkPolicy } from '../../../dsl/index.ts';
import { loadPolicyText } from '../../../engine/policies/load.ts';
import { bundledLayers } from '../../../engine/calendar/index.ts';
import { CALENDAR_LAYER_IDS } from '../../../dsl/calendar-layers.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const file = 'policies/qinzhou.yaml';
const text = readFileSync(file, 'utf8');
const withCalendar = (list: string) => text.replace('calendar: [national]', `calendar: ${list}`);
const lineOf = (src: string, needle: string) => src.slice(0, src.indexOf(needle)).split('\n').length;

describe('calendar layers named by a policy', () => {
  it('an unknown layer is error P628 at its line and column, with the known ids and a suggestion', () => {
    const src = withCalendar('[national, guangxy]');
    const r = loadPolicyText(src, file, { reads: 'checkWithoutRunning' });
    const d = r.diagnostics.filter((x) => x.code === 'P628');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', start: src.indexOf('guangxy'), end: src.indexOf('guangxy') + 'guangxy'.length });
    expect(lineOf(src, 'guangxy')).toBe(19); // meta.calendar in policies/qinzhou.yaml
    expect(renderBoth(d[0]!.message)).toContain('guangxy');
    expect(renderBoth(d[0]!.message)).toContain('national, guangxi');
    expect(renderBoth(d[0]!.message)).toContain('guangxi');
    expect(r.policy).toBeUndefined(); // no case can run on it
  });

  it('the bundled regional layer is accepted', () => {
    const r = loadPolicyText(withCalendar('[national, guangxi]'), file, { reads: 'checkWithoutRunning' });
    expect(r.diagnostics.filter((x) => x.code === 'P628')).toEqual([]);
  });

  it('the pure checker (as the browser editor runs it) refuses an unknown layer too', () => {
    const src = withCalendar('[national, hainan]');
    expect(checkPolicy(src, file).diagnostics.some((x) => x.code === 'P628')).toBe(true);
  });

  it('the declared layer ids are exactly the layers the engine ships', () => {
    expect([...CALENDAR_LAYER_IDS].sort()).toEqual(Object.keys(bundledLayers).sort());
  });
});
