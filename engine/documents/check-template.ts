// The template checker: parses a Handlebars template and checks every variable it reads against
// the document model's shape (model-shape.ts), every helper against the known helpers (helpers.ts),
// and every partial against the known partials. Diagnostics are data with 1-based line and column,
// collected, not thrown, so an author sees all mistakes at once. Pure module (Handlebars.parse
// has no Node dependency), so the policy editor in the browser can lint templates too.

import Handlebars from 'handlebars';
import { MODEL_SHAPE, type Shape, type ShapeObject } from './model-shape.ts';
import { HELPERS, PARTIALS } from './helpers.ts';
import { editDistance } from '../../dsl/expr/suggest.ts';
import { lines, msg, type Message } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;
type Statement = hbs.AST.Statement;
type Expression = hbs.AST.Expression;
type PathExpression = hbs.AST.PathExpression;

export type TemplateDiagnosticCode =
  | 'TPL001' // parse error
  | 'TPL002' // unknown variable
  | 'TPL003' // unknown helper
  | 'TPL004' // unknown partial
  | 'TPL005' // triple-stash / unescaped output
  | 'TPL006' // printing an object or a list
  | 'TPL007' // wrong number of helper arguments / unknown hash key
  | 'TPL008' // #each over something that is not a list
  | 'TPL009'; // unsupported construct (decorators, dynamic partials, ../ above the root)

export interface TemplateDiagnostic {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
  code: TemplateDiagnosticCode;
  /** Both languages, as the command line prints it. */
  message: string;
  /** The finding as data (dsl/phrases/templates.ts). */
  text: Message;
}

interface Scope {
  /** The context shape `this` refers to. */
  shape: Shape;
  /** Block parameters (`as |row i|`) visible in this scope. */
  locals: Record<string, Shape>;
  /** Inside an iteration: @index, @first, @last, @key, @blank are defined. */
  iterating: boolean;
  /** Whether this scope changed the context (each/with), which `../` climbs over. */
  changesContext: boolean;
}

const DATA_IN_LOOPS = new Set(['index', 'first', 'last', 'key', 'blank']);

function suggest(name: string, options: string[]): Message | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const o of options) {
    const d = editDistance(name, o);
    if (d < bestDistance) {
      best = o;
      bestDistance = d;
    }
  }
  return best === undefined ? undefined : msg('hint.didYouMean', { name: best });
}

const isObjectShape = (s: Shape): s is ShapeObject => s !== 'value' && !Array.isArray(s);
const isArrayShape = (s: Shape): s is readonly [Shape] => Array.isArray(s);
const describe = (s: Shape): Message => msg(s === 'value' ? 'tpl.shape.value' : isArrayShape(s) ? 'tpl.shape.list' : 'tpl.shape.object');

/**
 * Checks a template's source. `file` is used in the diagnostics only. `shape` defaults to the
 * document model's shape.
 */
