// The clerk's day: for a date and a place, what is overdue, what is due, what is waiting on a
// period — each with its deadline and the explanation of how it was counted. The server sends the
// tasks a page at a time; each column is sorted by deadline over what has been loaded.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type Task } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';

export class LfTaskList extends LfElement {
  static override properties = {
    date: { type: String },
    place: { attribute: false },
    tasks: { state: true },
    next: { state: true },
    error: { state: true },
  };
  declare date: string;
  declare place: { town?: string; village?: string; group?: string };
  declare tasks: Task[] | null;
  /** The cursor of the next page, null when all are loaded. */
  declare next: string | null;
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .cols { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.8rem; }
      section { background: var(--lf-panel); border: 1px solid var(--lf-line); border-radius: var(--lf-radius); padding: 0.6rem 0.75rem; border-top: 4px solid var(--lf-line); }
      section.overdue { border-top-color: var(--lf-error); }
      section.due { border-top-color: #d08a00; }
      section.waiting { border-top-color: #1f6fb2; }
      h3 { display: flex; justify-content: space-between; margin-bottom: 0.3rem; }
      ul { list-style: none; margin: 0; padding: 0; }
      li { padding: 0.4rem 0; border-top: 1px solid var(--lf-line); }
      .deadline { font-variant-numeric: tabular-nums; font-weight: 600; }
      details ul { list-style: disc; padding-left: 1.1rem; font-size: 0.85rem; }
      details li { border: none; padding: 0.05rem 0; }
      @media (max-width: 900px) { .cols { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.date = '';
    this.place = {};
    this.tasks = null;
    this.next = null;
    this.error = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has('date') || changed.has('place')) && this.date) this.load();
  }

  private async load(after?: string) {
    this.error = null;
    const r = await api.tasks({ date: this.date, ...this.place, ...(after ? { after } : {}) });
    if (r.ok) {
      this.tasks = after ? [...(this.tasks ?? []), ...r.data.items] : r.data.items;
      this.next = r.data.next;
    } else {
      this.tasks = null;
      this.next = null;
      this.error = r.error;
    }
  }

  private task(x: Task) {
    return html`<li data-case=${x.caseId}>
      <div><a href="#/cases/${encodeURIComponent(x.caseId)}">${asWritten(x.label)}</a></div>
      <div class="small">${x.head ? html`<strong>${asWritten(x.head)}</strong> · ` : nothing}${
        x.deadline
          ? html`${t(x.kind === 'waiting' ? 'cases.waitingUntil' : 'cases.deadline')} <span class="deadline">${x.deadline}</span>`
          : html`<span class="deadline">${t('cases.noTimeLimit')}</span>`
      }
        ${x.cite ? html`<span class="cite">${asWritten(x.cite)}</span>` : nothing}</div>
      ${!x.deadline && x.explanation?.length ? html`<div class="small muted">${shown(x.explanation[0])}</div>` : nothing}
      ${x.explanation?.length ? html`<details><summary class="small">${t('cases.why')}</summary><ul>${x.explanation.map((e) => html`<li>${shown(e)}</li>`)}</ul></details>` : nothing}
    </li>`;
  }

  private column(kind: Task['kind']) {
    const byDate = (a: Task, b: Task) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.caseId.localeCompare(b.caseId);
    const list = (this.tasks ?? []).filter((x) => x.kind === kind).sort(byDate);
    return html`<section class=${kind} aria-labelledby="h-${kind}">
      <h3 id="h-${kind}">${t(`cases.${kind}`)} <span class="badge">${list.length}</span></h3>
      ${list.length === 0 ? html`<p class="muted small">${t('cases.none')}</p>` : html`<ul>${list.map((x) => this.task(x))}</ul>`}
    </section>`;
  }

  override render() {
    if (this.error) return html`<lf-notice kind="error" .error=${this.error}></lf-notice>`;
    if (!this.tasks) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    const next = this.next;
    return html`<div class="cols">${this.column('overdue')}${this.column('due')}${this.column('waiting')}</div>
      ${next ? html`<p><button type="button" data-testid="tasks-more" @click=${() => this.load(next)}>${t('common.loadMore')}</button></p>` : nothing}`;
  }
}

define('lf-task-list', LfTaskList);
