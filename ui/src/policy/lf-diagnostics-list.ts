// The diagnostics of the text being edited, in order: line:column, code, message, article.
// Choosing one moves the editor's cursor to its span.
import { css, html, nothing } from 'lit';
import type { ServerDiagnostic } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import type { EditorDiagnostic } from './check-adapter.ts';

export class LfDiagnosticsList extends LfElement {
  static override properties = {
    diagnostics: { attribute: false },
    serverDiagnostics: { attribute: false },
    checker: { type: String },
  };
  declare diagnostics: EditorDiagnostic[];
  declare serverDiagnostics: ServerDiagnostic[];
  declare checker: string;

  static override styles = [
    LfElement.styles,
    css`
      ul { list-style: none; margin: 0; padding: 0; }
      li + li { border-top: 1px solid var(--lf-line); }
      button.diag { all: unset; display: grid; grid-template-columns: 5.5rem 1fr; gap: 0.15rem 0.6rem; padding: 0.45rem 0.3rem; cursor: pointer; width: 100%; box-sizing: border-box; }
      button.diag:focus-visible { box-shadow: var(--lf-focus); }
      button.diag:hover { background: #f3f5f1; }
      .pos { font-variant-numeric: tabular-nums; color: var(--lf-muted); }
      .sev-error .code { color: var(--lf-error); }
      .sev-warning .code { color: var(--lf-warn); }
      .msg { grid-column: 2; }
    `,
  ];

  constructor() {
    super();
    this.diagnostics = [];
    this.serverDiagnostics = [];
    this.checker = '';
  }

  override render() {
    const list = this.diagnostics;
    return html`
      ${this.checker === 'yaml' ? html`<lf-notice kind="unavailable">${t('policy.checkerMissing')}</lf-notice>` : nothing}
      ${list.length === 0 && this.checker ? html`<p class="badge ok" role="status">${t('policy.noDiagnostics')}</p>` : nothing}
      ${!this.checker ? html`<p class="muted" role="status">${t('policy.checking')}</p>` : nothing}
      <ul aria-label=${t('policy.tab.diagnostics')}>
        ${list.map(
          (d) => html`<li class="sev-${d.severity}">
            <button class="diag" @click=${() => this.emit('lf-goto', d.from)} data-line=${d.line}>
              <span class="pos">${d.line}:${d.column}</span>
              <span><span class="badge ${d.severity === 'info' ? 'info' : d.severity === 'warning' ? 'warn' : 'error'}">${t(`policy.sev.${d.severity}`)}</span>
                <code class="code">${d.code}</code>${d.cite ? html` <span class="cite">${t('common.cite')} ${d.cite}</span>` : nothing}</span>
              <span class="msg">${d.message}</span>
            </button>
          </li>`,
        )}
      </ul>
      ${this.serverDiagnostics.length
        ? html`<h3 style="margin-top:1rem">${t('policy.serverDiagnostics')}</h3>
            <ul class="server">
              ${this.serverDiagnostics.map(
                (d) => html`<li class="small">${d.line}:${d.column} <code>${d.code}</code> ${d.message} ${d.cite ? html`<span class="cite">${d.cite}</span>` : nothing}</li>`,
              )}
            </ul>`
        : nothing}
    `;
  }
}

define('lf-diagnostics-list', LfDiagnosticsList);
