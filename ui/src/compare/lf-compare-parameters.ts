// The chosen policies' parameters side by side, in the shared comparison vocabulary and grouped as
// the server groups them, each value with the article it comes from; assumptions are marked.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type CompareParameters } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { settle } from '../common/lf-notice.ts';
import { asWritten, writtenOrShown, shown } from '../common/content.ts';
import { caseLabel } from '../common/field-labels.ts';

/** A value as the comparison states it; one read from the case names the case field in words. */
function value(cell: CompareParameters['rows'][number]['cells'][string] & object) {
  return cell.fromCase ? html`<span class="small">${t('policy.fromCase')}</span> ${caseLabel(cell.fromCase)}` : writtenOrShown(cell.value);
}
import { GROUP_LABELS, type RowGroup } from '../../../engine/compare/vocabulary.ts';

export class LfCompareParameters extends LfElement {
  static override properties = {
    policies: { attribute: false },
    data: { state: true },
    error: { state: true },
    unavailable: { state: true },
  };
  declare policies: string[];
  declare data: CompareParameters | null;
  declare error: ApiError | null;
  declare unavailable: boolean;
  private seq = 0;

  static override styles = [
    LfElement.styles,
    css`
      td .cite { display: block; }
      tr.group th { background: var(--lf-accent-soft); font-size: 0.88rem; }
      tbody th[scope='row'] { font-weight: 600; white-space: normal; min-width: 9rem; background: #f7f8f6; }
    `,
  ];

  constructor() {
    super();
    this.policies = [];
    this.data = null;
    this.error = null;
    this.unavailable = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('policies')) this.load();
  }

  private async load() {
    const id = ++this.seq;
    if (this.policies.length === 0) {
      this.data = null;
      return;
    }
    const r = await api.compareParameters(this.policies);
    if (id !== this.seq) return; // a newer choice of policies is loading
    this.data = settle(this, r, 'UNKNOWN_POLICY');
  }

  override render() {
    if (this.unavailable)
      return html`<lf-notice kind="unavailable">${t('common.unavailable', { what: 'GET /api/compare/parameters' })}</lf-notice>`;
    if (this.error) return html`<lf-notice kind="error" .error=${this.error}></lf-notice>`;
    if (this.policies.length === 0) return html`<p class="muted">${t('compare.pickPolicies')}</p>`;
    const d = this.data;
    if (!d) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    const cols = d.policies;
    const ids = cols.map((c) => c.id);
    let group: string | undefined;
    return html`
      <div class="scroll-x" tabindex="0"><table data-testid="parameter-table">
        <thead><tr><th scope="col">${t('compare.parameter')}</th>${cols.map((c) => html`<th scope="col" data-policy=${c.id}>${asWritten(c.name)}</th>`)}</tr></thead>
        <tbody>${d.rows.map((r) => {
          const head =
            r.group && r.group !== group
              ? html`<tr class="group"><th colspan=${cols.length + 1}>${GROUP_LABELS[r.group as RowGroup] ? shown(GROUP_LABELS[r.group as RowGroup]) : r.group}</th></tr>`
              : nothing;
          group = r.group;
          return html`${head}<tr data-key=${r.key}><th scope="row">${shown(r.label) || r.key}</th>${cols.map((c) => {
            const cell = r.cells[c.id];
            return html`<td>${cell?.value ? value(cell) : html`<span class="muted">—</span>`}
              ${cell?.assumed ? html`<span class="badge warn" title=${cell.note ?? ''}>${t('policy.assumed')}</span>` : nothing}
              ${cell?.cite ? html`<span class="cite">${asWritten(cell.cite)}</span>` : nothing}</td>`;
          })}</tr>`;
        })}</tbody>
      </table></div>
      ${d.reference?.note ? html`<p class="small muted">${shown(d.reference.note)}</p>` : nothing}
      <p>
        <a class="button" href=${api.compareParametersUrl(ids, 'csv')} download="landflow-parameters.csv" data-testid="parameters-csv">↓ ${t('compare.downloadParametersCsv')}</a>
        <a class="button" href=${api.compareParametersUrl(ids, 'xlsx')} download="landflow-parameters.xlsx" data-testid="parameters-xlsx">↓ ${t('compare.downloadParametersXlsx')}</a>
      </p>
    `;
  }
}

define('lf-compare-parameters', LfCompareParameters);
