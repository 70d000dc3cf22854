// A run in progress: a bar (filled as the server reports progress, moving while it cannot), the
// share done, and a button that cancels the run.
import { css, html, nothing } from 'lit';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';

export class LfRunProgress extends LfElement {
  static override properties = { done: { type: Number }, total: { type: Number } };
  /** Households (or points) done, of `total`; without a total the bar is indeterminate. */
  declare done: number;
  declare total: number;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: flex; gap: 0.7rem; align-items: center; flex-wrap: wrap; }
      progress { width: min(24rem, 100%); height: 0.9rem; accent-color: var(--lf-accent); }
    `,
  ];

  constructor() {
    super();
    this.done = 0;
    this.total = 0;
  }

  override render() {
    const known = this.total > 0;
    return html`
      <progress aria-label=${t('common.progress')} max=${known ? this.total : nothing} value=${known ? this.done : nothing}></progress>
      <span class="small" role="status">${known ? t('common.progressOf', { done: this.done, total: this.total, pct: Math.floor((this.done / this.total) * 100) }) : t('common.running')}</span>
      <button type="button" data-testid="cancel-run" @click=${() => this.emit('lf-cancel')}>${t('common.cancel')}</button>
    `;
  }
}

define('lf-run-progress', LfRunProgress);
