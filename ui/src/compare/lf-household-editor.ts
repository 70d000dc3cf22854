// The household a researcher runs through the policies: start from an example, edit any field of
// the shared case model (the same generated form the clerks use), and set the start date.
import { css, html } from 'lit';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { exampleFiles, loadExampleCase } from '../common/example-cases.ts';
import '../cases/lf-case-form.ts';

export class LfHouseholdEditor extends LfElement {
  static override properties = { kase: { attribute: false }, start: { type: String }, example: { state: true } };
  declare kase: Record<string, unknown> | null;
  declare start: string;
  declare example: string;

  static override styles = [
    LfElement.styles,
    css`
      .row label { display: flex; flex-direction: column; font-size: 0.88rem; color: var(--lf-muted); }
      details { margin-top: 0.6rem; }
      summary { font-weight: 600; }
    `,
  ];

  constructor() {
    super();
    this.kase = null;
    this.start = '';
    this.example = exampleFiles()[0] ?? '';
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.kase && this.example) this.pick(this.example);
  }

  private async pick(file: string) {
    this.example = file;
    const k = await loadExampleCase(file);
    if (k) {
      this.kase = k as unknown as Record<string, unknown>;
      this.emit('lf-household-change', { kase: this.kase, start: this.start || (k.exit?.noticeDate ?? '') });
    }
  }

  override render() {
    return html`
      <div class="row">
        <label>${t('compare.example')}
          <select @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value)}>
            ${exampleFiles().map((f) => html`<option value=${f} ?selected=${f === this.example}>${f.replace(/\.json$/, '')}</option>`)}
          </select></label>
        <label>${t('compare.start')}
          <input type="date" .value=${this.start} @change=${(e: Event) => this.emit('lf-household-change', { kase: this.kase, start: (e.target as HTMLInputElement).value })} /></label>
      </div>
      <details>
        <summary>${t('compare.editHousehold')}</summary>
        <lf-case-form .value=${this.kase ?? {}} .omit=${['/transfer', '/exit/vote']}
          @lf-case-change=${() => this.emit('lf-household-change', { kase: this.kase, start: this.start })}></lf-case-form>
      </details>
    `;
  }
}

define('lf-household-editor', LfHouseholdEditor);
