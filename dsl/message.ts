// Messages as data (issue #13): what landflow says to people travels as a catalogue code with its
// arguments, or as a text written in both languages, all the way to the edge that shows it. The
// command line prints both languages, the UI one (ui/src/i18n.ts); nothing splits a sentence
// apart again. The wording lives in one catalogue, dsl/messages.ts, which also renders.

export type Lang = 'zh' | 'en';

/** A text written in both languages: a label, a fixed phrase. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A catalogue message: its code in dsl/messages.ts and the values of its placeholders. */
export interface Message {
  code: string;
  args?: Record<string, Arg>;
}

/**
 * A placeholder's value. A string or a number is content as written — a name, an article, a
 * date, an amount, quoted policy text — the same in both languages (the English UI marks it as
 * Chinese content, docs/ui-language.md). A Bilingual or a Message is wording, said in the reader's
 * language. An absent or empty value leaves out the template's optional part that names it.
 */
export type Arg = string | number | Bilingual | Message | undefined;

/** Anything the edges render: a catalogue message or a text in both languages. */
export type Text = Message | Bilingual;

/** A catalogue message; arguments that are undefined are left out, so the JSON stays small. */
export function msg(code: string, args?: Record<string, Arg>): Message {
  if (!args) return { code };
  const kept = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? { code, args: kept } : { code };
}

/** Messages (or content as written) one a line, as one message: the first, then the others the same way (text.lines). */
export function lines([first, ...rest]: readonly (string | Text)[]): Message {
  return msg('text.lines', { first, rest: rest.length ? lines(rest) : undefined });
}

/** Messages (or content as written) in one line, between semicolons (text.clauses). */
export function clauses([first, ...rest]: readonly (string | Text)[]): Message {
  return msg('text.clauses', { first, rest: rest.length ? clauses(rest) : undefined });
}

/** Items of a list (messages or content as written) in one line, 、 or commas between them (text.series). */
export function series([first, ...rest]: readonly (string | Text)[]): Message {
  return msg('text.series', { first, rest: rest.length ? series(rest) : undefined });
}

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as Message).code === 'string';
}

export function isBilingual(x: unknown): x is Bilingual {
  return (
    typeof x === 'object' &&
    x !== null &&
    !isMessage(x) &&
    typeof (x as Bilingual).zh === 'string' &&
    typeof (x as Bilingual).en === 'string'
  );
}
