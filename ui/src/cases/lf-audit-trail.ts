// The case's audit trail: every event in order, who and when, with the hash chain that makes a
// change after the fact visible.
import { css, html, nothing } from 'lit';
import type { CaseEvent } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { shortDateTime } from '../common/dates.ts';
import { asWritten } from '../common/content.ts';
import { eventLabel } from './events.ts';

export class LfAuditTrail extends LfElement {
  static override properties = { events: { attribute: false } };
  declare events: CaseEvent[];

  static override styles = [
    LfElement.styles,
    css`
      pre { margin: 0.2rem 0 0; white-space: pre-wrap; word-break: break-all; font-size: 0.8rem; max-height: 14rem; overflow: auto; background: #f6f7f5; padding: 0.4rem; }
      .hash { font-family: ui-monospace, monospace; font-size: 0.78rem; color: var(--lf-muted); }
      .broken { color: var(--lf-error); font-weight: 700; }
    `,
  ];

  constructor() {
    super();
    this.events = [];
  }

  override render() {
    if (this.events.length === 0) return html`<p class="muted">${t('cases.noEvents')}</p>`;
    return html`<div class="scroll-x" tabindex="0"><table aria-label=${t('cases.audit')}>
      <thead><tr><th scope="col" class="num">#</th><th scope="col">${t('cases.event')}</th><th scope="col">${t('cases.user')}</th><th scope="col">${t('cases.at')}</th><th scope="col">${t('cases.hash')}</th></tr></thead>
      <tbody>
        ${this.events.map((e, i) => {
          // The chain link is shown as read; the server's `landflow audit verify` checks the hashes.
          const linked = i === 0 || e.prevHash === this.events[i - 1].hash;
          return html`<tr data-seq=${e.seq} data-type=${e.type}>
            <td class="num">${e.seq}</td>
            <td><strong>${eventLabel(e.type)}</strong>
              ${e.payload !== undefined && e.payload !== null ? html`<details><summary class="small">${t('cases.payload')}</summary><pre lang="zh-CN">${JSON.stringify(e.payload, null, 2)}</pre></details>` : nothing}</td>
            <td>${asWritten(e.user)}</td>
            <td class="small">${shortDateTime(e.at)}</td>
            <td><span class="hash" title=${e.hash}>${e.hash?.slice(0, 10)}</span>${linked ? nothing : html` <span class="broken">${t('cases.chainBroken')}</span>`}</td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }
}

define('lf-audit-trail', LfAuditTrail);
