// The shell: the header (lf-app-header), the session, and the hash-routed page. Workspaces are lazy
// chunks so the first screen loads fast.
import { css, html, nothing, type TemplateResult } from 'lit';
import { api, UNAUTHORIZED_EVENT } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { confirmLeave, parseRoute, workspaceOf, type Route, type Workspace } from './router.ts';
import './lf-app-header.ts';
import './lf-home.ts';
import '../common/lf-login.ts';
import '../common/lf-notice.ts';

const loaders: Record<Workspace, () => Promise<unknown>> = {
  policies: () => import('../policy/policy-workspace.ts'),
  compare: () => import('../compare/compare-workspace.ts'),
  cases: () => import('../cases/cases-workspace.ts'),
};

export class LandflowApp extends LfElement {
  static override properties = {
    route: { state: true },
    loaded: { state: true },
    loadError: { state: true },
    user: { state: true },
    askLogin: { state: true },
    needLogin: { state: true },
  };
  declare route: Route;
  declare loaded: Set<Workspace>;
  declare loadError: string | null;
  declare user: string | null;
  declare askLogin: boolean;
  /** The server refused something for want of a session: a banner offers to sign in. */
  declare needLogin: boolean;
  /** The hash of the page shown, to go back to when leaving it is called off. */
  private shownHash = location.hash;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; min-height: 100vh; background: var(--lf-bg); }
      .need-login { background: var(--lf-warn-soft); border: 1px solid #ecd48f; border-radius: var(--lf-radius); padding: 0.45rem 1rem; margin-bottom: 0.8rem; display: flex; gap: 0.8rem; align-items: center; flex-wrap: wrap; }
      main { padding: 1rem 1.25rem 2rem; max-width: 1500px; margin: 0 auto; }
      main:focus { outline: none; }
      .skip { position: absolute; left: 0.5rem; top: -3rem; z-index: 60; background: #fff; color: var(--lf-accent); padding: 0.4rem 0.8rem; border-radius: var(--lf-radius); }
      .skip:focus { top: 0.5rem; }
      @media (max-width: 820px) { main { padding: 0.75rem; } }
      @media print { header, .need-login { display: none; } main { padding: 0; max-width: none; } }
    `,
  ];

  constructor() {
    super();
    this.route = parseRoute(location.hash);
    this.loaded = new Set();
    this.loadError = null;
    this.user = null;
    this.askLogin = false;
    this.needLogin = false;
  }

  private onHash = () => {
    const next = parseRoute(location.hash);
    // A page with unsaved work may keep the reader (the policy editor asks first).
    if (!confirmLeave()) {
      history.replaceState(null, '', this.shownHash || '#/');
      return;
    }
    this.shownHash = location.hash;
    this.route = next;
    this.needLogin = false;
    this.ensureLoaded();
    window.scrollTo(0, 0);
  };
  // Not a modal: a page may fetch several things, and the public ones still show.
  private onUnauthorized = () => {
    if (!this.user) this.needLogin = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    this.ensureLoaded();
    this.refreshSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
  }

  private async refreshSession() {
    const r = await api.session();
    // Without accounts the server has no /api/session: nobody is signed in, nothing is asked.
    this.user = r.ok ? (r.data?.user?.name ?? null) : null;
  }

  private async ensureLoaded() {
    const ws = workspaceOf(this.route);
    if (!ws || this.loaded.has(ws)) return;
    try {
      await loaders[ws]();
      this.loaded = new Set([...this.loaded, ws]);
      this.loadError = null;
    } catch (e) {
      this.loadError = String((e as Error)?.message ?? e);
    }
  }

  private async logout() {
    await api.logout();
    this.user = null;
    window.dispatchEvent(new CustomEvent('lf-session-changed'));
  }

  private page(): TemplateResult {
    const r = this.route;
    const ws = workspaceOf(r);
    if (this.loadError) return html`<lf-notice kind="error">${t('app.loadFailed')}: ${this.loadError}</lf-notice>`;
    if (ws && !this.loaded.has(ws)) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    switch (r.name) {
      case 'home':
        return html`<lf-home></lf-home>`;
      case 'policies':
        return html`<lf-policy-list></lf-policy-list>`;
      case 'policy':
        return html`<lf-policy-page .policyId=${r.id}></lf-policy-page>`;
      case 'compare':
        return html`<lf-compare-page></lf-compare-page>`;
      case 'cases':
        return html`<lf-cases-page></lf-cases-page>`;
      case 'case-new':
        return html`<lf-case-new .policyId=${r.policy ?? ''} .procedure=${r.procedure ?? 'exit'}></lf-case-new>`;
      case 'case':
        return html`<lf-case-page .caseId=${r.id}></lf-case-page>`;
      default:
        return html`<div class="panel"><h1>${t('app.notFound')}</h1><p><a href="#/">${t('app.backHome')}</a></p></div>`;
    }
  }

  /** The skip link moves focus to the page's content (a hash link would be taken for a route). */
  private skipToMain(e: Event) {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  override render() {
    return html`
      <header>
        <a class="skip" href="#main" @click=${this.skipToMain}>${t('app.skip')}</a>
        <lf-app-header .current=${workspaceOf(this.route)} .user=${this.user} @lf-login-request=${() => (this.askLogin = true)} @lf-logout=${this.logout}></lf-app-header>
      </header>
      <main id="main" tabindex="-1">
        ${
          this.needLogin && !this.user
            ? html`<div class="need-login" role="status">${t('app.needLogin')} <button class="primary" @click=${() => (this.askLogin = true)}>${t('app.login')}</button></div>`
            : nothing
        }
        ${this.page()}
        ${
          this.askLogin
            ? html`<lf-login
              @lf-logged-in=${(e: CustomEvent<string>) => {
                this.user = e.detail;
                this.askLogin = false;
                this.needLogin = false;
                window.dispatchEvent(new CustomEvent('lf-session-changed'));
              }}
              @lf-cancel=${() => (this.askLogin = false)}
            ></lf-login>`
            : nothing
        }
      </main>
    `;
  }
}

define('landflow-app', LandflowApp);
