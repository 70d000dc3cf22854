// Finds errors whose message is still written as one literal in both languages ("中文 English")
// instead of a catalogue message (dsl/messages.ts, issue #13): every `throw …` and `new …Error(…)`
// with a string, a template or a `+` chain of them that holds Chinese and an English word. Literals
// passed as a message's arguments are looked at too: a bilingual one is the same sentence in
// disguise.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface BilingualThrow {
  file: string;
  line: number;
  text: string;
}

const CJK = /[\u4e00-\u9fff]/;
const WORD = /[A-Za-z]{3,}/;

/** The texts one literal says: a string, a template's fixed parts, or a `+` chain of them, each as one. */
function sentences(node: ts.Node, out: string[]): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    out.push(node.text);
    return;
  }
  if (ts.isTemplateExpression(node)) {
    out.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
    for (const span of node.templateSpans) sentences(span.expression, out);
    return;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts: string[] = [];
    const rest: ts.Node[] = [];
    const flatten = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        flatten(n.left);
        flatten(n.right);
      } else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) {
        const one: string[] = [];
        sentences(n, one);
        parts.push(...one);
      } else rest.push(n);
    };
    flatten(node);
    out.push(parts.join(' '));
    for (const n of rest) sentences(n, out);
    return;
  }
  ts.forEachChild(node, (c) => sentences(c, out));
}

const bilingual = (text: string): boolean => CJK.test(text) && WORD.test(text.replace(/[\u4e00-\u9fff]/g, ' '));

const isErrorConstruction = (n: ts.Node): n is ts.NewExpression => ts.isNewExpression(n) && /Error$/.test(n.expression.getText());

/** The bilingual literals thrown or built into an error in one source text. */
export function bilingualThrowsIn(file: string, source: string): BilingualThrow[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: BilingualThrow[] = [];
  const visit = (n: ts.Node): void => {
    const args = ts.isThrowStatement(n) ? [n.expression] : isErrorConstruction(n) ? [...(n.arguments ?? [])] : undefined;
    if (args) {
      const texts: string[] = [];
      for (const a of args) sentences(a, texts);
      const text = texts.find(bilingual);
      if (text !== undefined) {
        found.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text });
        return; // one finding per throw, not one more for the `new` inside it
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** The same over files and folders (every .ts below a folder), relative to `root`. */
export function bilingualThrows(root: string, paths: readonly string[]): BilingualThrow[] {
  const files: string[] = [];
  const walk = (p: string): void => {
    const abs = path.join(root, p);
    if (fs.statSync(abs).isDirectory()) for (const e of fs.readdirSync(abs).sort()) walk(path.join(p, e));
    else if (p.endsWith('.ts')) files.push(p);
  };
  for (const p of paths) walk(p);
  return files.flatMap((f) => bilingualThrowsIn(f, fs.readFileSync(path.join(root, f), 'utf8')));
}
