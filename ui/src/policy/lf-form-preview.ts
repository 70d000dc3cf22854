// Each form of the policy previewed with an example case, on the text being edited (rendered in the
// browser by form-render.ts). Shown sandboxed; no contract number until a case has one.
import { css, html, nothing } from 'lit';
import type { Policy } from '../../../dsl/policy-model.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';

/** A4 is about 800 px wide: shrink the page to the panel so the whole width shows. */
function fitToWidth(htmlText: string, width: number): string {
  const zoom = Math.min(1, Math.max(0.4, (width - 24) / 820)).toFixed(2);
  return htmlText.replace(/<head>/i, `<head><style>@media screen { html { zoom: ${zoom}; } }</style>`);
}

export class LfFormPreview extends LfElement {
  static override properties = {
    policy: { attribute: false },
    form: { state: true },
    htmlText: { state: true },
    error: { state: true },
  };
  declare policy: Policy | null;
  declare form: string;
  declare htmlText: string | null;
  declare error: string | null;

  static override styles = [
    LfElement.styles,
    css`
      iframe { width: 100%; height: 34rem; border: 1px solid var(--lf-line); background: #fff; margin-top: 0.6rem; }
      .cite { margin-left: 0.3em; }
    `,
  ];

  constructor() {
    super();
    this.policy = null;
    this.form = '';
    this.htmlText = null;
    this.error = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    // Follow the text as it is edited.
    if (changed.has('policy') && this.form) this.show(this.form);
  }

  private async show(formId: string) {
    this.form = formId;
    const policy = this.policy;
    const decl = policy?.forms.find((f) => f.id === formId);
    if (!policy || !decl) return;
    // The first example of the form's procedure that is expected to succeed: a complete case.
    const ex =
      policy.examples.find((e) => e.procedure === decl.procedure && e.expect.eligible !== false) ??
      policy.examples.find((e) => e.procedure === decl.procedure);
    try {
      if (!ex) throw new Error(t('policy.noExampleCase'));
      const { previewForm } = await import('./form-render.ts');
      this.htmlText = fitToWidth(await previewForm(policy, decl, ex), this.getBoundingClientRect().width);
      this.error = null;
    } catch (e) {
      this.error = String((e as Error)?.message ?? e);
    }
  }

  override render() {
    const forms = this.policy?.forms ?? [];
    if (!this.policy) return html`<p class="muted">${t('policy.workflowNeedsPolicy')}</p>`;
    if (forms.length === 0) return html`<p class="muted">${t('policy.noForms')}</p>`;
    return html`
      <div class="row" role="group" aria-label=${t('policy.tab.forms')}>
        ${forms.map(
          (
            f,
          ) => html`<button aria-pressed=${this.form === f.id} class=${this.form === f.id ? 'primary' : ''} data-form=${f.id} @click=${() => this.show(f.id)}>
            ${f.id}<span class="cite">${f.cite}</span></button>`,
        )}
      </div>
      ${this.error ? html`<lf-notice kind="error">${this.error}</lf-notice>` : nothing}
      ${this.htmlText !== null && !this.error ? html`<iframe sandbox="" title=${this.form} .srcdoc=${this.htmlText}></iframe>` : nothing}
      ${!this.form ? html`<p class="muted small">${t('policy.pickForm')}</p>` : nothing}
    `;
  }
}

define('lf-form-preview', LfFormPreview);
