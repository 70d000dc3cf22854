// The compiled workflow (engine/compile, run here on the text being edited) as a diagram: states
// in the order their `after` links allow, parallel ones side by side, each with its timers (period,
// where it is counted from, 「…后」), its vote rules, the commands that complete it, and its article.
import { css, html, nothing } from 'lit';
import { PROCEDURE_KINDS, type ProcedureKind } from '../../../dsl/case-model.ts';
import { VOTE_BASE_LABELS, type Policy, type VoteBase, type VoteRule } from '../../../dsl/policy-model.ts';
import { compileWorkflow } from '../../../engine/compile/index.ts';
import type { TimerSpec, Workflow, WorkflowState } from '../../../engine/compile/workflow.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { caseLabel } from '../common/field-labels.ts';
import { articleText } from '../common/cite.ts';
import { asWritten, say } from '../common/content.ts';

/** States grouped by depth: a state sits one row below the deepest state it comes after. */
export function layers<T extends { id: string; after: string[] }>(states: T[]): T[][] {
  const byId = new Map(states.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const visit = (s: T, seen: Set<string>): number => {
    if (depth.has(s.id)) return depth.get(s.id)!;
    if (seen.has(s.id)) return 0; // a cycle is the checker's to report; draw it flat
    seen.add(s.id);
    const d = Math.max(-1, ...s.after.map((a) => (byId.has(a) ? visit(byId.get(a)!, seen) : -1))) + 1;
    depth.set(s.id, d);
    return d;
  };
  states.forEach((s) => visit(s, new Set()));
  const rows: T[][] = [];
  for (const s of states) (rows[depth.get(s.id)!] ??= []).push(s);
  return rows.filter(Boolean);
}

const commandLabel = (wf: Workflow, type: string) => say(wf.commands.find((c) => c.type === type)?.label ?? type);

export class LfWorkflowDiagram extends LfElement {
  static override properties = {
    policy: { attribute: false },
    procedure: { state: true },
  };
  declare policy: Policy | null;
  declare procedure: ProcedureKind;

  static override styles = [
    LfElement.styles,
    css`
      .row { display: flex; gap: 0.5rem; flex-wrap: wrap; justify-content: center; }
      .arrow { text-align: center; color: var(--lf-muted); line-height: 1.2; margin: 0.15rem 0; }
      .step { flex: 1 1 12rem; max-width: 22rem; border: 1px solid var(--lf-line); border-left: 4px solid var(--lf-accent); border-radius: var(--lf-radius); padding: 0.45rem 0.6rem; background: #fff; font-size: 0.9rem; }
      .step.optional { border-left-style: dashed; }
      .step.vote { border-left-color: #6a4c93; }
      .step.publicNotice, .step.waiting, .step.negotiation, .step.writtenNotice { border-left-color: #1f6fb2; }
      .head { display: flex; justify-content: space-between; gap: 0.4rem; align-items: baseline; }
      .id { color: var(--lf-muted); font-size: 0.78rem; }
      .label { font-weight: 600; margin: 0.15rem 0; }
      .facts { margin: 0.2rem 0 0; padding-left: 1rem; }
      .facts li { margin: 0.1rem 0; }
      .switch { margin-bottom: 0.6rem; }
    `,
  ];

  constructor() {
    super();
    this.policy = null;
    this.procedure = 'exit';
  }

  private cite(c?: string) {
    return c ? html`<span class="cite" lang="zh-CN" title=${articleText(this.policy?.articles, c)}>${c}</span>` : nothing;
  }

  /** Where a timer counts from: another step, this step's activation or posting, or a case date. */
  private startText(tm: TimerSpec, wf: Workflow, st: WorkflowState): string {
    const s = tm.start;
    if (s.on === 'step') {
      const other = wf.states.find((x) => x.id === s.step);
      return t('policy.fromStep', { step: other ? t(`policy.kind.${other.kind}`) : s.step });
    }
    if (s.on === 'posted') return t('policy.fromPosted');
    if (s.on === 'done' && st.defaultDate) return t('common.quoted', { x: caseLabel(st.defaultDate) });
    return s.on === 'done' ? t('policy.fromThisDone') : t('policy.fromActivated');
  }

  private timer(tm: TimerSpec, wf: Workflow, st: WorkflowState) {
    return html`<li>
      ${asWritten(tm.label)}${t('common.colon')}<strong lang="zh-CN">${tm.period.text}</strong>${t('policy.countedFrom', { from: this.startText(tm, wf, st) })}${tm.after ? html`${t('common.comma')}${t('policy.allowedAfter')}` : nothing}
      <span class="badge">${t(`policy.timer.${tm.kind}`)}</span> ${this.cite(tm.cite)}
      ${tm.override ? html`<div class="error-text">${t('policy.override')}: ${asWritten(tm.override.rule)} ${this.cite(tm.override.cite)}</div>` : nothing}
    </li>`;
  }

  private vote(v: VoteRule) {
    const base = (b: VoteBase) => say(VOTE_BASE_LABELS[b]);
    return html`<li>
      ${t('policy.voteBy')} <strong lang="zh-CN">${v.body.join(' / ')}</strong>${v.when ? html` <span class="muted">(${t('policy.when')} <code lang="zh-CN">${v.when}</code>)</span>` : nothing}${t('common.colon')}
      ${v.quorum ? html`${t('policy.quorum')} ${base(v.quorum.base)} ${asWritten(v.quorum.threshold.text)}${t('common.semicolon')}` : nothing}
      ${base(v.base)} ${asWritten(v.threshold.text)} ${t('policy.passes')} ${this.cite(v.cite)}
      ${v.assumed ? html`<span class="badge warn" title=${v.note ?? ''}>${t('policy.assumed')}</span>` : nothing}
    </li>`;
  }

  private state(st: WorkflowState, wf: Workflow) {
    const timers = wf.timers.filter((x) => st.timers.includes(x.id));
    const votes = wf.guards.filter((g) => st.guards.includes(g.id) && g.kind === 'vote').flatMap((g) => g.votes ?? []);
    return html`<div class="step ${st.kind} ${st.optional ? 'optional' : ''}" data-step=${st.id}>
      <div class="head"><span class="badge">${t(`policy.kind.${st.kind}`)}</span></div>
      <div class="label">${asWritten(st.label)}</div>
      <ul class="facts">
        ${timers.map((tm) => this.timer(tm, wf, st))}
        ${votes.map((v) => this.vote(v))}
        ${st.by?.length ? html`<li>${t('policy.by')}${asWritten(st.by.join('、'))}</li>` : nothing}
        ${st.form ? html`<li>${t('policy.form')}${asWritten(`《${st.form}》`)}</li>` : nothing}
        ${st.completes.length ? html`<li class="muted">${t('policy.completedBy')}${st.completes.map((c) => commandLabel(wf, c)).join(t('common.listSep'))}</li>` : nothing}
        ${st.when ? html`<li>${t('policy.when')} <code lang="zh-CN">${st.when}</code></li>` : nothing}
        ${st.optional ? html`<li class="muted">${t('policy.optional')}</li>` : nothing}
      </ul>
      <div>${this.cite(st.cite)}</div>
    </div>`;
  }

  override render() {
    const policy = this.policy;
    if (!policy) return html`<p class="muted">${t('policy.workflowNeedsPolicy')}</p>`;
    const kinds = PROCEDURE_KINDS.filter((k) => policy.procedures[k]);
    if (kinds.length === 0) return html`<p class="muted">${t('policy.noWorkflow')}</p>`;
    const current = kinds.includes(this.procedure) ? this.procedure : kinds[0];
    let wf: Workflow;
    try {
      wf = compileWorkflow(policy, current);
    } catch (e) {
      return html`<lf-notice kind="error">${String((e as Error)?.message ?? e)}</lf-notice>`;
    }
    return html`
      <div class="switch row" role="group" aria-label=${t('common.procedure')}>
        ${kinds.map((k) => html`<button aria-pressed=${k === current} class=${k === current ? 'primary' : ''} @click=${() => (this.procedure = k)}>${t(`proc.${k}`)}</button>`)}
        <span class="small muted">${asWritten(wf.label)} ${this.cite(wf.cite)}${wf.mode ? html` · ${asWritten(policy.procedures[current]?.modes?.find((m) => m.id === wf.mode)?.label ?? '')}` : nothing}</span>
      </div>
      ${layers(wf.states).map(
        (row, i) =>
          html`${i > 0 ? html`<div class="arrow" aria-hidden="true">↓</div>` : nothing}<div class="row">${row.map((s) => this.state(s, wf))}</div>`,
      )}
    `;
  }
}

define('lf-workflow-diagram', LfWorkflowDiagram);
