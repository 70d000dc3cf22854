// One case: who and what, the timeline of steps with computed deadlines, the actions allowed now,
// the documents to preview and print, and the audit trail.
import { css, html, nothing } from 'lit';
import type { CaseData } from '../../../dsl/case-model.ts';
import { maskIdNumber } from '../../../engine/documents/idcard.ts';
import { api, type AllowedCommand, type ApiError, type CaseEvent, type CaseRecord, type Deadline, type PolicyDetail } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { shortDateTime } from '../common/dates.ts';
import type { VoteRule } from '../../../dsl/policy-model.ts';
import './lf-case-timeline.ts';
import './lf-case-actions.ts';
import './lf-case-documents.ts';
import './lf-audit-trail.ts';

export class LfCasePage extends LfElement {
  static override properties = {
    caseId: { type: String },
    record: { state: true },
    policy: { state: true },
    deadlines: { state: true },
    commands: { state: true },
    events: { state: true },
    error: { state: true },
  };
  declare caseId: string;
  declare record: CaseRecord | null;
  declare policy: PolicyDetail | null;
  declare deadlines: Deadline[];
  declare commands: AllowedCommand[];
  declare events: CaseEvent[];
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .head { display: flex; gap: 0.6rem 1rem; align-items: baseline; flex-wrap: wrap; margin-bottom: 0.6rem; }
      .head h2 { margin: 0; }
      .facts { display: flex; gap: 0.3rem 1.4rem; flex-wrap: wrap; font-size: 0.92rem; margin-bottom: 0.9rem; }
      .facts span b { font-weight: 600; }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.9rem; align-items: start; }
      .wide { grid-column: 1 / -1; }
      @media (max-width: 1000px) { .grid { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.caseId = '';
    this.record = null;
    this.policy = null;
    this.deadlines = [];
    this.commands = [];
    this.events = [];
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
    if (changed.has('caseId') && this.caseId) this.load();
  }

  async load() {
    const id = this.caseId;
    const [r, d, c, e] = await Promise.all([api.case(id), api.deadlines(id), api.commands(id), api.events(id)]);
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    const p = this.policy?.id === r.data.policy ? null : await api.policy(r.data.policy);
    // Everything is shown at once: a half-loaded case would offer no actions for a moment.
    this.error = null;
    if (p && p.ok) this.policy = p.data;
    this.deadlines = d.ok ? d.data : [];
    this.commands = c.ok ? c.data : [];
    this.events = e.ok ? e.data : [];
    this.record = r.data;
  }

  private get kase(): CaseData | undefined {
    const s = this.record?.state as { case?: CaseData; data?: CaseData } | undefined;
    return s?.case ?? s?.data;
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

  private summary() {
    const k = this.kase;
    if (!k) return nothing;
    const chosen = this.record?.procedure === 'transfer' ? k.transfer?.parcels : k.exit?.parcels;
    const area = (k.parcels ?? []).filter((p) => chosen?.includes(p.name)).map((p) => `${p.name} ${p.area}亩`).join('、');
    return html`
      <span>${t('cases.head')} <b>${k.household?.head?.name}</b> <span class="small muted">${maskIdNumber(k.household?.head?.idNumber ?? '')}</span></span>
      <span>${t('cases.members')} <b>${k.household?.members?.length ?? 0}</b></span>
      ${area ? html`<span>${t('cases.parcels')} <b>${area}</b></span>` : nothing}
    `;
  }

  override render() {
    if (this.error) return html`<lf-notice kind="error" .error=${this.error}></lf-notice><p><a href="#/cases">← ${t('ws.cases')}</a></p>`;
    const c = this.record;
    if (!c) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    return html`
      <p><a href="#/cases" class="small">← ${t('ws.cases')}</a></p>
      <div class="head">
        <h2>${t('cases.case')} ${c.id}</h2>
        <span class="badge info" data-testid="case-status">${t(`cases.st.${c.status}` as 'cases.st.open') || c.status}</span>
        <span>${this.policy?.meta?.shortName ?? c.policy} · ${t(`proc.${c.procedure}` as 'proc.exit') || c.procedure}</span>
        <span class="small muted">${t('cases.version')} ${c.version} · ${t('cases.updated')} ${shortDateTime(c.updatedAt)}</span>
      </div>
      <div class="facts">
        <span>${t('cases.place')} <b>${[c.place?.town, c.place?.village, c.place?.group].filter(Boolean).join(' ')}</b></span>
        ${this.summary()}
      </div>
      <div class="grid">
        <section class="panel" aria-labelledby="h-actions">
          <h3 id="h-actions">${t('cases.actionsNow')}</h3>
          <lf-case-actions .caseRecord=${c} .commands=${this.commands} .voteRulesFor=${this.voteRulesFor}
            @lf-case-updated=${() => this.load()} @lf-case-stale=${() => this.load()}></lf-case-actions>
        </section>
        <section class="panel" aria-labelledby="h-timeline">
          <h3 id="h-timeline">${t('cases.timeline')}</h3>
          <lf-case-timeline .deadlines=${this.deadlines}></lf-case-timeline>
        </section>
        <section class="panel wide" aria-labelledby="h-docs">
          <h3 id="h-docs">${t('cases.documents')}</h3>
          <lf-case-documents .caseId=${c.id} .version=${c.version}></lf-case-documents>
        </section>
        <section class="panel wide" aria-labelledby="h-audit">
          <h3 id="h-audit">${t('cases.audit')}</h3>
          <lf-audit-trail .events=${this.events}></lf-audit-trail>
        </section>
      </div>
    `;
  }
}

define('lf-case-page', LfCasePage);
