// Renaming a parameter across its policy file: its key, every use in every expression, and the
// steps' periods (`period:`, `periods:`) that name it. A rename that would change what any name
// means is refused: the new name must read as one name of the expression language, and must not be
// a parameter, a let name, a case field (at any depth: a filter's element fields win over
// parameters), a builtin function, a unit or a word YAML reads as something other than text.
import { caseRootType, type Ty } from './expr/types.ts';
import { FUNCTIONS } from './expr/check.ts';
import { parseExpression } from './expr/parse.ts';
import type { Span } from './policy-model.ts';
import { occurrenceAt, occurrencesOf, type PolicySymbols } from './symbols.ts';
import { isUnitWord } from './units.ts';

export interface RenameRefusal {
  code: 'not-a-parameter' | 'invalid-name' | 'name-taken' | 'unchanged';
  zh: string;
  en: string;
}

export type RenameResult = { edits: Span[]; newName: string } | { refused: RenameRefusal };

const refuse = (code: RenameRefusal['code'], zh: string, en: string): { refused: RenameRefusal } => ({ refused: { code, zh, en } });

/** The parameter named at the cursor (its key or a use), for an editor's "prepare rename". */
export function renameTargetAt(s: PolicySymbols, offset: number): { name: string; span: Span } | { refused: RenameRefusal } {
  const o = occurrenceAt(s, offset);
  if (o?.target.kind !== 'parameter')
    return refuse('not-a-parameter', '只能重命名参数（光标应在参数名上）', 'only a parameter can be renamed (put the cursor on its name)');
  return { name: o.target.name, span: { start: o.start, end: o.end } };
}

export function renameParameter(s: PolicySymbols, oldName: string, newName: string): RenameResult {
  if (!s.parameters.some((p) => p.name === oldName))
    return refuse('not-a-parameter', `没有名为「${oldName}」的参数`, `there is no parameter "${oldName}"`);
  if (newName === oldName) return refuse('unchanged', '新名称与原名称相同', 'the new name is the same as the old one');
  const invalid = invalidName(newName);
  if (invalid) return refuse('invalid-name', `「${newName}」不能作名称：${invalid.zh}`, `"${newName}" cannot be a name: ${invalid.en}`);
  const taken = takenBy(s, newName);
  if (taken)
    return refuse(
      'name-taken',
      `「${newName}」已是${taken.zh}，重命名会改变其含义`,
      `"${newName}" is already ${taken.en}: renaming would change what it means`,
    );
  const edits = occurrencesOf(s, { kind: 'parameter', name: oldName }).map((o) => ({ start: o.start, end: o.end }));
  return { edits, newName };
}

function invalidName(name: string): { zh: string; en: string } | undefined {
  const parsed = parseExpression(name);
  const ast = parsed.expr?.ast;
  if (ast?.kind !== 'name' || ast.name !== name)
    return {
      zh: '应为一个名称（汉字、字母、数字、下划线，不以数字开头，不是关键字）',
      en: 'it must be one name (Chinese characters, letters, digits, underscores; not starting with a digit; not a keyword)',
    };
  // YAML 1.2 reads these keys as null or booleans, not as the name.
  if (/^(?:null|Null|NULL|True|TRUE|False|FALSE)$/.test(name))
    return { zh: 'YAML 会把它读作空值或真假值', en: 'YAML reads it as null or a boolean' };
  return undefined;
}

function takenBy(s: PolicySymbols, name: string): { zh: string; en: string } | undefined {
  if (s.parameters.some((p) => p.name === name)) return { zh: '参数名', en: 'a parameter' };
  if (s.lets.some((l) => l.name === name)) return { zh: '中间量（let）名', en: 'a let name' };
  if (Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) return { zh: '内置函数名', en: 'a builtin function' };
  if (isUnitWord(name)) return { zh: '单位', en: 'a unit' };
  if (caseFieldNames().has(name)) return { zh: '案件字段名', en: 'a case field' };
  return undefined;
}

let fieldNames: Set<string> | undefined;

/** Every key and label of the case model, at every depth. */
function caseFieldNames(): Set<string> {
  if (fieldNames) return fieldNames;
  const names = new Set<string>();
  const walk = (t: Ty) => {
    if (t.k === 'list') walk(t.of);
    else if (t.k === 'rec')
      for (const f of t.fields) {
        names.add(f.key);
        if (f.label) names.add(f.label);
        walk(f.ty);
      }
  };
  walk(caseRootType());
  return (fieldNames = names);
}
