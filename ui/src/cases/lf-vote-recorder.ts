// Recording a vote: the meeting, the counts, and — before anything is saved — the verdict the
// policy's rule gives (engine/rules/vote.ts, the same arithmetic the server applies), with the
// votes needed and the article.
import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Vote } from '../../../dsl/case-model.ts';
import type { VoteRule } from '../../../dsl/policy-model.ts';
import { decideVote } from '../../../engine/rules/vote.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown, type Said } from '../common/content.ts';

const COUNTS = ['entitled', 'present', 'yes', 'no', 'abstain'] as const;

export type VoteDraft = Partial<Vote>;

const bodiesOf = (r: VoteRule) => (Array.isArray(r.body) ? r.body : [r.body as unknown as string]);

export class LfVoteRecorder extends LfElement {
  static override properties = {
    rules: { attribute: false },
    value: { attribute: false },
    errors: { attribute: false },
  };
  declare rules: VoteRule[];
  declare value: VoteDraft;
  /** Server errors by count key ("present"). */
  declare errors: Record<string, Said>;

  static override styles = [
    LfElement.styles,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr)); gap: 0.5rem 0.8rem; }
      label { display: flex; flex-direction: column; font-size: 0.88rem; color: var(--lf-muted); }
      input, select { color: var(--lf-fg); }
      .verdict { margin-top: 0.7rem; padding: 0.6rem 0.8rem; border-radius: var(--lf-radius); }
      .verdict strong { font-size: 1.05rem; margin-right: 0.4rem; }
      .verdict.pass { background: var(--lf-ok-soft); color: var(--lf-ok); }
      .verdict.fail { background: var(--lf-error-soft); color: var(--lf-error); }
      .verdict.none { background: #f1f1ef; color: var(--lf-muted); }
      .msg { color: var(--lf-error); font-size: 0.82rem; }
    `,
  ];

  constructor() {
    super();
    this.rules = [];
    this.value = {};
    this.errors = {};
  }

  get body(): string {
    return this.value.body ?? (this.rules[0] ? bodiesOf(this.rules[0])[0] : '') ?? '';
  }

  /** The rule for the chosen meeting (the first if none names it). */
  get rule(): VoteRule | undefined {
    return this.rules.find((r) => bodiesOf(r).includes(this.body)) ?? this.rules[0];
  }

  private set(key: string, raw: string) {
    const text = raw.trim();
    const v = key === 'body' ? raw : text === '' ? undefined : /^\d+$/.test(text) ? Number(text) : text;
    this.value = { ...this.value, body: this.body, [key]: v };
    this.emit('lf-vote-change', this.value);
  }

  /** The verdict, or why there is none yet; also the count a local problem points at. */
  private decision() {
    const rule = this.rule;
    if (!rule) return { view: html`<div class="verdict none">${t('vote.noRule')}</div>`, field: null };
    const v = this.value as Record<string, unknown>;
    if (COUNTS.some((k) => v[k] === undefined))
      return { view: html`<div class="verdict none" role="status" data-verdict="none">${t('vote.enterCounts')}</div>`, field: null };
    const d = decideVote(rule, { ...this.value, body: this.body } as Vote);
    if ('error' in d) {
      return {
        view: html`<div class="verdict none" role="status" data-verdict="none">${shown(d.error)}</div>`,
        field: d.field.replace(/^vote\./, ''),
        message: d.error,
      };
    }
    return {
      view: html`<div class="verdict ${d.passed ? 'pass' : 'fail'}" role="status" data-verdict=${d.passed ? 'passed' : 'failed'}>
        <strong>${d.passed ? t('vote.passed') : d.decidedBy === 'quorum' ? t('vote.noQuorum') : t('vote.failed')}</strong>
        ${t('vote.needed', { n: d.required })} <span class="cite">${asWritten(d.cite)}</span>
        <div class="small">${shown(d.detail)}</div>
      </div>`,
      field: null,
    };
  }

  private input(key: string, problem: Said | undefined) {
    const raw = (this.value as Record<string, unknown>)[key];
    const message = this.errors[key] ?? problem;
    return html`<label>${t(`vote.${key}` as 'vote.yes')}
      <input name=${key} inputmode="numeric" autocomplete="off" .value=${live(raw === undefined ? '' : String(raw))}
        @input=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value)} aria-invalid=${message ? 'true' : 'false'} />
      ${message ? html`<span class="msg" role="alert">${shown(message)}</span>` : nothing}
    </label>`;
  }

  override render() {
    const bodies = [...new Set(this.rules.flatMap(bodiesOf))];
    const d = this.decision();
    const problem = (k: string) => (d.field === k ? d.message : undefined);
    return html`
      <div class="grid">
        <label>${t('vote.body')}
          <select name="body" @change=${(e: Event) => this.set('body', (e.target as HTMLSelectElement).value)}>
            ${bodies.map((b) => html`<option value=${b} lang="zh-CN" ?selected=${b === this.body}>${b}</option>`)}
          </select></label>
        ${COUNTS.map((k) => this.input(k, problem(k)))}
      </div>
      ${d.view}
    `;
  }
}

define('lf-vote-recorder', LfVoteRecorder);
