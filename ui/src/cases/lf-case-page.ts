// One case: the summary (amount, contract, payments, next deadline), the co-owners' consent, the
// actions allowed now, the timeline of steps with computed deadlines, every vote, the refusals met
// in this session, the documents to preview and print, and the audit trail. Prints as a summary.
import { css, html, nothing } from 'lit';
import { maskIdNumber } from '../../../engine/documents/idcard.ts';
import {
  api,
  type AllowedCommand,
  type ApiError,
  type CaseEvent,
  type CaseRecord,
  type Deadline,
  type Evaluation,
  type PolicyDetail,
  type TimingWarning,
} from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';
import { shortDateTime } from '../common/dates.ts';
import type { VoteRule } from '../../../dsl/policy-model.ts';
import { sessionRecord, type MetRefusal, type PendingConsent } from './events.ts';
import './lf-case-summary.ts';
import './lf-case-consent.ts';
import './lf-case-votes.ts';
import './lf-case-timeline.ts';
import './lf-case-timing.ts';
import './lf-case-actions.ts';
import './lf-case-documents.ts';
import './lf-audit-trail.ts';

export class LfCasePage extends LfElement {
  static override properties = {
    caseId: { type: String },
    record: { state: true },
    policy: { state: true },
    deadlines: { state: true },
    timing: { state: true },
    commands: { state: true },
    events: { state: true },
    evaluation: { state: true },
    pending: { state: true },
    refusals: { state: true },
    error: { state: true },
  };
  declare caseId: string;
  declare record: CaseRecord | null;
  declare policy: PolicyDetail | null;
  declare deadlines: Deadline[];
  declare timing: TimingWarning[];
  declare commands: AllowedCommand[];
  declare events: CaseEvent[];
  declare evaluation: Evaluation | null;
  declare pending: PendingConsent[];
  declare refusals: MetRefusal[];
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .head { display: flex; gap: 0.6rem 1rem; align-items: baseline; flex-wrap: wrap; margin-bottom: 0.6rem; }
      .head h1 { margin: 0; font-size: 1.3rem; }
      .facts { display: flex; gap: 0.3rem 1.4rem; flex-wrap: wrap; font-size: 0.92rem; margin-bottom: 0.9rem; }
      .facts span b { font-weight: 600; }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.9rem; align-items: start; }
      .wide { grid-column: 1 / -1; }
      .refusals li { margin: 0.3rem 0; }
      @media (max-width: 1000px) { .grid { grid-template-columns: 1fr; } }
      @media print {
        .no-print { display: none !important; }
        .grid { display: block; }
        .panel { border: none; padding: 0.3rem 0; break-inside: avoid; }
      }
    `,
  ];

  constructor() {
    super();
    this.caseId = '';
    this.record = null;
    this.policy = null;
    this.deadlines = [];
    this.timing = [];
    this.commands = [];
    this.events = [];
    this.evaluation = null;
    this.pending = [];
    this.refusals = [];
    this.error = null;
  }

  private onSession = () => this.load();

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('lf-session-changed', this.onSession);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('lf-session-changed', this.onSession);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('caseId') && this.caseId) {
      this.pending = sessionRecord.pending(this.caseId);
      this.refusals = sessionRecord.refusals(this.caseId);
      this.load();
    }
  }

  async load() {
    const id = this.caseId;
    const [r, d, c, e, w] = await Promise.all([api.case(id), api.deadlines(id), api.commands(id), api.events(id), api.timing(id)]);
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    const p = this.policy?.id === r.data.policy ? null : await api.policy(r.data.policy);
    const state = r.data.state;
    // Before a contract, the amount is the policy's evaluation of the case (the contract's, after).
    const ev = state.contract
      ? null
      : await api.evaluate({ policy: r.data.policy, procedure: r.data.procedure, mode: r.data.mode ?? null, case: state.case });
    // Everything is shown at once: a half-loaded case would offer no actions for a moment.
    this.error = null;
    if (p && p.ok) this.policy = p.data;
    this.deadlines = d.ok ? d.data : [];
    this.timing = w.ok ? w.data : [];
    this.commands = c.ok ? c.data : [];
    this.events = e.ok ? e.data : [];
    this.evaluation = ev?.ok ? ev.data : null;
    this.record = r.data;
  }

  private get kase() {
    return this.record?.state.case;
  }

  private voteRulesFor = (step: string | undefined): VoteRule[] => {
    const proc = this.policy?.procedures?.[this.record?.procedure ?? 'exit'];
    const s = proc?.steps?.find((x) => x.id === step) ?? proc?.steps?.find((x) => x.kind === 'vote');
    const rules = (s?.votes ?? []) as unknown as VoteRule[];
    // Keep the rules whose condition names this case's payer (钦州: 组集体 → 户主会议, 村集体 → 成员大会).
    const payer = this.kase?.exit?.payer;
    const matching = payer ? rules.filter((r) => !r.when || r.when.includes(`"${payer}"`)) : rules;
    return matching.length ? matching : rules;
  };

  private setPending(list: PendingConsent[]) {
    this.pending = list;
    sessionRecord.setPending(this.caseId, list);
  }

  private onRefused(e: CustomEvent<{ command: string; error: ApiError }>) {
    // A stale version is not a refusal of the act: the case is read again and the clerk retries.
    if (e.detail.error.status === 409 || e.detail.error.status === 0) return;
    const r: MetRefusal = {
      command: e.detail.command,
      message: e.detail.error.text ?? e.detail.error.message,
      code: e.detail.error.code,
      at: new Date().toISOString(),
      ...(e.detail.error.cite ? { cite: e.detail.error.cite } : {}),
    };
    sessionRecord.addRefusal(this.caseId, r);
    this.refusals = sessionRecord.refusals(this.caseId);
  }

  /** The mode as the policy names it (永久退出), never its id. */
  private modeLabel(): string | undefined {
    const mode = this.record?.mode ?? this.record?.state.mode;
    if (!mode) return undefined;
    return this.policy?.procedures[this.record?.procedure ?? 'exit']?.modes.find((m) => m.id === mode)?.label;
  }

  private facts() {
    const k = this.kase;
    if (!k) return nothing;
    const chosen = this.record?.procedure === 'transfer' ? k.transfer?.parcels : k.exit?.parcels;
    const area = (k.parcels ?? [])
      .filter((p) => chosen?.includes(p.name))
      .map((p) => `${p.name} ${p.area}`)
      .join('、');
    return html`
      <span>${t('cases.head')} <b>${asWritten(k.household?.head?.name)}</b> <span class="small muted">${maskIdNumber(k.household?.head?.idNumber ?? '')}</span></span>
      <span>${t('cases.members')} <b>${k.household?.members?.length ?? 0}</b></span>
      ${area ? html`<span>${t('cases.parcels')} <b>${asWritten(area)}</b> ${t('unit.mu')}</span>` : nothing}
    `;
  }

  override render() {
    if (this.error) return html`<lf-notice kind="error" .error=${this.error}></lf-notice><p><a href="#/cases">← ${t('ws.cases')}</a></p>`;
    const c = this.record;
    if (!c) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    const state = c.state;
    const mode = this.modeLabel();
    return html`
      <p class="no-print"><a href="#/cases" class="small">← ${t('ws.cases')}</a></p>
      <div class="head">
        <h1>${t('cases.case')} <span class="mono">${c.id}</span></h1>
        <span class="badge info" data-testid="case-status">${t(`cases.st.${c.status}` as 'cases.st.open') || c.status}</span>
        <span>${asWritten(this.policy?.meta?.shortName ?? c.policy)} · ${t(`proc.${c.procedure}` as 'proc.exit')}${mode ? html` · ${asWritten(mode)}` : nothing}</span>
        <span class="small muted">${t('cases.version')} ${c.version} · ${t('cases.updated')} ${shortDateTime(c.updatedAt)}</span>
        <button class="no-print" type="button" @click=${() => window.print()}>${t('cases.printSummary')}</button>
      </div>
      <div class="facts">
        <span>${t('cases.place')} <b>${asWritten([c.place?.town, c.place?.village, c.place?.group].filter(Boolean).join(' '))}</b></span>
        ${this.facts()}
      </div>
      <div class="grid">
        <section class="panel wide" aria-labelledby="h-summary">
          <h2 id="h-summary">${t('cases.summary')}</h2>
          <lf-case-summary .record=${c} .deadlines=${this.deadlines} .evaluation=${this.evaluation}></lf-case-summary>
        </section>
        <section class="panel wide" aria-labelledby="h-consent">
          <h2 id="h-consent">${t('consent.title')}</h2>
          <lf-case-consent .caseRecord=${c} .commands=${this.commands} .events=${this.events} .pending=${this.pending}
            @lf-pending-consents=${(e: CustomEvent<PendingConsent[]>) => this.setPending(e.detail)}
            @lf-command-refused=${this.onRefused} @lf-case-updated=${() => this.load()}></lf-case-consent>
        </section>
        <section class="panel no-print" aria-labelledby="h-actions">
          <h2 id="h-actions">${t('cases.actionsNow')}</h2>
          <lf-case-actions .caseRecord=${c} .commands=${this.commands} .voteRulesFor=${this.voteRulesFor} .pendingConsents=${this.pending}
            @lf-command-refused=${this.onRefused}
            @lf-consents-sent=${(e: CustomEvent<PendingConsent[]>) => this.setPending(this.pending.filter((p) => !e.detail.includes(p)))}
            @lf-case-updated=${() => this.load()} @lf-case-stale=${() => this.load()}></lf-case-actions>
          ${
            this.refusals.length
              ? html`<h3>${t('cases.refusals')}</h3>
                <ul class="refusals small" data-testid="refusals">${this.refusals.map(
                  (r) =>
                    html`<li><strong>${r.command}</strong> · ${shortDateTime(r.at)}${t('common.colon')}${shown(r.message)}${r.cite ? html` <span class="cite">${asWritten(r.cite)}</span>` : nothing}</li>`,
                )}</ul>`
              : nothing
          }
        </section>
        <section class="panel" aria-labelledby="h-timeline">
          <h2 id="h-timeline">${t('cases.timeline')}</h2>
          <lf-case-timing .warnings=${this.timing}></lf-case-timing>
          <lf-case-timeline .deadlines=${this.deadlines}></lf-case-timeline>
        </section>
        <section class="panel wide" aria-labelledby="h-votes">
          <h2 id="h-votes">${t('cases.votes')}</h2>
          <lf-case-votes .votes=${state.votes}></lf-case-votes>
        </section>
        <section class="panel wide no-print" aria-labelledby="h-docs">
          <h2 id="h-docs">${t('cases.documents')}</h2>
          <lf-case-documents .caseId=${c.id} .version=${c.version}></lf-case-documents>
        </section>
        <section class="panel wide no-print" aria-labelledby="h-audit">
          <h2 id="h-audit">${t('cases.audit')}</h2>
          <lf-audit-trail .events=${this.events}></lf-audit-trail>
        </section>
      </div>
    `;
  }
}

define('lf-case-page', LfCasePage);
