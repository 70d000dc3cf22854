// 政策编辑: the bundled and saved policies, with status and diagnostics count; one click opens one.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type PolicySummary } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten } from '../common/content.ts';

export class LfPolicyList extends LfElement {
  static override properties = { policies: { state: true }, error: { state: true } };
  declare policies: PolicySummary[] | null;
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      td a { font-weight: 600; }
      .name { max-width: 34rem; }
    `,
  ];

  constructor() {
    super();
    this.policies = null;
    this.error = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    const r = await api.policies();
    if (r.ok) this.policies = r.data;
    else this.error = r.error;
  }

  private counts(p: PolicySummary) {
    return html`${p.errors > 0 ? html`<span class="badge error">${t('policy.errors', { n: p.errors })}</span>` : nothing}
      ${p.warnings > 0 ? html`<span class="badge warn">${t('policy.warnings', { n: p.warnings })}</span>` : nothing}
      ${p.errors === 0 && p.warnings === 0 ? html`<span class="badge ok">${t('policy.clean')}</span>` : nothing}`;
  }

  override render() {
    return html`
      <h1>${t('ws.policies')}</h1>
      <p class="muted">${t('policy.listLead')}</p>
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${this.policies === null && !this.error ? html`<p class="muted" role="status">${t('common.loading')}</p>` : nothing}
      ${
        this.policies
          ? html`<div class="scroll-x" tabindex="0"><table>
            <thead><tr>
              <th scope="col">${t('policy.shortName')}</th><th scope="col">${t('policy.name')}</th><th scope="col">${t('policy.status')}</th>
              <th scope="col">${t('policy.version')}</th><th scope="col">${t('policy.diagnostics')}</th>
            </tr></thead>
            <tbody>
              ${this.policies.map(
                (p) => html`<tr data-policy=${p.id}>
                  <td><a href="#/policies/${encodeURIComponent(p.id)}">${asWritten(p.shortName || p.id)}</a></td>
                  <td class="name">${asWritten(p.name)}</td>
                  <td><span class="badge info">${asWritten(p.status)}</span></td>
                  <td class="small">${asWritten(p.version)}</td>
                  <td>${this.counts(p)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
          : nothing
      }
    `;
  }
}

define('lf-policy-list', LfPolicyList);
