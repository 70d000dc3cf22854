// The form of one allowed action (post notice, record objection, record vote, payment, …): its
// fields as the server lists them, a vote recorder when it is a vote, and the server's refusal
// next to the field it names. What was typed stays after an error.
import { css, html, nothing } from 'lit';
import type { Field, FieldType } from '../../../dsl/case-schema.ts';
import type { AllowedCommand, ApiError, CommandField } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { relativePointer, validateLeaf } from './case-form-model.ts';
import type { VoteRule } from '../../../dsl/policy-model.ts';
import type { VoteDraft } from './lf-vote-recorder.ts';
import './lf-form-field.ts';
import './lf-vote-recorder.ts';
import { say, type Said } from '../common/content.ts';

// Every count is in the unit of the body that voted (dsl/case-vote.ts): no separate household counts.
const VOTE_KEYS = new Set(['body', 'entitled', 'present', 'yes', 'no', 'abstain']);

function typeOf(f: CommandField): FieldType {
  const ty = f.type.toLowerCase();
  if (f.values) return { kind: 'enum', values: f.values };
  if (ty === 'date') return { kind: 'date' };
  if (ty === 'bool' || ty === 'boolean') return { kind: 'bool' };
  if (ty === 'integer' || ty === 'int') return { kind: 'integer', unit: f.unit };
  if (ty === 'decimal' || ty === 'money' || ty === 'number') return { kind: 'decimal', unit: f.unit ?? '' };
  return { kind: 'string' };
}

/** Fields with no form control here: the step is the command's own, whole-case and list payloads are edited elsewhere. */
const NOT_ON_FORM = new Set(['step', 'case']);

export function commandFields(c: AllowedCommand): Field[] {
  return c.fields
    .filter((f) => !NOT_ON_FORM.has(f.key) && f.type !== 'list' && f.type !== 'object')
    .map((f) => ({ key: f.key, label: f.label || f.key, type: typeOf(f), required: f.required }));
}

export function isVoteCommand(c: AllowedCommand): boolean {
  const keys = commandFields(c).map((f) => f.key);
  return /vote/i.test(c.type) || keys.includes('yes') || keys.includes('vote');
}

export class LfCommandForm extends LfElement {
  static override properties = {
    command: { attribute: false },
    voteRules: { attribute: false },
    error: { attribute: false },
    busy: { type: Boolean },
    values: { state: true },
    showErrors: { state: true },
  };
  declare command: AllowedCommand;
  declare voteRules: VoteRule[];
  declare error: ApiError | null;
  declare busy: boolean;
  declare values: Record<string, unknown>;
  declare showErrors: boolean;

  static override styles = [
    LfElement.styles,
    css`
      form { display: block; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.55rem 0.9rem; margin: 0.5rem 0; }
      .row { margin-top: 0.7rem; }
    `,
  ];

  constructor() {
    super();
    this.voteRules = [];
    this.error = null;
    this.busy = false;
    this.values = {};
    this.showErrors = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    const prev = changed.get('command') as AllowedCommand | undefined;
    if (changed.has('command') && prev?.type !== this.command?.type) {
      this.values = {};
      this.showErrors = false;
    }
  }

  private get fields(): Field[] {
    return commandFields(this.command).filter((f) => !(this.isVote && (VOTE_KEYS.has(f.key) || f.key === 'vote')));
  }

  private get isVote(): boolean {
    return isVoteCommand(this.command);
  }

  private fieldErrors(): Record<string, Said> {
    const out: Record<string, Said> = {};
    if (this.showErrors)
      for (const f of this.fields) {
        const m = validateLeaf(f, this.values[f.key]);
        if (m) out[f.key] = m;
      }
    const p = relativePointer(this.error?.path, '/payload');
    if (this.error && p) out[p.replace(/^\/(vote\/)?/, '').split('/')[0]] = this.error.text ?? this.error.message;
    return out;
  }

  private payload(): Record<string, unknown> {
    const step = this.command.step ? { step: this.command.step } : {};
    if (!this.isVote) return { ...this.values, ...step };
    const vote = (this.values.vote as VoteDraft) ?? {};
    const nested = commandFields(this.command).some((f) => f.key === 'vote');
    const rest = Object.fromEntries(Object.entries(this.values).filter(([k]) => k !== 'vote'));
    return nested ? { ...rest, ...step, vote } : { ...rest, ...step, ...vote };
  }

  private submit(e: Event) {
    e.preventDefault();
    this.showErrors = true;
    if (this.fields.some((f) => validateLeaf(f, this.values[f.key]))) return;
    this.emit('lf-command-submit', { type: this.command.type, payload: this.payload() });
  }

  override render() {
    const c = this.command;
    if (!c) return nothing;
    const errors = this.fieldErrors();
    return html`<form @submit=${this.submit} data-command=${c.type}
      @lf-field-input=${(e: CustomEvent<{ pointer: string; value: unknown }>) => (this.values = { ...this.values, [e.detail.pointer]: e.detail.value })}
      @lf-field-commit=${(e: CustomEvent<{ pointer: string; value: unknown }>) => (this.values = { ...this.values, [e.detail.pointer]: e.detail.value })}>
      ${
        this.fields.length
          ? html`<div class="grid">${this.fields.map(
              (f) =>
                html`<lf-form-field .field=${f} .value=${this.values[f.key]} .path=${f.key} .error=${errors[f.key] ?? null}></lf-form-field>`,
            )}</div>`
          : nothing
      }
      ${
        this.isVote
          ? html`<lf-vote-recorder .rules=${this.voteRules} .value=${(this.values.vote as VoteDraft) ?? {}} .errors=${errors}
            @lf-vote-change=${(e: CustomEvent<VoteDraft>) => (this.values = { ...this.values, vote: e.detail })}></lf-vote-recorder>`
          : nothing
      }
      ${this.error && !relativePointer(this.error.path, '/payload') ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('common.running') : `${t('cases.do')}：${say(c.label)}`}</button>
        <button type="button" @click=${() => this.emit('lf-cancel')}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }
}

define('lf-command-form', LfCommandForm);
