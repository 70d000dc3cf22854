// 家庭共有人意见 as a first-class part of the case: every member, whether they are a co-owner,
// their consent as the record has it (when, and how it was given), and a way to record a missing
// one. Where the workflow has a consent step, recordConsent records it at once; where it has none
// (钦州: 第十一条 is checked on the written notice and on the contract), the consent is taken down
// here and goes to the server with the next command that carries co-owners' consents, with a note
// saying how it was given — the refused step can then simply be done again.
import { css, html, nothing } from 'lit';
import type { CaseData } from '../../../dsl/case-model.ts';
import { api, newIdempotencyKey, type AllowedCommand, type ApiError, type CaseEvent, type CaseRecord } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, say } from '../common/content.ts';
import { todayLocal } from '../common/dates.ts';
import { consentHistory, type PendingConsent } from './events.ts';

/** How a consent was given, as the record says it (附件4: 家庭成员共有人签字（手印）). */
export const CONSENT_WAYS = ['书面签字', '按手印', '书面签字并按手印'] as const;
const WAY_KEYS = { 书面签字: 'consent.way.signed', 按手印: 'consent.way.thumbprint', 书面签字并按手印: 'consent.way.both' } as const;

/** The commands allowed now that carry co-owners' consents with them (their `consents` field). */
export function consentCarriers(commands: AllowedCommand[]): AllowedCommand[] {
  return commands.filter((c) => c.fields.some((f) => f.key === 'consents'));
}

