// The case's steps on a timeline: done, due, overdue or waiting, each with its computed date and
// the explanation of how the date was counted (start day, rule, skipped holidays, article).
import { css, html, nothing } from 'lit';
import type { Deadline } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';

export class LfCaseTimeline extends LfElement {
  static override properties = { deadlines: { attribute: false } };
  declare deadlines: Deadline[];

  static override styles = [
    LfElement.styles,
    css`
      ol { list-style: none; margin: 0; padding: 0 0 0 1.1rem; border-left: 3px solid var(--lf-line); }
      li { position: relative; padding: 0.2rem 0 0.7rem 0.6rem; }
      li::before { content: ''; position: absolute; left: -1.62rem; top: 0.45rem; width: 0.85rem; height: 0.85rem; border-radius: 50%; background: #fff; border: 3px solid var(--lf-line); }
      li.done::before { background: var(--lf-ok); border-color: var(--lf-ok); }
      li.due::before { border-color: #d08a00; }
      li.overdue::before { background: var(--lf-error); border-color: var(--lf-error); }
      li.waiting::before { border-color: #1f6fb2; }
      .line { display: flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; }
      .label { font-weight: 600; }
      .date { font-variant-numeric: tabular-nums; }
      details ul { margin: 0.2rem 0 0; padding-left: 1.1rem; font-size: 0.86rem; }
    `,
  ];

  constructor() {
    super();
    this.deadlines = [];
  }

  override render() {
    if (this.deadlines.length === 0) return html`<p class="muted">${t('cases.noDeadlines')}</p>`;
    const badge: Record<string, string> = { done: 'ok', due: 'warn', overdue: 'error', waiting: 'info' };
    return html`<ol aria-label=${t('cases.timeline')}>
      ${this.deadlines.map(
        (d) => html`<li class=${d.kind} data-step=${d.step} data-kind=${d.kind}>
          <div class="line">
            <span class="badge ${badge[d.kind] ?? ''}">${t(`cases.kind.${d.kind}` as 'cases.kind.due') || d.kind}</span>
            <span class="label">${asWritten(d.label)}</span>
            ${
              d.due
                ? html`<span class="date">${d.kind === 'done' ? '' : `${t('cases.deadline')} `}${d.due}</span>`
                : html`<span class="date muted small">${t('cases.noTimeLimit')}</span>`
            }
          </div>
          ${
            d.explanation?.length
              ? html`<details><summary class="small">${t('cases.how')}</summary><ul>${d.explanation.map((e) => html`<li>${shown(e)}</li>`)}</ul></details>`
              : nothing
          }
        </li>`,
      )}
    </ol>`;
  }
}

define('lf-case-timeline', LfCaseTimeline);
