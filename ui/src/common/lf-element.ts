// The base of every landflow element: shared styles, and a re-render when the language changes.
import { LitElement, type CSSResultGroup } from 'lit';
import { onLangChange } from '../i18n.ts';
import { base } from '../styles.ts';

export class LfElement extends LitElement {
  static override styles: CSSResultGroup = [base];
  private offLang?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.offLang = onLangChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offLang?.();
  }

  /** Dispatches a composed, bubbling event (crosses shadow roots). */
  protected emit<T>(name: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

/** Defines an element once (hot reload and lazy chunks may evaluate a module twice). */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
