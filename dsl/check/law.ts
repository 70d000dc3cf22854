// National law a policy must not contradict (domain.md §4), judged on declared semantics only —
// the `implements:` tags of rules, the `compare:` keys of parameters and the `membership` of
// modes — never guessed from names. Each finding cites its article (see dsl/messages.ts L7xx).
// A policy may waive one with a written justification (top-level `waivers:`), shown as a note.
import type { Period, Procedure, Rule } from '../policy-model.ts';
import type { CheckContext } from './context.ts';
import { comparePeriods, readPeriod } from '../legal-text/index.ts';

const HALF_YEAR = readPeriod('半年') as Period;
const HALF_YEAR_MIN_DAYS = 181; // the shortest six months (Sep 1 → Mar 1 in a common year)
const HALF_YEAR_MAX_DAYS = 184;

function rulesOf(proc: Procedure): Rule[] {
  return [...proc.eligibility, ...proc.modes.flatMap((m) => m.eligibility)];
}

function implementsTag(proc: Procedure, tag: string): boolean {
  // A mode-specific rule covers the law only if every mode has one (or there are no modes).
  if (proc.eligibility.some((r) => r.implements.includes(tag))) return true;
  return proc.modes.length > 0 && proc.modes.every((m) => m.eligibility.some((r) => r.implements.includes(tag)));
}

export function checkLaw(ctx: CheckContext): void {
  const { policy, built } = ctx;
  const { exit, transfer } = policy.procedures;
  const procSpan = (p: Procedure) => built.spans.get(p, 'eligibility') ?? p.span;

  if (exit) {
    // 第三十条: 应当提前半年以书面形式通知发包方.
    const notice = policy.parameters.find((p) => p.compare === 'noticePeriod');
    if (!notice) ctx.report('L702', exit.span);
    else if (!notice.period) ctx.report('L702', notice.valueSpan ?? notice.span);
    else {
      const { amount, unit, text } = notice.period;
      const at = notice.valueSpan ?? notice.span;
      const againstHalfYear = comparePeriods(notice.period, HALF_YEAR);
      if (againstHalfYear !== null) {
        if (againstHalfYear < 0) ctx.report('L701', at, { value: text });
      } else if (unit === '日') {
        if (amount < HALF_YEAR_MIN_DAYS) ctx.report('L701', at, { value: text });
        else if (amount < HALF_YEAR_MAX_DAYS) ctx.report('L708', at, { value: text });
      } else {
        // Working days need the holiday calendar; only a clearly short count is certain.
        if ((amount * 7) / 5 + 14 < HALF_YEAR_MIN_DAYS) ctx.report('L701', at, { value: text });
        else ctx.report('L708', at, { value: text });
      }
    }
    if (!implementsTag(exit, 'coOwnerConsent')) ctx.report('L707', procSpan(exit), { procedure: { zh: '退出', en: 'exit' } });
    // 农村集体经济组织法第十六条、第十七条: leaving membership is voluntary.
    for (const m of exit.modes) {
      if (m.membership === 'mustLeave') ctx.report('L706', built.spans.get(m, 'membership') ?? m.span, { mode: m.label || m.id });
    }
  }

  if (transfer) {
    if (!implementsTag(transfer, 'transfer.sameCollective')) ctx.report('L703', procSpan(transfer));
    if (!implementsTag(transfer, 'transfer.termWithinContract')) ctx.report('L705', procSpan(transfer));
    if (!implementsTag(transfer, 'coOwnerConsent')) ctx.report('L707', procSpan(transfer), { procedure: { zh: '转让', en: 'transfer' } });
  }

  // 第二十七条第二款: exit may not be a condition of settling in town.
  for (const proc of [exit, transfer]) {
    if (!proc) continue;
    for (const r of rulesOf(proc)) {
      r.implements.forEach((tag, i) => {
        if (tag === 'settlement.requiresExit') ctx.report('L704', built.spans.get(r, `implements.${i}`) ?? r.span);
      });
    }
  }
}
