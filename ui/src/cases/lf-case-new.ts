// Opening a case: choose the policy and procedure, fill the application form generated from the
// case model (or start from an example household), and submit. The draft survives errors, a
// sign-in and a page reload (sessionStorage).
import { css, html, nothing } from 'lit';
import { caseFields } from '../../../dsl/case-schema.ts';
import { PROCEDURE_KINDS, type ProcedureKind } from '../../../dsl/case-model.ts';
import { api, newIdempotencyKey, type ApiError, type PolicyDetail, type PolicySummary } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { exampleFiles, loadExampleCase } from '../common/example-cases.ts';
import { todayLocal } from '../common/dates.ts';
import { navigate } from '../app/router.ts';
import { CO_OWNER_DEFAULT, emptyOf, withoutFormMarkers } from './case-form-model.ts';
import { asWritten } from '../common/content.ts';
import type { LfCaseForm } from './lf-case-form.ts';
import './lf-case-form.ts';

const DRAFT_KEY = 'landflow.caseDraft';

function blankCase(): Record<string, unknown> {
  const kase = emptyOf({ kind: 'record', fields: caseFields }) as Record<string, unknown>;
  const household = kase.household as Record<string, unknown>;
  household.members = [{ name: '', idNumber: '', relation: '户主', coOwner: true, consents: true }];
  kase.parcels = [{ name: '', landClass: '水田', isArable: true, area: '', bounds: { east: '', south: '', west: '', north: '' } }];
  kase.exit = { parcels: [], mode: 'permanent', payer: 'group' };
  return kase;
}

