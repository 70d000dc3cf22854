// The policy's parameters: value (or the case field supplying it) with its unit and its article.
// Assumptions — values the source text does not state — are marked with their note.
import { css, html, nothing } from 'lit';
import type { Parameter } from '../../../dsl/policy-model.ts';
import type { PolicyDetail } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { articleText } from '../common/cite.ts';
import { caseLabel } from '../common/field-labels.ts';
import { asWritten } from '../common/content.ts';

/** What a row shows: the in-browser checker's parameters and the server's (GET /api/policies/:id) both have it. */
export type ParameterRow = Pick<Parameter, 'name' | 'label' | 'unit' | 'value' | 'from' | 'cite' | 'assumed' | 'note'> &
  Pick<PolicyDetail['parameters'][number], 'name' | 'label' | 'unit' | 'value' | 'from' | 'cite' | 'assumed' | 'note'>;

export class LfParameterTable extends LfElement {
  static override properties = { parameters: { attribute: false }, articles: { attribute: false } };
  declare parameters: ParameterRow[];
  declare articles: Record<string, string>;

  static override styles = [LfElement.styles, css`td.article { max-width: 18rem; }`];

  constructor() {
    super();
    this.parameters = [];
    this.articles = {};
  }

  override render() {
    if (this.parameters.length === 0) return html`<p class="muted">${t('policy.noParameters')}</p>`;
    return html`<div class="scroll-x" tabindex="0"><table>
      <thead><tr><th scope="col">${t('policy.param')}</th><th scope="col">${t('policy.value')}</th><th scope="col">${t('policy.unit')}</th><th scope="col">${t('common.cite')}</th></tr></thead>
      <tbody>
        ${this.parameters.map(
          (p) => html`<tr data-param=${p.name}>
            <td><strong>${asWritten(p.name)}</strong>${p.label ? html`<div class="small muted">${asWritten(p.label)}</div>` : nothing}</td>
            <td>${
              p.value !== undefined
                ? html`<strong>${asWritten(p.value)}</strong>`
                : html`<span class="small">${t('policy.fromCase')}</span> ${caseLabel(p.from ?? '')} <code class="small muted">${p.from ?? ''}</code>`
            }
              ${p.assumed ? html`<div><span class="badge warn">${t('policy.assumed')}</span> <span class="small">${asWritten(p.note ?? '')}</span></div>` : nothing}</td>
            <td>${p.unit ? asWritten(p.unit) : '—'}</td>
            <td class="article"><span class="cite">${asWritten(p.cite)}</span>
              ${articleText(this.articles, p.cite) ? html`<details class="small"><summary>${t('policy.articleText')}</summary>${asWritten(articleText(this.articles, p.cite))}</details>` : nothing}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

define('lf-parameter-table', LfParameterTable);
