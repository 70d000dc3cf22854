// Policy and case content is shown as written, whatever the language of the UI: an article's text,
// a step's or a rule's label, a name, a place. It is marked lang="zh-CN" so that a screen reader
// reads it as Chinese in the English UI, and so that "the English UI shows no Chinese outside
// policy content" can be checked (docs/ui-language.md says what counts as policy content).
import { html, type TemplateResult } from 'lit';
import { getLang } from '../i18n.ts';
import { render, renderParts } from '../../../dsl/messages.ts';
import type { Text } from '../../../dsl/message.ts';

export function asWritten(text: unknown): TemplateResult {
  return html`<span lang="zh-CN">${text}</span>`;
}

/**
 * What the UI shows: its own words (a string, already in the reader's language, from `t`) or a
 * message from the server or the checker (dsl/message.ts).
 */
export type Said = string | Text;

/**
 * A message in the UI's language, rendered by the one catalogue (dsl/messages.ts); what it quotes
 * as written — a name, an article, a period — is marked as Chinese content, so the English UI
 * shows policy content as written and nothing else. The UI's own words are shown as they are.
 */
export function shown(text: Said | null | undefined): TemplateResult | string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  const lang = getLang();
  const parts = renderParts(text, lang);
  if (lang === 'zh') return parts.map((p) => p.text).join('');
  return html`${parts.map((p) => (p.content ? asWritten(p.text) : p.text))}`;
}

/**
 * Content as written (a string: a policy's label, marked as Chinese content) or landflow's own
 * words as a message (a compare reason that is no rule of the policy), in the UI's language.
 */
export function writtenOrShown(label: string | Text): TemplateResult | string {
  return typeof label === 'string' ? asWritten(label) : shown(label);
}

/** The same as plain text, where no markup can go (an attribute, the editor's lint tooltip). */
export function say(text: Said | null | undefined): string {
  if (!text) return '';
  return typeof text === 'string' ? text : render(text, getLang());
}