export function checkTemplate(source: string, file: string, shape: ShapeObject = MODEL_SHAPE): TemplateDiagnostic[] {
  const diagnostics: TemplateDiagnostic[] = [];
  const report = (node: Node | undefined, code: TemplateDiagnosticCode, text: Message) => {
    const loc = node?.loc?.start;
    diagnostics.push({ file, line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, code, message: renderBoth(text), text });
  };

  let ast: Program;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    const err = e as Error & { lineNumber?: number; column?: number };
    const m = /line (\d+)/.exec(err.message);
    const line = err.lineNumber ?? (m ? Number(m[1]) : 1);
    const column = (err.column ?? 0) + 1;
    const detail =
      err.message
        .split('\n')
        .filter((l) => !/^-*\^$/.test(l))
        .pop() ?? err.message;
    const text = msg('tpl.syntax', { detail });
    diagnostics.push({ file, line, column, code: 'TPL001', message: renderBoth(text), text });
    return diagnostics;
  }

  const root: Scope = { shape, locals: {}, iterating: false, changesContext: true };

  /** Resolves a path; reports and returns undefined when it does not exist. */
  function resolvePath(path: PathExpression, stack: Scope[]): Shape | undefined {
    const parts = [...path.parts];
    const original = path.original;
    if (path.data) {
      const head = parts.shift();
      if (head === 'root') return walk(shape, parts, path, '@root');
      if (head && DATA_IN_LOOPS.has(head) && parts.length === 0) {
        if (stack.some((s) => s.iterating)) return 'value';
        report(path, 'TPL002', msg('tpl.dataOutsideLoop', { head }));
        return undefined;
      }
      report(path, 'TPL002', msg('tpl.unknownData', { name: original }));
      return undefined;
    }
    // Block parameters shadow the context, nearest first.
    if (path.depth === 0 && parts.length > 0 && !original.startsWith('this') && !original.startsWith('./')) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const local = stack[i].locals[parts[0]];
        if (local !== undefined) return walk(local, parts.slice(1), path, parts[0]);
      }
    }
    const contexts = stack.filter((s) => s.changesContext);
    const index = contexts.length - 1 - path.depth;
    if (index < 0) {
      report(path, 'TPL009', msg('tpl.aboveRoot', { path: original }));
      return undefined;
    }
    return walk(contexts[index].shape, parts, path, path.depth > 0 ? '../'.repeat(path.depth).slice(0, -1) : '');
  }

  function walk(start: Shape, parts: string[], node: Node, prefix: string): Shape | undefined {
    let current = start;
    let sofar = prefix;
    for (const part of parts) {
      const here = sofar ? `${sofar}.${part}` : part;
      if (isArrayShape(current)) {
        if (part === 'length') {
          current = 'value';
        } else if (/^\d+$/.test(part)) {
          current = current[0];
        } else {
          report(node, 'TPL002', msg('tpl.listNoField', { part, path: here }));
          return undefined;
        }
      } else if (isObjectShape(current)) {
        const next = Object.prototype.hasOwnProperty.call(current, part) ? current[part] : undefined;
        if (next === undefined) {
          const fields = Object.keys(current);
          report(
            node,
            'TPL002',
            msg('tpl.unknownField', { path: here, of: sofar || msg('tpl.model'), fields: fields.join(', '), hint: suggest(part, fields) }),
          );
          return undefined;
        }
        current = next;
      } else {
        report(node, 'TPL002', msg('tpl.valueNoField', { path: sofar, part }));
        return undefined;
      }
      sofar = here;
    }
    return current;
  }

  function checkExpression(expr: Expression, stack: Scope[]): Shape | undefined {
    switch (expr.type) {
      case 'PathExpression':
        return resolvePath(expr as PathExpression, stack);
      case 'SubExpression': {
        const sub = expr as hbs.AST.SubExpression;
        checkHelperCall(sub.path, sub.params, sub.hash, stack, 'inline');
        return 'value';
      }
      default:
        return 'value'; // literals
    }
  }

  function checkHelperCall(
    path: Expression,
    params: Expression[],
    hash: hbs.AST.Hash | undefined,
    stack: Scope[],
    usage: 'inline' | 'block',
  ): { name: string; firstParam?: Shape } | undefined {
    const name = (path as PathExpression).original;
    const spec = Object.prototype.hasOwnProperty.call(HELPERS, name) ? HELPERS[name] : undefined;
    const shapes = params.map((p) => checkExpression(p, stack));
    for (const pair of hash?.pairs ?? []) checkExpression(pair.value, stack);
    if (!spec) {
      report(path, 'TPL003', msg('tpl.unknownHelper', { name, hint: suggest(name, Object.keys(HELPERS)) }));
      return undefined;
    }
    if (usage === 'inline' && spec.kind !== 'inline') {
      report(path, 'TPL003', msg('tpl.blockHelper', { name, open: `{{#${name}}}`, usage: `{{#${name} …}}…{{/${name}}}` }));
    }
    if (usage === 'block' && spec.kind === 'inline') {
      report(path, 'TPL003', msg('tpl.notBlockHelper', { name, usage: `{{${name} …}}` }));
    }
    const [min, max] = spec.params;
    if (params.length < min || params.length > max) {
      const want = min === max ? `${min}` : `${min}–${max}`;
      report(path, 'TPL007', msg('tpl.arity', { name, want, got: params.length }));
    }
    for (const pair of hash?.pairs ?? []) {
      if (!spec.hash.includes(pair.key)) {
        report(pair, 'TPL007', msg('tpl.unknownHashKey', { name, key: pair.key, available: spec.hash.join(', ') }));
      }
    }
    return { name, firstParam: shapes[0] };
  }

  function checkProgram(program: Program | undefined, stack: Scope[]): void {
    for (const statement of program?.body ?? []) checkStatement(statement, stack);
  }

  function checkStatement(statement: Statement, stack: Scope[]): void {
    switch (statement.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = statement as hbs.AST.MustacheStatement;
        if (!m.escaped) {
          report(m, 'TPL005', msg('tpl.unescaped', { triple: '{{{…}}}', amp: '{{& …}}' }));
        }
        if (m.path.type !== 'PathExpression') {
          report(m, 'TPL009', msg('tpl.unsupportedExpression', { type: m.path.type }));
          return;
        }
        const path = m.path as PathExpression;
        const isCall =
          m.params.length > 0 ||
          (m.hash?.pairs?.length ?? 0) > 0 ||
          (!path.data &&
            path.depth === 0 &&
            path.parts.length === 1 &&
            !path.original.startsWith('this') &&
            Object.prototype.hasOwnProperty.call(HELPERS, path.parts[0]));
        if (isCall) {
          checkHelperCall(path, m.params, m.hash, stack, 'inline');
          return;
        }
        const shape = resolvePath(path, stack);
        if (shape !== undefined && shape !== 'value') {
          report(path, 'TPL006', msg('tpl.printShape', { shape: describe(shape), path: path.original }));
        }
        return;
      }
      case 'BlockStatement': {
        const b = statement as hbs.AST.BlockStatement;
        const call = checkHelperCall(b.path, b.params, b.hash, stack, 'block');
        const spec = call ? HELPERS[call.name] : undefined;
        const blockParams = b.program?.blockParams ?? [];
        let inner: Scope = { shape: stack[stack.length - 1].shape, locals: {}, iterating: false, changesContext: false };
        if (spec?.kind === 'block-each') {
          const listShape = call?.firstParam;
          let element: Shape | undefined;
          if (listShape !== undefined) {
            if (isArrayShape(listShape)) element = listShape[0];
            else
              report(
                b.params[0],
                'TPL008',
                msg('tpl.eachNeedsList', { name: call!.name, shape: describe(listShape), path: (b.params[0] as PathExpression).original }),
              );
          }
          const locals: Record<string, Shape> = {};
          if (blockParams[0]) locals[blockParams[0]] = element ?? 'value';
          if (blockParams[1]) locals[blockParams[1]] = 'value';
          // An unknown list still gets checked inside, against an empty shape, so errors show once.
          inner = { shape: element ?? {}, locals, iterating: true, changesContext: true };
        } else if (spec?.kind === 'block-with') {
          const target = call?.firstParam ?? {};
          const locals: Record<string, Shape> = {};
          if (blockParams[0]) locals[blockParams[0]] = target;
          inner = { shape: target, locals, iterating: false, changesContext: true };
        }
        checkProgram(b.program, [...stack, inner]);
        checkProgram(b.inverse, stack); // {{else}} runs in the enclosing context
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const p = statement as hbs.AST.PartialStatement;
        if (p.name.type !== 'PathExpression') {
          report(p, 'TPL009', msg('tpl.dynamicPartial'));
          return;
        }
        const name = (p.name as PathExpression).original;
        if (!Object.prototype.hasOwnProperty.call(PARTIALS, name)) {
          report(p.name, 'TPL004', msg('tpl.unknownPartial', { name, available: Object.keys(PARTIALS).join(', ') }));
        }
        if (p.params.length > 0 || (p.hash?.pairs?.length ?? 0) > 0) {
          report(p, 'TPL009', msg('tpl.partialParams'));
        }
        return;
      }
      default:
        report(statement, 'TPL009', msg('tpl.unsupportedConstruct', { type: statement.type }));
    }
  }

  checkProgram(ast, [root]);
  return diagnostics;
}

/** The findings one a line, each "file:line:column: message [code]". */
export function templateFindings(diagnostics: readonly TemplateDiagnostic[]): Message {
  return lines(
    diagnostics.map((d) =>
      msg('at.problem', { where: `${d.file}:${d.line}:${d.column}`, problem: msg('tpl.coded', { problem: d.text, code: d.code }) }),
    ),
  );
}
