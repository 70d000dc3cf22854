// 发布前比较: what the text about to be published changes in meaning (each change with its article)
// and what it does to the open cases pinned to the current version — the server's answer to
// POST /api/policies/:id/diff, shown before the officer confirms. Nothing here computes: it lays out
// the engine's diff (engine/diff) as it came.
import { css, html, nothing } from 'lit';
import type { PolicyDiff } from '../api.ts';
import { getLang, t, type Key } from '../i18n.ts';
import { asWritten } from '../common/content.ts';
import { define, LfElement } from '../common/lf-element.ts';

type Change = PolicyDiff['changes'][number];
type Impact = PolicyDiff['impact']['cases'][number];

const KIND_KEY: Record<Change['kind'], Key> = {
  added: 'policy.diff.added',
  removed: 'policy.diff.removed',
  changed: 'policy.diff.changed',
};

export class LfPolicyDiff extends LfElement {
  static override properties = { diff: { attribute: false } };
  declare diff: PolicyDiff | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      ul { margin: 0.3rem 0 0.6rem; padding-left: 1.2rem; }
      li { margin: 0.15rem 0; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--lf-line, #ddd); vertical-align: top; }
      .moved { font-weight: 600; }
    `,
  ];

  constructor() {
    super();
    this.diff = null;
  }

  private change(c: Change) {
    return html`<li data-testid="diff-change">
      <span class="badge">${t(KIND_KEY[c.kind])}</span>
      <code lang="zh-CN">${c.path}</code>${
        c.kind === 'changed'
          ? html` ${c.field ? html`<span class="small muted">${c.field}</span>` : nothing}
              <span lang="zh-CN">${asWritten(c.before ?? '—')} → ${asWritten(c.after ?? '—')}</span>`
          : nothing
      }${c.cite ? html` <span class="cite">(${t('common.cite')} <span lang="zh-CN">${asWritten(c.cite)}</span>)</span>` : nothing}
    </li>`;
  }

  private outcome(o: Impact['before']) {
    return html`${o.eligible ? t('policy.diff.eligible') : t('policy.diff.ineligible')}${o.amount ? html` · ${o.amount} ${t('policy.diff.yuan')}` : nothing}`;
  }

  private impact(i: Impact) {
    const amountMoved = i.before.amount !== i.after.amount || i.before.eligible !== i.after.eligible;
    return html`<tr data-testid="diff-case">
      <td><a href="#/cases/${encodeURIComponent(i.caseId)}"><code>${i.caseId}</code></a></td>
      <td class=${amountMoved ? 'moved' : ''}>${this.outcome(i.before)} → ${this.outcome(i.after)}</td>
      <td>
        ${
          i.deadlines.length
            ? i.deadlines.map(
                (d) => html`<div><span lang="zh-CN">${asWritten(d.label)}</span>: ${d.before ?? '—'} → ${d.after ?? '—'}</div>`,
              )
            : html`<span class="muted">${t('policy.diff.noDeadlineChange')}</span>`
        }
      </td>
      <td>
        ${
          i.migratable
            ? t('policy.diff.migratable')
            : html`${t('policy.diff.mustFinish')}
              <ul>
                ${i.reasons.map((r) => html`<li lang=${getLang() === 'zh' ? 'zh-CN' : 'en'}>${r[getLang()]}</li>`)}
              </ul>`
        }
      </td>
    </tr>`;
  }

  override render() {
    const d = this.diff;
    if (!d) return nothing;
    return html`
      <h2 class="small">${t('policy.diff.title')}</h2>
      ${
        d.changes.length
          ? html`<p>${t('policy.diff.changes', { n: d.changes.length })}</p>
            <ul>
              ${d.changes.map((c) => this.change(c))}
            </ul>`
          : html`<p data-testid="diff-none">${t('policy.diff.noChange')}</p>`
      }
      <p>${t('policy.diff.openCases', { n: d.impact.cases.length, date: d.impact.date })}</p>
      ${
        d.impact.cases.length
          ? html`<table>
            <thead>
              <tr>
                <th scope="col">${t('policy.diff.case')}</th>
                <th scope="col">${t('policy.diff.outcome')}</th>
                <th scope="col">${t('policy.diff.deadlines')}</th>
                <th scope="col">${t('policy.diff.version')}</th>
              </tr>
            </thead>
            <tbody>
              ${d.impact.cases.map((i) => this.impact(i))}
            </tbody>
          </table>`
          : nothing
      }
      ${d.impact.otherVersions ? html`<p class="small muted">${t('policy.diff.otherVersions', { n: d.impact.otherVersions })}</p>` : nothing}
    `;
  }
}

define('lf-policy-diff', LfPolicyDiff);
