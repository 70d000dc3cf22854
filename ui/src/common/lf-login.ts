// Sign-in form, shown when the server answers 401 (cases need an account; policies and
// comparisons are public). The session itself is a cookie the server sets.
import { css, html, nothing } from 'lit';
import { api, type ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from './lf-element.ts';

export class LfLogin extends LfElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  declare error: ApiError | null;
  declare busy: boolean;

  static override styles = [
    LfElement.styles,
    css`
      .backdrop { position: fixed; inset: 0; background: rgb(0 0 0 / 0.35); display: grid; place-items: center; z-index: 50; }
      [role='dialog'] { width: min(24rem, 92vw); }
      label { display: block; margin-top: 0.6rem; }
      input { width: 100%; }
      .row { margin-top: 1rem; justify-content: flex-end; }
    `,
  ];

  constructor() {
    super();
    this.error = null;
    this.busy = false;
  }

  /** What had the focus before the dialog opened: it gets it back when the dialog closes. */
  private returnTo: HTMLElement | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    this.returnTo = el;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const back = this.returnTo;
    // After the shell has re-rendered: the opener may have been redrawn (signed in → signed out button).
    requestAnimationFrame(() => (back?.isConnected ? back : null)?.focus());
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('input[name=username]')?.focus();
  }

  /** A modal dialog keeps the focus inside: Tab from the last control goes to the first, and back. */
  private trapFocus(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      this.emit('lf-cancel');
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = [...this.renderRoot.querySelectorAll<HTMLElement>('input, button:not([disabled])')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = this.shadowRoot?.activeElement;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    const r = await api.login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    this.busy = false;
    if (!r.ok) {
      this.error = r.error.status === 404 ? { ...r.error, message: t('login.unavailable') } : r.error;
      return;
    }
    this.emit('lf-logged-in', r.data?.user?.name ?? String(form.get('username')));
  }

  override render() {
    return html`<div class="backdrop" @keydown=${this.trapFocus}>
      <div class="panel" role="dialog" aria-modal="true" aria-labelledby="login-title"><form @submit=${this.submit}>
        <h2 id="login-title">${t('login.title')}</h2>
        <p class="muted small">${t('login.why')}</p>
        <label>${t('login.username')}<input name="username" autocomplete="username" required /></label>
        <label>${t('login.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.error ? html`<lf-notice kind="error" .error=${this.error} style="margin-top:.6rem"></lf-notice>` : nothing}
        <div class="row">
          <button type="button" @click=${() => this.emit('lf-cancel')}>${t('common.cancel')}</button>
          <button class="primary" type="submit" ?disabled=${this.busy}>${t('login.submit')}</button>
        </div>
      </form></div>
    </div>`;
  }
}

define('lf-login', LfLogin);
