// The policy's YAML in CodeMirror 6, checked as you type: the checker's diagnostics — and the
// server's, while they are for the text shown — are underlined at their exact span, with code,
// message and article in the tooltip and the gutter.
import { css, html } from 'lit';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { ServerDiagnostic } from '../api.ts';
import { checkSource, mergeDiagnostics, type CheckOutcome } from './check-adapter.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { t } from '../i18n.ts';
import { say } from '../common/content.ts';

export class LfCodeEditor extends LfElement {
  static override properties = { value: { type: String }, file: { type: String }, server: { attribute: false } };
  declare value: string;
  declare file: string;
  /** The server's diagnostics and the text they were found in; ignored once the text differs. */
  declare server: { text: string; diagnostics: ServerDiagnostic[] } | null;
  private view?: EditorView;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; border: 1px solid var(--lf-line); border-radius: var(--lf-radius); background: #fff; overflow: hidden; }
      .cm-host { height: 100%; }
      .cm-host:focus-within { box-shadow: var(--lf-focus); }
    `,
  ];

  constructor() {
    super();
    this.value = '';
    this.file = 'policy.yaml';
    this.server = null;
  }

  /** The current text (the `value` property is only the text last loaded). */
  get text(): string {
    return this.view?.state.doc.toString() ?? this.value;
  }

  /** Moves the cursor to an offset and scrolls it into view. */
  goto(offset: number): void {
    if (!this.view) return;
    const pos = Math.min(offset, this.view.state.doc.length);
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    this.view.focus();
  }

  private lintSource = async (view: EditorView): Promise<Diagnostic[]> => {
    const text = view.state.doc.toString();
    const local: CheckOutcome = await checkSource(text, this.file);
    const server = this.server?.text === text ? this.server.diagnostics : [];
    const outcome: CheckOutcome = { ...local, diagnostics: mergeDiagnostics(text, local.diagnostics, server) };
    // The text may have changed while checking: the page keeps only the outcome of the text it shows.
    this.emit('lf-checked', { text, outcome });
    return outcome.diagnostics
      .filter((d) => !d.elsewhere)
      .map((d) => ({
        from: d.from,
        to: d.to,
        severity: d.severity,
        source: d.code,
        message: `${say(d.message)}${d.cite ? `（${t('common.cite')} ${d.cite}）` : ''}`,
      }));
  };

  override firstUpdated() {
    const parent = this.renderRoot.querySelector('.cm-host') as HTMLElement;
    this.view = new EditorView({
      parent,
      root: this.shadowRoot ?? undefined,
      state: this.makeState(this.value),
    });
    // The scroller is a scrollable region: keyboard users reach it with Tab (axe scrollable-region-focusable).
    this.view.scrollDOM.tabIndex = 0;
    this.view.scrollDOM.setAttribute('aria-label', t('policy.editorLabel'));
  }

  private makeState(doc: string) {
    return EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        // Article texts are long Chinese lines: wrap them rather than scroll sideways.
        EditorView.lineWrapping,
        lintGutter(),
        linter(this.lintSource, { delay: 300 }),
        // Tab is left to move focus (keyboard users must be able to leave the editor); YAML forbids tabs anyway.
        keymap.of([...defaultKeymap, ...historyKeymap]),
        // The text is policy content, written in Chinese whatever the language of the UI.
        EditorView.contentAttributes.of({ 'aria-label': t('policy.editorLabel'), lang: 'zh-CN' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) this.emit('lf-change', u.state.doc.toString());
        }),
        EditorView.theme({
          '&': { height: '100%', fontSize: '14px' },
          '.cm-scroller': { fontFamily: '"Noto Sans Mono CJK SC", ui-monospace, "DejaVu Sans Mono", monospace', lineHeight: '1.55' },
          '.cm-tooltip-lint': { maxWidth: '38rem', whiteSpace: 'normal' },
        }),
      ],
    });
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('value') && this.view && this.value !== this.view.state.doc.toString()) {
      this.view.setState(this.makeState(this.value));
    }
    // New server findings (or none any more): underline them now, not at the next keystroke.
    if (changed.has('server') && this.view) forceLinting(this.view);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.view) this.value = this.view.state.doc.toString();
    this.view?.destroy();
    this.view = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a move in the DOM: rebuild the view with the text it had.
    if (this.hasUpdated && !this.view) queueMicrotask(() => this.firstUpdated());
  }

  override render() {
    return html`<div class="cm-host"></div>`;
  }
}

define('lf-code-editor', LfCodeEditor);
