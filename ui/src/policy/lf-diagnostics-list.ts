// The diagnostics of the text being edited, in order: line:column, code, message, article — the
// browser's and the server's in one list (a finding only the server made is marked so). Choosing
// one moves the editor's cursor to its span.
import { css, html, nothing } from 'lit';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';
import type { EditorDiagnostic } from './check-adapter.ts';

export class LfDiagnosticsList extends LfElement {
  static override properties = {
    diagnostics: { attribute: false },
    checked: { type: Boolean },
  };
  declare diagnostics: EditorDiagnostic[];
  /** False until the first check of the text is done. */
  declare checked: boolean;

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
      .file { grid-column: 2; }
    `,
  ];

  constructor() {
    super();
    this.diagnostics = [];
    this.checked = false;
  }

  override render() {
    const list = this.diagnostics;
    if (!this.checked) return html`<p class="muted" role="status">${t('policy.checking')}</p>`;
    return html`
      ${list.length === 0 ? html`<p class="badge ok" role="status">${t('policy.noDiagnostics')}</p>` : nothing}
      <ul aria-label=${t('policy.tab.diagnostics')}>
        ${list.map(
          (d) => html`<li class="sev-${d.severity}">
            <button class="diag" @click=${() => this.emit('lf-goto', d.from)} data-line=${d.line} data-code=${d.code} ?data-server=${d.server}>
              <span class="pos">${d.line}:${d.column}</span>
              <span><span class="badge ${d.severity === 'info' ? 'info' : d.severity === 'warning' ? 'warn' : 'error'}">${t(`policy.sev.${d.severity}`)}</span>
                <code class="code">${d.code}</code>${d.cite ? html` <span class="cite">${t('common.cite')} ${asWritten(d.cite)}</span>` : nothing}
                ${d.server ? html` <span class="badge info">${t('policy.fromServer')}</span>` : nothing}</span>
              ${d.elsewhere ? html`<code class="file small">${d.elsewhere}</code>` : nothing}
              <span class="msg">${shown(d.message)}</span>
            </button>
          </li>`,
        )}
      </ul>
    `;
  }
}

define('lf-diagnostics-list', LfDiagnosticsList);
