// 政策编辑: the bundled and saved policies, with status and diagnostics count; one click opens one.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type PolicySummary } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';

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
      <h2>${t('ws.policies')}</h2>
      <p class="muted">${t('policy.listLead')}</p>
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${this.policies === null && !this.error ? html`<p class="muted" role="status">${t('common.loading')}</p>` : nothing}
      ${this.policies
        ? html`<div class="scroll-x"><table>
            <thead><tr>
              <th>${t('policy.shortName')}</th><th>${t('policy.name')}</th><th>${t('policy.status')}</th>
              <th>${t('policy.version')}</th><th>${t('policy.diagnostics')}</th>
            </tr></thead>
            <tbody>
              ${this.policies.map(
                (p) => html`<tr data-policy=${p.id}>
                  <td><a href="#/policies/${encodeURIComponent(p.id)}">${p.shortName || p.id}</a></td>
                  <td class="name">${p.name}</td>
                  <td><span class="badge info">${p.status}</span></td>
                  <td class="small">${p.version}</td>
                  <td>${this.counts(p)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : nothing}
    `;
  }
}

define('lf-policy-list', LfPolicyList);
