// Which of the household's parcels an exit or transfer covers: one checkbox per parcel named in
// the parcels table (exit.parcels / transfer.parcels hold the names).
import { css, html, nothing } from 'lit';
import type { Field } from '../../../dsl/case-schema.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { shown, type Said } from '../common/content.ts';
import { labelOf } from '../common/field-labels.ts';

export class LfParcelChoice extends LfElement {
  static override properties = {
    field: { attribute: false },
    names: { attribute: false },
    chosen: { attribute: false },
    error: { type: String },
    path: { type: String, reflect: true, attribute: 'data-path' },
  };
  declare field: Field;
  /** The parcel names to choose from, in the table's order. */
  declare names: string[];
  declare chosen: string[];
  declare error: Said | null;
  declare path: string;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .label { font-size: 0.88rem; color: var(--lf-muted); margin-bottom: 0.2rem; }
      .choices { display: flex; gap: 0.4rem 1rem; flex-wrap: wrap; }
      .choices label { display: flex; gap: 0.35rem; align-items: center; }
      .msg { color: var(--lf-error); font-size: 0.82rem; }
    `,
  ];

  constructor() {
    super();
    this.names = [];
    this.chosen = [];
    this.error = null;
    this.path = '';
  }

  private toggle(name: string, on: boolean) {
    // Kept in the parcels table's order, whatever order they were ticked in.
    const value = this.names.filter((n) => (n === name ? on : this.chosen.includes(n)));
    this.emit('lf-field-commit', { pointer: this.path, value });
  }

  override render() {
    const f = this.field;
    return html`
      <div class="label" id="label">${labelOf(f)}${f.required ? html`<span class="error-text" aria-hidden="true"> *</span>` : nothing}</div>
      <div class="choices" role="group" aria-labelledby="label">
        ${this.names.length === 0 ? html`<span class="muted small">${t('form.noParcels')}</span>` : nothing}
        ${this.names.map(
          (n) =>
            html`<label><input type="checkbox" .checked=${this.chosen.includes(n)} @change=${(e: Event) => this.toggle(n, (e.target as HTMLInputElement).checked)} /><span lang="zh-CN">${n}</span></label>`,
        )}
      </div>
      ${this.error ? html`<div class="msg" role="alert">${shown(this.error)}</div>` : nothing}
    `;
  }
}

define('lf-parcel-choice', LfParcelChoice);
