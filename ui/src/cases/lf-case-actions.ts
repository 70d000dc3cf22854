// What can be done now on this case: the commands the server allows in its current state, one
// opened at a time as a form, sent with the case version it was seen at and an idempotency key.
import { css, html, nothing } from 'lit';
import { api, newIdempotencyKey, type AllowedCommand, type ApiError, type CaseRecord } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, say } from '../common/content.ts';
import type { VoteRule } from '../../../dsl/policy-model.ts';
import { consentNote, type PendingConsent } from './events.ts';
import { consentCarriers } from './lf-case-consent.ts';
import './lf-command-form.ts';

export class LfCaseActions extends LfElement {
  static override properties = {
    caseRecord: { attribute: false },
    commands: { attribute: false },
    voteRulesFor: { attribute: false },
    pendingConsents: { attribute: false },
    open: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  declare caseRecord: CaseRecord;
  declare commands: AllowedCommand[];
  /** The vote rules of a step (from the policy), for the verdict shown before saving. */
  declare voteRulesFor: (step: string | undefined) => VoteRule[];
  /** Consents taken down on the consent panel, sent with the next command that carries consents. */
  declare pendingConsents: PendingConsent[];
  declare open: string | null;
  declare busy: boolean;
  declare error: ApiError | null;
  private key: string | null = null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .list { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .current { margin-top: 0.7rem; border-top: 1px solid var(--lf-line); padding-top: 0.6rem; }
    `,
  ];

  constructor() {
    super();
    this.commands = [];
    this.voteRulesFor = () => [];
    this.pendingConsents = [];
    this.open = null;
    this.busy = false;
    this.error = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('commands') && this.open && !this.commands.some((c) => c.type === this.open)) this.open = null;
  }

  private choose(type: string) {
    this.open = type;
    this.error = null;
    this.key = null;
  }

  /** Whether the command takes the pending consents with it. */
  private carries(c: AllowedCommand | undefined): boolean {
    return !!c && this.pendingConsents.length > 0 && consentCarriers([c]).length > 0;
  }

  private async run(e: CustomEvent<{ type: string; payload: unknown }>) {
    // The same key for a retry of the same action after a lost answer; a new one otherwise.
    this.key ??= newIdempotencyKey();
    this.busy = true;
    this.error = null;
    const command = this.commands.find((c) => c.type === e.detail.type);
    let payload = e.detail.payload as Record<string, unknown>;
    const carried = this.carries(command) ? this.pendingConsents : [];
    if (carried.length) {
      const note = [consentNote(carried), payload.note].filter(Boolean).join('；');
      payload = { ...payload, consents: carried.map((p) => ({ name: p.name, consents: p.consents })), note };
    }
    const r = await api.runCommand(
      this.caseRecord.id,
      { type: e.detail.type, expectedVersion: this.caseRecord.version, payload },
      this.key,
    );
    this.busy = false;
    if (!r.ok) {
      if (r.status !== 0) this.key = null;
      // A stale version: the server's words in the UI's language, and that the case was read again.
      this.error =
        r.status === 409
          ? { ...r.error, text: undefined, message: `${say(r.error.text ?? r.error.message)}（${t('cases.reloaded')}）` }
          : r.error;
      this.emit('lf-command-refused', { command: command ? say(command.label) : e.detail.type, error: r.error });
      // A stale version: fetch the case again; the form keeps what was typed.
      if (r.status === 409) this.emit('lf-case-stale');
      return;
    }
    this.key = null;
    this.open = null;
    if (carried.length) this.emit('lf-consents-sent', carried);
    this.emit('lf-case-updated', r.data);
  }

  override render() {
    const current = this.commands.find((c) => c.type === this.open);
    return html`
      ${this.commands.length === 0 ? html`<p class="muted">${t('cases.noActions')}</p>` : nothing}
      <div class="list" role="group" aria-label=${t('cases.actions')}>
        ${this.commands.map(
          (c) => html`<button data-command=${c.type} class=${this.open === c.type ? 'primary' : ''} aria-expanded=${this.open === c.type}
            @click=${() => this.choose(c.type)}>${say(c.label)}${c.notBefore ? html` <span class="small muted">${t('cases.notBefore', { date: c.notBefore })}</span>` : nothing}${c.until ? html` <span class="small muted">${t('cases.until', { date: c.until })}</span>` : nothing}</button>`,
        )}
      </div>
      ${
        current
          ? html`<div class="current">
            <p class="small">${say(current.label)}${current.stepLabel ? html` · ${asWritten(current.stepLabel)}` : nothing} ${current.cite ? html`<span class="cite">${asWritten(current.cite)}</span>` : nothing}</p>
            ${
              this.carries(current)
                ? html`<lf-notice kind="info" data-testid="carried-consents">${t('consent.carried')} ${asWritten(this.pendingConsents.map((p) => `${p.name}（${p.how}，${p.date}）`).join('；'))}</lf-notice>`
                : nothing
            }
            <lf-command-form .command=${current} .voteRules=${this.voteRulesFor(current.step ?? undefined)} .error=${this.error} .busy=${this.busy}
              @lf-command-submit=${this.run} @lf-cancel=${() => (this.open = null)}></lf-command-form>
          </div>`
          : nothing
      }
    `;
  }
}

define('lf-case-actions', LfCaseActions);
