// The header: product name, the three workspaces (each with a one-line description), who is signed
// in, and the language switch.
import { css, html } from 'lit';
import { getLang, setLang, t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import type { Workspace } from './router.ts';

const TABS: { ws: Workspace; href: string }[] = [
  { ws: 'policies', href: '#/policies' },
  { ws: 'compare', href: '#/compare' },
  { ws: 'cases', href: '#/cases' },
];

export class LfAppHeader extends LfElement {
  static override properties = { current: { type: String }, user: { type: String } };
  declare current: Workspace | null;
  declare user: string | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; background: #24452b; color: #fff; padding: 0.5rem 1.25rem 0; }
      .top { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
      .brand { font-size: 1.2rem; font-weight: 700; color: #fff; text-decoration: none; margin-right: auto; }
      .brand small { font-weight: 400; opacity: 0.85; margin-left: 0.4em; }
      .lang button, .session button { background: transparent; color: #fff; border-color: #6d8a72; min-height: 1.9em; padding: 0.1em 0.7em; }
      .lang button[aria-pressed='true'] { background: #fff; color: #24452b; }
      .session { font-size: 0.9rem; display: flex; gap: 0.5rem; align-items: center; }
      nav { display: flex; gap: 0.25rem; margin-top: 0.5rem; overflow-x: auto; }
      nav a { color: #dfe9df; text-decoration: none; padding: 0.45rem 1rem 0.5rem; border-radius: 6px 6px 0 0; display: block; min-width: 10rem; }
      nav a .name { font-weight: 700; font-size: 1.02rem; display: block; }
      nav a .desc { font-size: 0.8rem; opacity: 0.85; display: block; white-space: nowrap; }
      nav a[aria-current='page'] { background: var(--lf-bg); color: var(--lf-fg); }
      nav a:hover:not([aria-current='page']) { background: #2f5a38; }
      @media (max-width: 820px) {
        :host { padding: 0.5rem 0.75rem 0; }
        nav a { min-width: 0; padding: 0.4rem 0.7rem; }
        nav a .desc { display: none; }
      }
    `,
  ];

  constructor() {
    super();
    this.current = null;
    this.user = null;
  }

  override render() {
    const lang = getLang();
    return html`<div class="bar">
      <div class="top">
        <a class="brand" href="#/">landflow <small>${t('app.product')}</small></a>
        <div class="session">
          ${
            this.user
              ? html`<span>${t('app.signedInAs')} ${this.user}</span><button @click=${() => this.emit('lf-logout')}>${t('app.logout')}</button>`
              : html`<button @click=${() => this.emit('lf-login-request')}>${t('app.login')}</button>`
          }
        </div>
        <div class="lang row" role="group" aria-label=${t('app.language')}>
          <button aria-pressed=${lang === 'zh'} lang="zh-CN" @click=${() => setLang('zh')}>中文</button>
          <button aria-pressed=${lang === 'en'} lang="en" @click=${() => setLang('en')}>English</button>
        </div>
      </div>
      <nav aria-label=${t('app.workspaces')}>
        ${TABS.map(
          ({ ws, href }) => html`<a href=${href} aria-current=${this.current === ws ? 'page' : 'false'}>
            <span class="name">${t(`ws.${ws}`)}</span><span class="desc">${t(`ws.${ws}.desc`)}</span>
          </a>`,
        )}
      </nav>
    </div>`;
  }
}

define('lf-app-header', LfAppHeader);
