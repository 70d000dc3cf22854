// The application form generated from the case model (dsl/case-schema.ts): household, members
// with co-owner consent, parcels, market inputs and the exit or transfer asked for. Validates each
// field as it is left, shows the server's errors next to the field their JSON pointer names, and
// never drops what was typed.
import { css, html, nothing, type TemplateResult } from 'lit';
import { caseFields, type Field } from '../../../dsl/case-schema.ts';
import type { ApiError } from '../api.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { labelOf } from '../common/field-labels.ts';
import { t } from '../i18n.ts';
import {
  CO_OWNER_DEFAULT,
  coOwnerByRelation,
  emptyOf,
  getAt,
  relativePointer,
  setAt,
  toPointer,
  validateAll,
  type Path,
} from './case-form-model.ts';
import './lf-form-field.ts';
import './lf-record-table.ts';
import './lf-parcel-choice.ts';
import type { Said } from '../common/content.ts';

export class LfCaseForm extends LfElement {
  static override properties = {
    value: { attribute: false },
    omit: { attribute: false },
    serverError: { attribute: false },
    today: { type: String },
    showAll: { state: true },
  };
  declare value: Record<string, unknown>;
  /** Pointers of subtrees left off this form ("/transfer", "/exit/vote"). */
  declare omit: string[];
  /** An error from the server; its `path` is a pointer into the request body under `/case`. */
  declare serverError: ApiError | null;
  declare today: string;
  declare showAll: boolean;
  private touched = new Set<string>();
  private serverErrorStale = false;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--lf-line); border-radius: var(--lf-radius); padding: 0.6rem 0.85rem 0.85rem; margin: 0 0 0.9rem; background: var(--lf-panel); min-width: 0; }
      fieldset fieldset { background: #fafbf9; margin: 0.4rem 0 0.2rem; }
      legend { font-weight: 700; padding: 0 0.3rem; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(11.5rem, 100%), 1fr)); gap: 0.55rem 0.9rem; align-items: start; }
      .grid > * { min-width: 0; }
      .full { grid-column: 1 / -1; min-width: 0; }
      .sub-label { font-size: 0.88rem; color: var(--lf-muted); margin-bottom: 0.2rem; }
    `,
  ];

  constructor() {
    super();
    this.value = {};
    this.omit = [];
    this.serverError = null;
    this.today = '';
    this.showAll = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('serverError')) this.serverErrorStale = false;
    if (changed.has('value') && changed.get('value') !== undefined) this.touched.clear();
  }

  private get errors(): Map<string, Said> {
    const all = validateAll(caseFields, this.value, { today: this.today || undefined, hidden: new Set(this.omit) });
    const shown = new Map<string, Said>();
    for (const [k, m] of all) if (this.showAll || this.touched.has(k)) shown.set(k, m);
    const sp = this.serverPointer;
    if (sp !== null && !this.serverErrorStale && this.serverError) shown.set(sp, this.serverError.text ?? this.serverError.message);
    return shown;
  }

  /** The server error's pointer relative to the case, when it names a field. */
  private get serverPointer(): string | null {
    return relativePointer(this.serverError?.path, '/case');
  }

  /** Shows every problem; true when there are none. */
  validate(): boolean {
    this.showAll = true;
    this.requestUpdate();
    return validateAll(caseFields, this.value, { today: this.today || undefined, hidden: new Set(this.omit) }).size === 0;
  }

  /** Moves focus to the first field with a message (after validate() or a server error). */
  async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const tables = [...this.renderRoot.querySelectorAll<LfElement>('lf-record-table')];
    await Promise.all(tables.map((x) => x.updateComplete));
    // Fields in document order, those inside tables included.
    const fields = [...this.renderRoot.querySelectorAll<LfElement>('lf-form-field, lf-record-table')].flatMap((el) =>
      el.localName === 'lf-record-table' ? [...(el.shadowRoot?.querySelectorAll<LfElement>('lf-form-field') ?? [])] : [el],
    );
    await Promise.all(fields.map((f) => f.updateComplete));
    const bad = fields.find((f) => (f as unknown as { error: Said | null }).error);
    const input = bad?.shadowRoot?.querySelector<HTMLElement>('input, select');
    if (input) {
      input.focus();
      input.scrollIntoView({ block: 'center' });
    }
  }

  /** A member's co-owner flag follows its relation until the clerk sets it; setting it confirms it. */
  private memberDefaults(pointerPath: Path, v: unknown) {
    const [a, b, i, key] = pointerPath;
    if (a !== 'household' || b !== 'members' || typeof i !== 'number') return;
    const member = getAt(this.value, ['household', 'members', i]) as Record<string, unknown> | undefined;
    if (!member) return;
    if (key === 'coOwner') delete member[CO_OWNER_DEFAULT];
    else if (key === 'relation' && member[CO_OWNER_DEFAULT]) member.coOwner = coOwnerByRelation(String(v ?? ''));
  }

  /** Hints beside fields: a co-owner flag that is still the default. */
  private get hints(): Map<string, string> {
    const members = (getAt(this.value, ['household', 'members']) as Record<string, unknown>[] | undefined) ?? [];
    const out = new Map<string, string>();
    members.forEach((m, i) => {
      if (m?.[CO_OWNER_DEFAULT])
        out.set(toPointer(['household', 'members', i, 'coOwner']), m.coOwner ? t('form.coOwnerDefaultYes') : t('form.coOwnerDefaultNo'));
    });
    return out;
  }

  private changed(pointerPath: Path, v: unknown, commit: boolean) {
    setAt(this.value, pointerPath, v);
    if (commit) this.memberDefaults(pointerPath, v);
    const ptr = toPointer(pointerPath);
    if (commit) this.touched.add(ptr);
    if (ptr === this.serverPointer) this.serverErrorStale = true;
    this.requestUpdate();
    this.emit('lf-case-change', this.value);
  }

  private onField = (commit: boolean) => (e: CustomEvent<{ pointer: string; value: unknown }>) => {
    e.stopPropagation();
    const path = e.detail.pointer
      .split('/')
      .slice(1)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    this.changed(path, e.detail.value, commit);
  };

  private onListAdd = (e: CustomEvent<{ path: Path }>) => {
    const field = this.fieldAt(e.detail.path);
    const list = (getAt(this.value, e.detail.path) as unknown[] | undefined) ?? [];
    if (field?.type.kind !== 'list') return;
    const row = emptyOf(field.type.of) as Record<string, unknown>;
    // A new family member is a co-owner unless the clerk says otherwise, and has not consented yet.
    if (toPointer(e.detail.path) === '/household/members') Object.assign(row, { coOwner: true, [CO_OWNER_DEFAULT]: true });
    this.changed(e.detail.path, [...list, row], false);
  };

  private onListRemove = (e: CustomEvent<{ path: Path; index: number }>) => {
    const list = [...((getAt(this.value, e.detail.path) as unknown[] | undefined) ?? [])];
    list.splice(e.detail.index, 1);
    this.changed(e.detail.path, list, true);
  };

  private fieldAt(path: Path): Field | undefined {
    let fields = caseFields;
    let found: Field | undefined;
    for (const k of path) {
      if (typeof k === 'number') continue;
      found = fields.find((f) => f.key === k);
      if (!found) return undefined;
      fields =
        found.type.kind === 'record'
          ? found.type.fields
          : found.type.kind === 'list' && found.type.of.kind === 'record'
            ? found.type.of.fields
            : [];
    }
    return found;
  }

  private renderFields(fields: Field[], path: Path, errors: Map<string, Said>): TemplateResult[] {
    return fields.flatMap((f) => {
      const p = [...path, f.key];
      const ptr = toPointer(p);
      if (this.omit.includes(ptr)) return [];
      if (f.type.kind === 'record') {
        return [
          html`<fieldset class="full" data-path=${ptr}><legend>${labelOf(f)}</legend><div class="grid">${this.renderFields(f.type.fields, p, errors)}</div></fieldset>`,
        ];
      }
      if (f.type.kind === 'list' && f.type.of.kind === 'record') {
        // Tables are told the whole value; `errors` is a new Map on every render, so they redraw with it.
        return [
          html`<div class="full">${path.length ? html`<div class="sub-label">${labelOf(f)}</div>` : nothing}
          <lf-record-table .field=${f} .value=${this.value} .path=${p} .errors=${errors} .hints=${this.hints}></lf-record-table></div>`,
        ];
      }
      if (f.type.kind === 'list') {
        const names = ((getAt(this.value, ['parcels']) as { name?: string }[] | undefined) ?? [])
          .map((x) => x?.name)
          .filter((n): n is string => !!n);
        return [
          html`<lf-parcel-choice class="full" .field=${f} .names=${names} .chosen=${(getAt(this.value, p) as string[] | undefined) ?? []} .path=${ptr}
          .error=${errors.get(ptr) ?? null}></lf-parcel-choice>`,
        ];
      }
      return [
        html`<lf-form-field .field=${f} .value=${getAt(this.value, p)} .path=${ptr} .error=${errors.get(ptr) ?? null}></lf-form-field>`,
      ];
    });
  }

  override render() {
    const errors = this.errors;
    const sp = this.serverPointer;
    const unplaced = this.serverError && (sp === null || sp === '') ? this.serverError : null;
    return html`<div
      @lf-field-input=${this.onField(false)}
      @lf-field-commit=${this.onField(true)}
      @lf-list-add=${this.onListAdd}
      @lf-list-remove=${this.onListRemove}
    >
      ${unplaced && !this.serverErrorStale ? html`<lf-notice kind="error" .error=${unplaced}></lf-notice>` : nothing}
      ${caseFields.map((f) => {
        const ptr = toPointer([f.key]);
        if (this.omit.includes(ptr)) return nothing;
        if (f.type.kind === 'record') {
          return html`<fieldset data-path=${ptr}><legend>${labelOf(f)}</legend><div class="grid">${this.renderFields(f.type.fields, [f.key], errors)}</div></fieldset>`;
        }
        return html`<fieldset data-path=${ptr}><legend>${labelOf(f)}</legend>${this.renderFields([f], [], errors)}</fieldset>`;
      })}
    </div>`;
  }
}

define('lf-case-form', LfCaseForm);