export class LfCaseConsent extends LfElement {
  static override properties = {
    caseRecord: { attribute: false },
    commands: { attribute: false },
    events: { attribute: false },
    pending: { attribute: false },
    open: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  declare caseRecord: CaseRecord;
  declare commands: AllowedCommand[];
  declare events: CaseEvent[];
  declare pending: PendingConsent[];
  /** The member whose consent is being taken down. */
  declare open: string | null;
  declare busy: boolean;
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      form { display: flex; gap: 0.5rem 0.9rem; flex-wrap: wrap; align-items: end; padding: 0.5rem 0; }
      form label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--lf-muted); }
      fieldset { border: none; padding: 0; margin: 0; display: flex; gap: 0.8rem; }
      fieldset label { flex-direction: row; gap: 0.3rem; align-items: center; color: var(--lf-fg); }
      legend { font-size: 0.85rem; color: var(--lf-muted); padding: 0; }
      .how { font-size: 0.85rem; color: var(--lf-muted); }
      p.note { margin-top: 0.5rem; }
    `,
  ];

  constructor() {
    super();
    this.commands = [];
    this.events = [];
    this.pending = [];
    this.open = null;
    this.busy = false;
    this.error = null;
  }

  private get kase(): CaseData | undefined {
    return (this.caseRecord?.state as { case?: CaseData } | undefined)?.case;
  }

  private get direct(): AllowedCommand | undefined {
    return this.commands.find((c) => c.type === 'recordConsent');
  }

  private async record(e: SubmitEvent, name: string) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const entry: PendingConsent = {
      name,
      consents: f.get('opinion') !== 'no',
      date: String(f.get('date') || todayLocal()),
      how: String(f.get('how')),
    };
    const direct = this.direct;
    if (!direct) {
      this.emit('lf-pending-consents', [...this.pending.filter((p) => p.name !== name), entry]);
      this.open = null;
      return;
    }
    this.busy = true;
    this.error = null;
    const payload = { name, consents: entry.consents, date: entry.date, note: entry.how, ...(direct.step ? { step: direct.step } : {}) };
    const r = await api.runCommand(
      this.caseRecord.id,
      { type: 'recordConsent', expectedVersion: this.caseRecord.version, payload },
      newIdempotencyKey(),
    );
    this.busy = false;
    if (!r.ok) {
      this.error = r.error;
      this.emit('lf-command-refused', { command: say(direct.label), error: r.error });
      return;
    }
    this.open = null;
    this.emit('lf-case-updated', r.data);
  }

  private form(name: string) {
    return html`<form @submit=${(e: SubmitEvent) => this.record(e, name)} data-member=${name} aria-label=${t('consent.recordFor', { name })}>
      <label>${t('cases.date')}<input type="date" name="date" .value=${todayLocal()} required /></label>
      <label>${t('consent.how')}<select name="how">${CONSENT_WAYS.map((w) => html`<option value=${w}>${t(WAY_KEYS[w])}</option>`)}</select></label>
      <fieldset><legend>${t('consent.opinion')}</legend>
        <label><input type="radio" name="opinion" value="yes" checked />${t('consent.yes')}</label>
        <label><input type="radio" name="opinion" value="no" />${t('consent.no')}</label>
      </fieldset>
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('consent.record')}</button>
      <button type="button" @click=${() => (this.open = null)}>${t('common.cancel')}</button>
    </form>`;
  }

  private status(name: string, consents: boolean | undefined) {
    const p = this.pending.find((x) => x.name === name);
    if (p)
      return html`<span class="badge warn" data-status="pending">${t('consent.pending')}</span> <span class="how">${t(WAY_KEYS[p.how as keyof typeof WAY_KEYS] ?? 'consent.way.signed')} · ${p.date}</span>`;
    if (consents === true) return html`<span class="badge ok" data-status="yes">${t('consent.given')}</span>`;
    if (consents === false) return html`<span class="badge error" data-status="no">${t('consent.refused')}</span>`;
    return html`<span class="badge error" data-status="missing">${t('consent.missing')}</span>`;
  }

  override render() {
    const members = this.kase?.household?.members ?? [];
    if (members.length === 0) return nothing;
    const history = consentHistory(this.events);
    const open = this.caseRecord.status === 'open';
    const carriers = consentCarriers(this.commands);
    const missing = members.filter((m) => m.coOwner && m.consents !== true && !this.pending.some((p) => p.name === m.name));
    return html`
      <div class="scroll-x" tabindex="0"><table data-testid="consents">
        <caption class="visually-hidden">${t('consent.title')}</caption>
        <thead><tr><th scope="col">${t('consent.member')}</th><th scope="col">${t('consent.relation')}</th><th scope="col">${t('consent.coOwner')}</th>
          <th scope="col">${t('consent.opinion')}</th><th scope="col">${t('consent.inRecord')}</th><th scope="col"><span class="visually-hidden">${t('consent.actions')}</span></th></tr></thead>
        <tbody>${members.map((m) => {
          const h = history.get(m.name);
          const canRecord = open && m.coOwner && m.consents !== true;
          return html`<tr data-member=${m.name}>
            <th scope="row">${asWritten(m.name)}</th>
            <td>${asWritten(m.relation)}</td>
            <td>${m.coOwner ? t('common.yes') : t('common.no')}</td>
            <td>${m.coOwner ? this.status(m.name, m.consents) : html`<span class="muted small">${t('consent.notNeeded')}</span>`}</td>
            <td class="small">${h ? html`${h.date}${h.atOpening ? ` · ${t('consent.atOpening')}` : nothing}${h.note ? html` · ${asWritten(h.note)}` : nothing}` : '—'}</td>
            <td>${canRecord && this.open !== m.name ? html`<button type="button" data-record=${m.name} @click=${() => (this.open = m.name)}>${t('consent.recordButton')}</button>` : nothing}</td>
          </tr>${this.open === m.name ? html`<tr><td colspan="6">${this.form(m.name)}</td></tr>` : nothing}`;
        })}</tbody>
      </table></div>
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${open && missing.length ? html`<p class="note small error-text" role="status">${t('consent.stillMissing')} ${asWritten(missing.map((m) => m.name).join('、'))}</p>` : nothing}
      ${
        this.pending.length
          ? html`<p class="note small" role="status" data-testid="consent-carrier">${
              carriers.length
                ? t('consent.carriedBy', { command: carriers.map((c) => say(c.label)).join(t('common.or')) })
                : t('consent.noCarrier')
            }</p>`
          : nothing
      }
    `;
  }
}

define('lf-case-consent', LfCaseConsent);
