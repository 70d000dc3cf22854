// The policy's examples run as tests in the browser, on the text being edited (check-adapter.ts runs
// them with every check): each example passes or fails, with what differed.
import { css, html, nothing } from 'lit';
import type { Policy } from '../../../dsl/policy-model.ts';
import type { ExampleResult } from '../../../engine/evaluate/index.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';
import type { Text } from '../../../dsl/message.ts';

export class LfExamplesPanel extends LfElement {
  static override properties = {
    policy: { attribute: false },
    results: { attribute: false },
  };
  declare policy: Policy | null;
  /** The examples' results for the text checked, or why they could not run; null while checking. */
  declare results: ExampleResult[] | { error: Text } | null;

  static override styles = [
    LfElement.styles,
    css`
      ol { padding-left: 2rem; margin: 0.5rem 0 0; }
      li { margin: 0.45rem 0; }
      .problems { margin: 0.2rem 0 0; padding-left: 1.1rem; color: var(--lf-error); font-size: 0.88rem; }
      .amount { color: var(--lf-muted); font-size: 0.88rem; }
    `,
  ];

  constructor() {
    super();
    this.policy = null;
    this.results = null;
  }

  override render() {
    if (!this.policy) return html`<p class="muted">${t('policy.examplesNeedPolicy')}</p>`;
    if (this.policy.examples.length === 0) return html`<p class="muted">${t('policy.noExamples')}</p>`;
    if (this.results && !Array.isArray(this.results)) return html`<lf-notice kind="error">${shown(this.results.error)}</lf-notice>`;
    const results = this.results ?? [];
    const passed = results.filter((r) => r.ok).length;
    return html`
      <p>${
        this.results
          ? html`<span class="badge ${passed === results.length ? 'ok' : 'error'}" data-testid="examples-summary">${t('policy.passedOf', { n: passed, total: results.length })}</span>`
          : html`<span class="muted">${t('common.running')}</span>`
      }
        <span class="small muted">${t('policy.examplesLive')}</span></p>
      <ol>
        ${results.map(
          (r, i) => html`<li data-example=${i}>
            <span class="badge ${r.ok ? 'ok' : 'error'}">${r.ok ? t('policy.pass') : t('policy.fail')}</span>
            <span class="badge">${t(`proc.${r.example.procedure}`)}</span>
            ${asWritten(r.example.name)}
            ${r.evaluation?.compensation ? html`<span class="amount">→ ${r.evaluation.compensation.amount} ${t('unit.yuan')}</span>` : nothing}
            ${
              r.mismatches.length || r.error
                ? html`<ul class="problems">
                  ${r.mismatches.map((m) => html`<li><code>${m.path}</code>: ${t('policy.expected')} ${asWritten(m.expected)}${t('common.comma')}${t('policy.got')} ${asWritten(m.actual)}</li>`)}
                  ${r.error ? html`<li>${shown(r.error)}</li>` : nothing}
                </ul>`
                : nothing
            }
          </li>`,
        )}
      </ol>
    `;
  }
}

define('lf-examples-panel', LfExamplesPanel);
