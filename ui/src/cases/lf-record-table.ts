// A list of records as a table (family members with their co-owner consent, parcels with their
// bounds): one row per item, one column per leaf field, nested records flattened (四至·东).
import { css, html, nothing } from 'lit';
import type { Field } from '../../../dsl/case-schema.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { labelOf } from '../common/field-labels.ts';
import { getAt, toPointer, type Path } from './case-form-model.ts';
import './lf-form-field.ts';
import { shown, type Said } from '../common/content.ts';

interface Column {
  field: Field;
  sub: string[]; // keys below the row
  heading: string;
}

function columns(fields: Field[], prefix: string[] = [], headPrefix = ''): Column[] {
  return fields.flatMap((f) =>
    f.type.kind === 'record'
      ? columns(f.type.fields, [...prefix, f.key], `${headPrefix}${labelOf(f)}·`)
      : [{ field: f, sub: [...prefix, f.key], heading: `${headPrefix}${labelOf(f)}` }],
  );
}

export class LfRecordTable extends LfElement {
  static override properties = {
    field: { attribute: false },
    value: { attribute: false },
    path: { attribute: false },
    errors: { attribute: false },
    hints: { attribute: false },
  };
  declare field: Field;
  /** The whole form value (cells read their own paths). */
  declare value: unknown;
  declare path: Path;
  declare errors: Map<string, Said>;
  /** Notes beside cells, by pointer (a default to confirm). */
  declare hints: Map<string, string>;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      td { padding: 0.25rem 0.3rem; }
      th { font-size: 0.85rem; padding: 0.3rem; }
      td.n { color: var(--lf-muted); width: 2rem; }
      .list-msg { color: var(--lf-error); font-size: 0.85rem; }
    `,
  ];

  constructor() {
    super();
    this.path = [];
    this.errors = new Map();
    this.hints = new Map();
  }

  override render() {
    const f = this.field;
    if (!f || f.type.kind !== 'list' || f.type.of.kind !== 'record') return nothing;
    const cols = columns(f.type.of.fields);
    const items = (getAt(this.value, this.path) as unknown[] | undefined) ?? [];
    const listMsg = this.errors.get(toPointer(this.path));
    return html`
      <div class="scroll-x" tabindex="0">
        <table data-path=${toPointer(this.path)}>
          <thead><tr><th scope="col">#</th>${cols.map((c) => html`<th scope="col">${c.heading}${c.field.required ? html`<span class="error-text" aria-hidden="true">*</span>` : nothing}</th>`)}<th scope="col"><span class="visually-hidden">${t('form.rowActions')}</span></th></tr></thead>
          <tbody>
            ${items.map(
              (_, i) => html`<tr>
              <td class="n">${i + 1}</td>
              ${cols.map((c) => {
                const p = [...this.path, i, ...c.sub];
                const ptr = toPointer(p);
                return html`<td><lf-form-field compact .field=${c.field} .value=${getAt(this.value, p)} .path=${ptr} .error=${this.errors.get(ptr) ?? null} .hint=${this.hints.get(ptr) ?? null}></lf-form-field></td>`;
              })}
              <td><button type="button" class="danger" aria-label="${t('form.removeRow')} ${i + 1}" @click=${() => this.emit('lf-list-remove', { path: this.path, index: i })}>✕</button></td>
            </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${listMsg ? html`<div class="list-msg" role="alert">${shown(listMsg)}</div>` : nothing}
      <button type="button" @click=${() => this.emit('lf-list-add', { path: this.path })}>+ ${t('form.addRow')}: ${labelOf(f)}</button>
    `;
  }
}

define('lf-record-table', LfRecordTable);
