// The case's timing conflicts on its own dates (GET /api/cases/:id/timing, engine/plan/timing.ts):
// a deadline that ends before its step can be done, a notice that may close while objections run,
// a window over before its step starts — the checker's K805–K807 as they fall for this case. The
// server sends it as a catalogue message; the page shows it in the reader's language, with policy
// content marked.
import { css, html, nothing } from 'lit';
import type { TimingWarning } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';
import '../common/lf-notice.ts';

export class LfCaseTiming extends LfElement {
  static override properties = { warnings: { attribute: false } };
  declare warnings: TimingWarning[];

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      ul { margin: 0.3rem 0 0; padding-left: 1.1rem; }
      li { margin: 0.25rem 0; }
    `,
  ];

  constructor() {
    super();
    this.warnings = [];
  }

  override render() {
    if (this.warnings.length === 0) return nothing;
    return html`<lf-notice kind="warn" data-testid="timing-conflicts">
      <strong>${t('cases.timingConflicts')}</strong>
      <ul>${this.warnings.map(
        (w) => html`<li data-code=${w.code} data-step=${w.step}>${shown(w.message)} <span class="cite">${asWritten(w.cite)}</span></li>`,
      )}</ul>
    </lf-notice>`;
  }
}

define('lf-case-timing', LfCaseTiming);
