// 案件办理 home: the task list for a date and place, the cases of that place, and a way to open a
// new case from a policy.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type CaseSummary } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten } from '../common/content.ts';
import { shortDateTime, todayLocal } from '../common/dates.ts';
import './lf-task-list.ts';

const PLACE_KEY = 'landflow.place';

export class LfCasesPage extends LfElement {
  static override properties = {
    date: { state: true },
    place: { state: true },
    cases: { state: true },
    next: { state: true },
    error: { state: true },
  };
  declare date: string;
  declare place: { town?: string; village?: string; group?: string };
  declare cases: CaseSummary[] | null;
  /** The cursor of the next page of cases, null when all are loaded. */
  declare next: string | null;
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .filters { display: flex; gap: 0.6rem 1rem; flex-wrap: wrap; align-items: end; margin-bottom: 0.9rem; }
      .filters label { display: flex; flex-direction: column; font-size: 0.88rem; color: var(--lf-muted); }
      .head { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
      .head h1 { margin: 0 auto 0 0; font-size: 1.35rem; }
      h2 { margin-top: 1.2rem; font-size: 1.1rem; }
      td.head { white-space: nowrap; }
    `,
  ];

  constructor() {
    super();
    this.date = todayLocal();
    try {
      this.place = JSON.parse(localStorage.getItem(PLACE_KEY) ?? '{}');
    } catch {
      this.place = {};
    }
    this.cases = null;
    this.next = null;
    this.error = null;
  }

  private onSession = () => {
    // A new place object makes the task list fetch again too.
    this.place = { ...this.place };
    this.load();
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('lf-session-changed', this.onSession);
    this.load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('lf-session-changed', this.onSession);
  }

  private async load(after?: string) {
    this.error = null;
    const r = await api.cases({ ...this.place, ...(after ? { after } : {}) });
    if (r.ok) {
      this.cases = after ? [...(this.cases ?? []), ...r.data.items] : r.data.items;
      this.next = r.data.next;
    } else this.error = r.error;
  }

  private setPlace(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    this.date = String(f.get('date') || todayLocal());
    const place = Object.fromEntries(['town', 'village', 'group'].map((k) => [k, String(f.get(k) ?? '').trim()]).filter(([, v]) => v));
    this.place = place;
    localStorage.setItem(PLACE_KEY, JSON.stringify(place));
    this.load();
  }

  override render() {
    return html`
      <div class="head">
        <h1>${t('ws.cases')}</h1>
        <a class="button primary" href="#/cases/new">+ ${t('cases.new')}</a>
      </div>
      <form class="filters" @submit=${this.setPlace} aria-label=${t('cases.filters')}>
        <label>${t('cases.date')}<input type="date" name="date" .value=${this.date} required /></label>
        <label>${t('cases.town')}<input name="town" .value=${this.place.town ?? ''} /></label>
        <label>${t('cases.village')}<input name="village" .value=${this.place.village ?? ''} /></label>
        <label>${t('cases.group')}<input name="group" .value=${this.place.group ?? ''} /></label>
        <button type="submit">${t('cases.show')}</button>
      </form>
      <h2>${t('cases.tasks')} · ${this.date}</h2>
      <lf-task-list .date=${this.date} .place=${this.place}></lf-task-list>
      <h2>${t('cases.list')}</h2>
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${this.cases && this.cases.length === 0 ? html`<p class="muted">${t('cases.noCases')}</p>` : nothing}
      ${
        this.cases?.length
          ? html`<div class="scroll-x" tabindex="0"><table>
            <thead><tr><th scope="col">${t('cases.head')}</th><th scope="col">${t('cases.case')}</th><th scope="col">${t('cases.status')}</th><th scope="col">${t('cases.current')}</th><th scope="col">${t('cases.place')}</th><th scope="col">${t('cases.updated')}</th></tr></thead>
            <tbody>${this.cases.map(
              (c) => html`<tr data-case=${c.id}>
                <td class="head"><a href="#/cases/${encodeURIComponent(c.id)}">${c.head ? asWritten(c.head) : c.id}</a></td>
                <td>${asWritten(c.label ?? c.policy)}<div class="small muted">${c.id}</div></td>
                <td>${c.status ? html`<span class="badge info">${t(`cases.st.${c.status}`)}</span>` : nothing}</td>
                <td class="small">${asWritten((c.current ?? []).join('；'))}</td>
                <td class="small">${asWritten([c.place?.town, c.place?.village, c.place?.group].filter(Boolean).join(' '))}</td>
                <td class="small">${shortDateTime(c.updatedAt)}</td>
              </tr>`,
            )}</tbody>
          </table></div>`
          : nothing
      }
      ${this.next ? html`<p><button type="button" data-testid="cases-more" @click=${() => this.load(this.next!)}>${t('common.loadMore')}</button></p>` : nothing}
    `;
  }
}

define('lf-cases-page', LfCasesPage);