export class LfCaseNew extends LfElement {
  static override properties = {
    policyId: { type: String },
    procedure: { type: String },
    policies: { state: true },
    detail: { state: true },
    kase: { state: true },
    error: { state: true },
    busy: { state: true },
    unconfirmed: { state: true },
  };
  declare policyId: string;
  declare procedure: ProcedureKind;
  declare policies: PolicySummary[];
  declare detail: PolicyDetail | null;
  declare kase: Record<string, unknown>;
  declare error: ApiError | null;
  declare busy: boolean;
  /** Members whose co-owner flag is still the default, asked about before the case is opened. */
  declare unconfirmed: { name: string; relation: string; coOwner: boolean }[];
  private key: string | null = null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .choose { display: flex; gap: 0.6rem 1rem; flex-wrap: wrap; align-items: end; margin-bottom: 0.9rem; }
      .choose label { display: flex; flex-direction: column; font-size: 0.88rem; color: var(--lf-muted); }
      .actions { position: sticky; bottom: 0; background: var(--lf-bg); padding: 0.6rem 0; border-top: 1px solid var(--lf-line); display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; }
      .actions lf-notice { flex: 1 1 100%; }
      .actions ul { margin: 0.3rem 0; }
    `,
  ];

  constructor() {
    super();
    this.policyId = '';
    this.procedure = 'exit';
    this.policies = [];
    this.detail = null;
    this.error = null;
    this.busy = false;
    this.unconfirmed = [];
    let draft: Record<string, unknown> | null = null;
    try {
      draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null');
    } catch {
      draft = null;
    }
    this.kase = draft ?? blankCase();
  }

  override async connectedCallback() {
    super.connectedCallback();
    const r = await api.policies();
    if (r.ok) {
      this.policies = r.data;
      if (!this.policyId && r.data.length) this.policyId = r.data[0].id;
    } else this.error = r.error;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('policyId') && this.policyId) this.loadPolicy();
  }

  private async loadPolicy() {
    const r = await api.policy(this.policyId);
    this.detail = r.ok ? r.data : null;
    const kinds = this.kinds;
    if (kinds.length && !kinds.includes(this.procedure)) this.procedure = kinds[0];
  }

  private get kinds(): ProcedureKind[] {
    return PROCEDURE_KINDS.filter((k) => this.detail?.procedures?.[k]);
  }

  private saveDraft() {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(this.kase));
  }

  private async fillExample(file: string) {
    const kase = await loadExampleCase(file);
    if (kase) {
      this.kase = kase as unknown as Record<string, unknown>;
      this.saveDraft();
    }
  }

  private reset() {
    this.kase = blankCase();
    sessionStorage.removeItem(DRAFT_KEY);
    this.error = null;
  }

  private get members(): Record<string, unknown>[] {
    return (this.kase.household as { members?: Record<string, unknown>[] } | undefined)?.members ?? [];
  }

  /** The clerk confirms every co-owner default at once (or goes back to change them). */
  private confirmDefaults() {
    for (const m of this.members) delete m[CO_OWNER_DEFAULT];
    this.unconfirmed = [];
    this.saveDraft();
    this.submit();
  }

  private async submit() {
    const form = this.renderRoot.querySelector<LfCaseForm>('lf-case-form')!;
    this.error = null;
    if (!form.validate()) {
      this.error = { code: 'INVALID', message: t('form.fixErrors'), status: 0 };
      form.focusFirstError();
      return;
    }
    this.unconfirmed = this.members
      .filter((m) => m[CO_OWNER_DEFAULT])
      .map((m) => ({ name: String(m.name ?? ''), relation: String(m.relation ?? ''), coOwner: m.coOwner === true }));
    if (this.unconfirmed.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="confirm-defaults"] button.primary')?.focus();
      return;
    }
    // A retry after a lost connection reuses the key, so the server cannot open the case twice.
    this.key ??= newIdempotencyKey();
    this.busy = true;
    // The exit mode travels inside the case (exit.mode), where the server reads it.
    const r = await api.createCase({
      policy: this.policyId,
      procedure: this.procedure,
      case: withoutFormMarkers(this.kase),
      idempotencyKey: this.key,
    });
    this.busy = false;
    if (!r.ok) {
      if (r.status !== 0) this.key = null;
      this.error = r.status === 401 ? { ...r.error, message: t('cases.needLogin') } : r.error;
      await this.updateComplete;
      form.focusFirstError();
      return;
    }
    this.key = null;
    sessionStorage.removeItem(DRAFT_KEY);
    navigate(`#/cases/${encodeURIComponent(r.data.id)}`);
  }

  override render() {
    const hidden = this.procedure === 'exit' ? ['/transfer', '/exit/vote'] : ['/exit'];
    return html`
      <p><a href="#/cases" class="small">← ${t('ws.cases')}</a></p>
      <h1>${t('cases.new')}</h1>
      <div class="choose">
        <label>${t('common.policy')}
          <select @change=${(e: Event) => (this.policyId = (e.target as HTMLSelectElement).value)} name="policy">
            ${this.policies.map((p) => html`<option value=${p.id} lang="zh-CN" ?selected=${p.id === this.policyId}>${p.shortName || p.id}</option>`)}
          </select></label>
        <label>${t('common.procedure')}
          <select name="procedure" @change=${(e: Event) => (this.procedure = (e.target as HTMLSelectElement).value as ProcedureKind)}>
            ${(this.kinds.length ? this.kinds : PROCEDURE_KINDS).map((k) => html`<option value=${k} ?selected=${k === this.procedure}>${t(`proc.${k}`)}</option>`)}
          </select></label>
        <label>${t('cases.fromExample')}
          <select name="example" @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            if (v) this.fillExample(v);
          }}>
            <option value="">—</option>
            ${exampleFiles().map((f) => html`<option value=${f}>${f.replace(/\.json$/, '')}</option>`)}
          </select></label>
        <button type="button" @click=${this.reset}>${t('cases.clearForm')}</button>
      </div>
      <lf-case-form .value=${this.kase} .omit=${hidden} .serverError=${this.error?.path?.startsWith('/case/') ? this.error : null} .today=${todayLocal()}
        @lf-case-change=${() => this.saveDraft()}></lf-case-form>
      <div class="actions">
        ${
          this.unconfirmed.length
            ? html`<lf-notice kind="warn" data-testid="confirm-defaults">
              ${t('form.confirmDefaults')}
              <ul>${this.unconfirmed.map((m) => html`<li>${asWritten(`${m.name}（${m.relation || '—'}）`)}${t('common.colon')}${m.coOwner ? t('form.isCoOwner') : t('form.notCoOwner')}</li>`)}</ul>
              <div class="row"><button class="primary" @click=${this.confirmDefaults}>${t('form.confirmAndOpen')}</button>
                <button @click=${() => (this.unconfirmed = [])}>${t('form.backToForm')}</button></div>
            </lf-notice>`
            : nothing
        }
        <button class="primary" @click=${this.submit} ?disabled=${this.busy}>${this.busy ? t('common.running') : t('cases.open')}</button>
        ${this.error && !this.error.path?.startsWith('/case/') ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
        ${this.error?.path?.startsWith('/case/') ? html`<span class="error-text small" role="alert">${t('form.seeField')}</span>` : nothing}
      </div>
    `;
  }
}

define('lf-case-new', LfCaseNew);
