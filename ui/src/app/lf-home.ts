// The first screen: the three workspaces, each one click away, with who it is for and what it does.
import { css, html, svg } from 'lit';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';

// Line icons drawn inline: no icon font, no emoji font needed on the clerk's machine.
const icons = {
  policies: svg`<path d="M7 3h8l4 4v14H7z M15 3v4h4 M10 11h6 M10 14h6 M10 17h4" />`,
  compare: svg`<path d="M12 4v16 M6 20h12 M4 8h16 M6 8l-3 6h6z M18 8l-3 6h6z" />`,
  cases: svg`<path d="M3 7h7l2 2h9v10H3z M3 7V5h6l2 2" />`,
};

const workspaces = [
  { id: 'policies', href: '#/policies' },
  { id: 'compare', href: '#/compare' },
  { id: 'cases', href: '#/cases' },
] as const;

export class LfHome extends LfElement {
  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .intro { margin: 0.5rem 0 1.25rem; max-width: 60rem; }
      .intro h1 { font-size: 1.45rem; }
      .cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; }
      a.card { display: flex; flex-direction: column; gap: 0.4rem; padding: 1.2rem 1.3rem; background: var(--lf-panel); border: 1px solid var(--lf-line); border-radius: 10px; color: inherit; text-decoration: none; min-height: 13rem; }
      a.card:hover { border-color: var(--lf-accent); box-shadow: 0 2px 10px rgb(0 0 0 / 0.06); }
      .icon { width: 2.2rem; height: 2.2rem; fill: none; stroke: var(--lf-accent); stroke-width: 1.6; stroke-linejoin: round; stroke-linecap: round; }
      .title { font-size: 1.35rem; font-weight: 700; color: var(--lf-accent); }
      .who { font-size: 0.9rem; color: var(--lf-muted); }
      ul { margin: 0.3rem 0 0; padding-left: 1.1rem; font-size: 0.92rem; }
      .go { margin-top: auto; font-weight: 600; color: var(--lf-accent); }
      @media (max-width: 900px) { .cards { grid-template-columns: 1fr; } a.card { min-height: 0; } }
    `,
  ];

  override render() {
    return html`
      <section class="intro">
        <h1>${t('home.title')}</h1>
        <p class="muted">${t('home.lead')}</p>
      </section>
      <div class="cards">
        ${workspaces.map(
          (w) => html`<a class="card" href=${w.href} data-workspace=${w.id}>
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">${icons[w.id]}</svg>
            <span class="title">${t(`ws.${w.id}`)}</span>
            <span class="who">${t(`home.${w.id}.who`)}</span>
            <ul>
              ${[1, 2, 3].map((i) => html`<li>${t(`home.${w.id}.${i}` as `home.${typeof w.id}.${1 | 2 | 3}`)}</li>`)}
            </ul>
            <span class="go">${t('home.open')} →</span>
          </a>`,
        )}
      </div>
    `;
  }
}

define('lf-home', LfHome);
