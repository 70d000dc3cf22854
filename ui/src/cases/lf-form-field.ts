// One field of a generated form: label (Chinese, from the case schema), the input its type calls
// for, the unit, and the message next to it when the value is wrong.
import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Field } from '../../../dsl/case-schema.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { labelOf, tr } from '../common/field-labels.ts';
import { parseInput } from './case-form-model.ts';
import { shown, type Said } from '../common/content.ts';

let seq = 0;

export class LfFormField extends LfElement {
  static override properties = {
    field: { attribute: false },
    value: { attribute: false },
    error: { type: String },
    hint: { type: String },
    path: { type: String, reflect: true, attribute: 'data-path' },
    compact: { type: Boolean },
  };
  declare field: Field;
  declare value: unknown;
  declare error: Said | null;
  /** A note beside the field that is not an error (a default to confirm). */
  declare hint: string | null;
  declare path: string;
  /** In a table cell: the label is for screen readers only. */
  declare compact: boolean;
  private readonly uid = `f${++seq}`;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; min-width: 0; }
      label.name { display: block; font-size: 0.88rem; color: var(--lf-muted); margin-bottom: 0.1rem; }
      .req { color: var(--lf-error); }
      .control { display: flex; align-items: center; gap: 0.3rem; }
      input:not([type='checkbox']), select { width: 100%; }
      .unit { color: var(--lf-muted); font-size: 0.85rem; white-space: nowrap; }
      .msg { color: var(--lf-error); font-size: 0.82rem; margin-top: 0.1rem; line-height: 1.3; }
      :host([compact]) input:not([type='checkbox']), :host([compact]) select { min-width: 5rem; }
      .check { display: flex; align-items: center; gap: 0.4rem; min-height: 2.1em; }
      .hint { color: var(--lf-warn); font-size: 0.8rem; line-height: 1.3; max-width: 12rem; }
    `,
  ];

  constructor() {
    super();
    this.value = undefined;
    this.error = null;
    this.hint = null;
    this.path = '';
    this.compact = false;
  }

  private send(name: 'lf-field-input' | 'lf-field-commit', e: Event) {
    const el = e.target as HTMLInputElement;
    this.emit(name, { pointer: this.path, value: parseInput(this.field.type, el.value, el.checked) });
  }

  private control() {
    const f = this.field;
    const id = this.uid;
    const invalid = this.error ? 'true' : 'false';
    const described = this.error ? `${id}-msg` : this.hint ? `${id}-hint` : nothing;
    const v = this.value;
    const onInput = (e: Event) => this.send('lf-field-input', e);
    const onChange = (e: Event) => this.send('lf-field-commit', e);
    switch (f.type.kind) {
      case 'bool':
        return html`<span class="check"><input id=${id} type="checkbox" .checked=${live(!!v)} @change=${onChange} aria-invalid=${invalid} aria-describedby=${described} />
          ${this.compact ? nothing : html`<label for=${id}>${labelOf(f)}</label>`}</span>`;
      case 'enum':
        return html`<select id=${id} @change=${onChange} aria-invalid=${invalid} aria-describedby=${described} ?required=${f.required}>
          ${f.required ? nothing : html`<option value="" ?selected=${v === undefined}>—</option>`}
          ${Object.entries(f.type.values).map(([k, label]) => html`<option value=${k} ?selected=${v === k}>${tr(label)}</option>`)}
        </select>`;
      case 'date':
        return html`<input id=${id} type="date" .value=${live(v === undefined ? '' : String(v))} @input=${onInput} @change=${onChange}
          aria-invalid=${invalid} aria-describedby=${described} ?required=${f.required} />`;
      default: {
        const numeric = f.type.kind === 'integer' || f.type.kind === 'decimal';
        const unit = 'unit' in f.type ? f.type.unit : '';
        return html`<input id=${id} type="text" inputmode=${numeric ? 'decimal' : 'text'} .value=${live(v === undefined || v === null ? '' : String(v))}
            @input=${onInput} @change=${onChange} aria-invalid=${invalid} aria-describedby=${described} ?required=${f.required}
            autocomplete="off" spellcheck="false" maxlength=${f.key === 'idNumber' ? 18 : nothing} />
          ${unit ? html`<span class="unit">${tr(unit)}</span>` : nothing}`;
      }
    }
  }

  override render() {
    const f = this.field;
    if (!f) return nothing;
    const showLabel = !this.compact && f.type.kind !== 'bool';
    return html`
      ${showLabel ? html`<label class="name" for=${this.uid}>${labelOf(f)}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>` : nothing}
      ${this.compact ? html`<label class="visually-hidden" for=${this.uid}>${labelOf(f)}</label>` : nothing}
      <div class="control">${this.control()}</div>
      ${this.error ? html`<div class="msg" id="${this.uid}-msg" role="alert">${shown(this.error)}</div>` : nothing}
      ${this.hint && !this.error ? html`<div class="hint" id="${this.uid}-hint" data-hint>${this.hint}</div>` : nothing}
    `;
  }
}

define('lf-form-field', LfFormField);
