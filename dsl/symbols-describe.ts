// What an editor shows when the pointer rests on a name (hover): Markdown, Chinese first then
// English, built only from the policy file itself and the case model (dsl/case-schema.ts).
import { derivedCollections } from './case-schema.ts';
import { resolveCite, splitCites } from './check/citations.ts';
import { FUNCTIONS } from './expr/check.ts';
import { showType, type Ty } from './expr/types.ts';
import { resolvePath, type ArticleSymbol, type FieldTarget, type PolicySymbols, type SymbolTarget } from './symbols.ts';

const PROCEDURE_WORDS = { transfer: '转让 transfer', exit: '退出 exit' } as const;

/** The Markdown shown for a target, or undefined when there is nothing to say. */
export function describeSymbol(s: PolicySymbols, target: SymbolTarget): string | undefined {
  switch (target.kind) {
    case 'parameter': {
      const p = s.parameters.find((x) => x.name === target.name);
      if (!p) return undefined;
      const lines = [`**${p.name}** · 参数 parameter`];
      if (p.label) lines.push('', p.label);
      lines.push('');
      if (p.unit) lines.push(`- 单位 unit: ${p.unit}`);
      if (p.value !== undefined) lines.push(`- 取值 value: ${p.value}`);
      if (p.from !== undefined) {
        const labels = resolvePath(p.from)?.labels.join('.');
        lines.push(`- 来自案件 from the case: \`${p.from}\`${labels ? `（${labels}）` : ''}`);
      }
      if (p.cite) lines.push(`- 依据 cite: ${p.cite}`);
      return [...lines, ...articleLines(s, p.cite)].join('\n');
    }
    case 'let': {
      const l = s.lets.find((x) => x.name === target.name && x.scope === target.scope);
      if (!l) return undefined;
      const where = `${PROCEDURE_WORDS[l.procedure]}${l.mode ? ` · ${l.mode}` : ''}`;
      return [`**${l.name}** · 中间量 let (${where})`, '', '```', l.expr, '```'].join('\n');
    }
    case 'field':
      return describeField(target);
    case 'function': {
      const aliases = Object.keys(FUNCTIONS).filter((k) => FUNCTIONS[k] === target.builtin);
      return `**${target.name}** · 内置函数 builtin function \`${target.builtin}\`\n\n同义 also written: ${aliases.join('、')}`;
    }
    case 'article': {
      if (!target.key) return `**${target.cite}** · 条文不在本文件的 articles 中 / not among the file's articles`;
      const head = target.key === target.cite ? `**${target.cite}**` : `**${target.cite}** → ${target.key}`;
      return [head, ...quoted(s.articles.find((a) => a.key === target.key))].join('\n');
    }
    case 'step': {
      const st = s.steps.find((x) => x.procedure === target.procedure && x.id === target.id);
      if (!st) return undefined;
      return [`**${st.id}** · 步骤 step (${PROCEDURE_WORDS[st.procedure]})`, '', `- 类型 kind: \`${st.kind}\``, `- ${st.label}`].join('\n');
    }
  }
}

function describeField(t: FieldTarget): string {
  const lines = [`**${t.labels}** · 案件字段 case field \`${t.path}\``, '', `- 类型 type: ${showType(t.ty)}`];
  const values = enumValues(t.ty);
  if (values) lines.push(`- 取值 values: ${values}`);
  if (t.derived) {
    const d = derivedCollections.find((x) => t.path === x.key);
    if (d) lines.push(`- ${d.doc}`);
  }
  return lines.join('\n');
}

function enumValues(ty: Ty): string | undefined {
  if (ty.k !== 'str' || !ty.values) return undefined;
  return Object.entries(ty.values)
    .map(([k, label]) => (k === label ? k : `${k}（${label}）`))
    .join('、');
}

/** The cited articles' text, each part of a cite joined by 、 in turn. */
function articleLines(s: PolicySymbols, cite: string): string[] {
  const articles = Object.fromEntries(s.articles.map((a) => [a.key, a.text]));
  const keys = new Set(splitCites(cite).flatMap((part) => resolveCite(part, articles) ?? []));
  return [...keys].flatMap((k) => quoted(s.articles.find((a) => a.key === k)));
}

function quoted(a: ArticleSymbol | undefined): string[] {
  if (!a) return [];
  return ['', `${a.key}：`, ...a.text.split('\n').map((l) => `> ${l}`)];
}
