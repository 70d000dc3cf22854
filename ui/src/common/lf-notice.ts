// A message box: an error from the server (with its article), a "not available yet" note, or info.
import { css, html, nothing } from 'lit';
import type { ApiError, ApiResult } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from './lf-element.ts';
import { asWritten, shown } from './content.ts';

export class LfNotice extends LfElement {
  static override properties = {
    kind: { type: String, reflect: true },
    error: { attribute: false },
  };
  declare kind: 'error' | 'info' | 'warn' | 'unavailable';
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      div { border-radius: var(--lf-radius); padding: 0.6rem 0.85rem; border: 1px solid; }
      :host([kind='error']) div { background: var(--lf-error-soft); border-color: #f0b8b2; color: #7a1b14; }
      :host([kind='warn']) div { background: var(--lf-warn-soft); border-color: #ecd48f; }
      :host([kind='info']) div { background: var(--lf-info-soft); border-color: #c3d2ea; }
      :host([kind='unavailable']) div { background: #f1f1ef; border-color: #cfcfca; border-style: dashed; color: var(--lf-muted); }
    `,
  ];

  constructor() {
    super();
    this.kind = 'info';
    this.error = null;
  }

  override render() {
    const e = this.error;
    return html`<div role=${this.kind === 'error' ? 'alert' : 'status'}>
      ${
        e
          ? html`${shown(e.text ?? e.message)}${e.cite ? html` <span class="cite">(${t('common.cite')} ${asWritten(e.cite)})</span>` : nothing}${
              e.path ? html` <code class="small">${e.path}</code>` : nothing
            }`
          : nothing
      }
      <slot></slot>
    </div>`;
  }
}

define('lf-notice', LfNotice);

/**
 * Whether an error means the server does not offer this endpoint yet. Only used for calls whose
 * ids are known to exist (policies from the list), so a 404 there is the route, not the policy.
 */
export function isUnavailable(e: ApiError): boolean {
  return e.status === 404 || e.status === 501;
}

/** The states an element keeps beside the data of the one endpoint it calls. */
export interface RequestState {
  error: ApiError | null;
  unavailable: boolean;
}

/**
 * Files a call's result on the element: `unavailable` when the server does not offer the endpoint
 * (except for the error code `answered`, which the route itself gives), `error` for any other
 * refusal. Returns the data, or null.
 */
export function settle<T>(host: RequestState, r: ApiResult<T>, answered?: string): T | null {
  host.unavailable = !r.ok && isUnavailable(r.error) && r.error.code !== answered;
  host.error = !r.ok && !host.unavailable ? r.error : null;
  return r.ok ? r.data : null;
}
