// What an editor shows when the pointer rests on a name (hover): Markdown lines, each a message of
// dsl/phrases/hover.ts, built only from the policy file itself and the case model
// (dsl/case-schema.ts). The language server renders them in both languages, Chinese first.
import { derivedCollections } from './case-schema.ts';
import { resolveCite, splitCites } from './check/citations.ts';
import { FUNCTIONS } from './expr/check.ts';
import { typeMessage, type Ty } from './expr/types.ts';
import { lines, msg, series, type Message, type Text } from './message.ts';
import { resolvePath, type ArticleSymbol, type FieldTarget, type PolicySymbols, type SymbolTarget } from './symbols.ts';

const procedure = (p: 'transfer' | 'exit'): Message => msg(`proc.${p}`);

/** The Markdown shown for a target, one message a line, or undefined when there is nothing to say. */
export function describeSymbol(s: PolicySymbols, target: SymbolTarget): Message | undefined {
  switch (target.kind) {
    case 'parameter': {
      const p = s.parameters.find((x) => x.name === target.name);
      if (!p) return undefined;
      const out: (string | Text)[] = [msg('hover.parameter', { name: p.name })];
      if (p.label) out.push('', p.label);
      out.push('');
      if (p.unit) out.push(msg('hover.unit', { unit: p.unit }));
      if (p.value !== undefined) out.push(msg('hover.value', { value: p.value }));
      if (p.from !== undefined) out.push(msg('hover.fromCase', { path: p.from, labels: resolvePath(p.from)?.labels.join('.') }));
      if (p.cite) out.push(msg('hover.cite', { cite: p.cite }));
      return lines([...out, ...articleLines(s, p.cite)]);
    }
    case 'let': {
      const l = s.lets.find((x) => x.name === target.name && x.scope === target.scope);
      if (!l) return undefined;
      return lines([msg('hover.let', { name: l.name, procedure: procedure(l.procedure), mode: l.mode }), '', '```', l.expr, '```']);
    }
    case 'field':
      return describeField(target);
    case 'function': {
      const aliases = Object.keys(FUNCTIONS).filter((k) => FUNCTIONS[k] === target.builtin);
      return lines([
        msg('hover.function', { name: target.name, builtin: target.builtin }),
        '',
        msg('hover.aliases', { aliases: series(aliases) }),
      ]);
    }
    case 'article': {
      if (!target.key) return msg('hover.articleMissing', { cite: target.cite });
      const head = msg('hover.article', { cite: target.cite, key: target.key === target.cite ? undefined : target.key });
      return lines([head, ...quoted(s.articles.find((a) => a.key === target.key))]);
    }
    case 'step': {
      const st = s.steps.find((x) => x.procedure === target.procedure && x.id === target.id);
      if (!st) return undefined;
      return lines([
        msg('hover.step', { id: st.id, procedure: procedure(st.procedure) }),
        '',
        msg('hover.stepKind', { kind: st.kind }),
        msg('hover.item', { text: st.label }),
      ]);
    }
  }
}

function describeField(t: FieldTarget): Message {
  const out: Text[] = [msg('hover.field', { labels: t.labels, path: t.path }), msg('hover.type', { type: typeMessage(t.ty) })];
  const values = enumValues(t.ty);
  if (values) out.push(msg('hover.values', { values }));
  if (t.derived) {
    const d = derivedCollections.find((x) => t.path === x.key);
    if (d) out.push(msg('hover.item', { text: d.doc }));
  }
  return lines([out[0]!, '', ...out.slice(1)]);
}

function enumValues(ty: Ty): Message | undefined {
  if (ty.k !== 'str' || !ty.values) return undefined;
  return series(Object.entries(ty.values).map(([key, label]) => (key === label ? key : msg('hover.enumValue', { key, label }))));
}

/** The cited articles' text, each part of a cite joined by 、 in turn. */
function articleLines(s: PolicySymbols, cite: string): (string | Text)[] {
  const articles = Object.fromEntries(s.articles.map((a) => [a.key, a.text]));
  const keys = new Set(splitCites(cite).flatMap((part) => resolveCite(part, articles) ?? []));
  return [...keys].flatMap((k) => quoted(s.articles.find((a) => a.key === k)));
}

function quoted(a: ArticleSymbol | undefined): (string | Text)[] {
  if (!a) return [];
  return ['', msg('hover.articleKey', { key: a.key }), ...a.text.split('\n').map((line) => msg('hover.quote', { line }))];
}
