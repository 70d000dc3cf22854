// The policy's examples run as tests in the browser, on the text being edited (engine/evaluate is
// pure): each example passes or fails, with what differed. Re-run whenever the text changes.
import { css, html, nothing } from 'lit';
import type { Policy } from '../../../dsl/policy-model.ts';
import { compilePolicy, runExamples, type ExampleResult } from '../../../engine/evaluate/index.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { loadExampleCase } from '../common/example-cases.ts';

/** Runs every example; case files are the bundled examples/*.json, loaded first. */
export async function runPolicyExamples(policy: Policy): Promise<ExampleResult[] | { error: string }> {
  const files = [...new Set(policy.examples.map((e) => e.caseFile).filter((f): f is string => !!f))];
  const loaded = new Map(await Promise.all(files.map(async (f) => [f, await loadExampleCase(f)] as const)));
  try {
    const compiled = compilePolicy(policy);
    return runExamples(compiled, (path) => {
      const data = loaded.get(path);
      return data ? { data } : { error: `示例文件不在界面包中 not bundled with the UI: ${path}` };
    });
  } catch (e) {
    // A policy with errors may not compile; the diagnostics tab says why.
    return { error: String((e as Error)?.message ?? e) };
  }
}

export class LfExamplesPanel extends LfElement {
  static override properties = {
    policy: { attribute: false },
    results: { state: true },
    failure: { state: true },
  };
  declare policy: Policy | null;
  declare results: ExampleResult[] | null;
  declare failure: string | null;
  private runId = 0;

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
    this.failure = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('policy')) this.run();
  }

  private async run() {
    const id = ++this.runId;
    if (!this.policy) {
      this.results = null;
      return;
    }
    const r = await runPolicyExamples(this.policy);
    if (id !== this.runId) return; // the text changed meanwhile
    this.results = Array.isArray(r) ? r : null;
    this.failure = Array.isArray(r) ? null : r.error;
  }

  override render() {
    if (!this.policy) return html`<p class="muted">${t('policy.examplesNeedPolicy')}</p>`;
    if (this.policy.examples.length === 0) return html`<p class="muted">${t('policy.noExamples')}</p>`;
    if (this.failure) return html`<lf-notice kind="error">${this.failure}</lf-notice>`;
    const results = this.results ?? [];
    const passed = results.filter((r) => r.ok).length;
    return html`
      <p>${this.results
        ? html`<span class="badge ${passed === results.length ? 'ok' : 'error'}" data-testid="examples-summary">${t('policy.passedOf', { n: passed, total: results.length })}</span>`
        : html`<span class="muted">${t('common.running')}</span>`}
        <span class="small muted">${t('policy.examplesLive')}</span></p>
      <ol>
        ${results.map(
          (r, i) => html`<li data-example=${i}>
            <span class="badge ${r.ok ? 'ok' : 'error'}">${r.ok ? t('policy.pass') : t('policy.fail')}</span>
            <span class="badge">${t(`proc.${r.example.procedure}`)}</span>
            ${r.example.name}
            ${r.evaluation?.compensation ? html`<span class="amount">→ ${r.evaluation.compensation.amount} 元</span>` : nothing}
            ${r.mismatches.length || r.error
              ? html`<ul class="problems">
                  ${r.mismatches.map((m) => html`<li>${m.path}: ${t('policy.expected')} ${m.expected}，${t('policy.got')} ${m.actual}</li>`)}
                  ${r.error ? html`<li>${r.error}</li>` : nothing}
                </ul>`
              : nothing}
          </li>`,
        )}
      </ol>
    `;
  }
}

define('lf-examples-panel', LfExamplesPanel);
