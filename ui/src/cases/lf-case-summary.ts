// The case at a glance, as it would be read out or printed: the amount (in figures and 大写), per
// 亩, area, contract number, what has been paid and what is outstanding, the penalty, and the next
// deadline. Every figure comes from the engine: the signed contract in the case state, or before
// signing the policy's evaluation of the case (marked as an estimate).
import { css, html, nothing } from 'lit';
import type { CaseRecord, Deadline, Evaluation } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';

/** The deadline to watch: overdue first, then the earliest due, then the earliest waiting. */
export function nextDeadline(list: Deadline[]): Deadline | undefined {
  const open = list.filter((d) => d.kind !== 'done' && d.due);
  const rank = (d: Deadline) => (d.kind === 'overdue' ? 0 : d.kind === 'due' ? 1 : 2);
  return [...open].sort((a, b) => rank(a) - rank(b) || a.due!.localeCompare(b.due!))[0];
}

export class LfCaseSummary extends LfElement {
  static override properties = {
    record: { attribute: false },
    deadlines: { attribute: false },
    evaluation: { attribute: false },
  };
  declare record: CaseRecord;
  declare deadlines: Deadline[];
  /** The policy's evaluation of the case, for the amount before a contract is signed. */
  declare evaluation: Evaluation | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.5rem 1.2rem; margin: 0; }
      dt { font-size: 0.82rem; color: var(--lf-muted); }
      dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
      dd .words { display: block; font-weight: 400; font-size: 0.88rem; }
      .wide { grid-column: 1 / -1; }
      ul { margin: 0; padding-left: 1.1rem; font-weight: 400; }
    `,
  ];

  constructor() {
    super();
    this.deadlines = [];
    this.evaluation = null;
  }

  override render() {
    const s = this.record?.state;
    if (!s) return nothing;
    const k = s.contract;
    const est = !k && this.evaluation?.eligible ? this.evaluation.compensation : undefined;
    const yuan = t('unit.yuan');
    const next = nextDeadline(this.deadlines);
    const amount = k?.amount ?? est?.amount;
    const words = k?.words ?? est?.words;
    const perMu = k?.pricePerMu ?? est?.perMu;
    return html`<dl data-testid="case-summary">
      <div>
        <dt>${t('compare.amount')}${k ? nothing : est ? html` <span class="badge">${t('cases.estimate')}</span>` : nothing}</dt>
        <dd data-testid="summary-amount">${amount ? html`${amount} ${yuan}${words ? html`<span class="words">${t('compare.words')} ${asWritten(words)}</span>` : nothing}` : html`<span class="muted">${t('cases.noAmountYet')}</span>`}</dd>
      </div>
      <div><dt>${t('compare.perMu')}</dt><dd>${perMu ? `${perMu} ${yuan}/${t('unit.mu')}` : '—'}</dd></div>
      <div><dt>${t('cases.area')}</dt><dd>${k?.area ? `${k.area} ${t('unit.mu')}` : '—'}</dd></div>
      <div><dt>${t('cases.contractNumber')}</dt><dd data-testid="summary-contract">${k?.number ? asWritten(k.number) : html`<span class="muted">${k ? t('cases.unnumbered') : t('cases.notSigned')}</span>`}</dd></div>
      ${
        k
          ? html`<div><dt>${t('cases.paid')}</dt><dd>${k.paid} ${yuan}</dd></div>
            <div><dt>${t('cases.outstanding')}</dt><dd data-testid="summary-outstanding">${k.outstanding} ${yuan}</dd></div>
            <div><dt>${t('cases.penalty')}</dt><dd>${k.penalty} ${yuan}${k.penaltyPerDayPerTenThousand ? html`<span class="words">${t('cases.penaltyRate', { r: k.penaltyPerDayPerTenThousand })}</span>` : nothing}</dd></div>
            <div><dt>${t('cases.paymentDue')}</dt><dd>${k.paymentDue ?? '—'}</dd></div>`
          : nothing
      }
      <div>
        <dt>${t('cases.nextDeadline')}</dt>
        <dd data-testid="summary-next">${next ? html`${next.due} <span class="words">${t(`cases.kind.${next.kind}` as 'cases.kind.due')} · ${asWritten(next.label)}</span>` : html`<span class="muted">${t('cases.noOpenDeadline')}</span>`}</dd>
      </div>
      ${
        s.payments.length
          ? html`<div class="wide"><dt>${t('cases.payments')}</dt><dd><ul>${s.payments.map(
              (p) =>
                html`<li>${p.date} · ${p.amount} ${yuan}${p.lateDays ? html` · ${t('cases.lateDays', { n: p.lateDays })}` : nothing}</li>`,
            )}</ul></dd></div>`
          : nothing
      }
      ${
        s.outcome
          ? html`<div class="wide"><dt>${t('cases.outcome')}</dt><dd>${s.outcome.on} · ${shown(s.outcome.reason)}${s.outcome.cite ? html` <span class="cite">${asWritten(s.outcome.cite)}</span>` : nothing}</dd></div>`
          : nothing
      }
    </dl>`;
  }
}

define('lf-case-summary', LfCaseSummary);
