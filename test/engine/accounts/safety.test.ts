// Template and expression safety, checked across the code base: no user text reaches eval or
// new Function; Handlebars escapes by default and hides prototypes; a policy expression or a
// policy file cannot reach files, the environment or the JavaScript runtime.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpression, compileExpression, parseExpression, prepareCase } from '../../../dsl/expr/index.ts';
import { checkPolicy } from '../../../dsl/index.ts';
import { renderHtml, checkTemplate, loadTemplate, type DocumentModel } from '../../../engine/documents/index.ts';
import { checkSource } from '../../../engine/compare/kernel/fuse.ts';
import { ROOT, EXAMPLE } from './server-harness.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') out.push(...sources(p));
    } else if (/\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Code without comments and string literals' contents, so prose mentioning eval does not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

describe('no eval of user text', () => {
  const files = ['dsl', 'engine', 'ui/src'].flatMap((d) => (fs.existsSync(path.join(ROOT, d)) ? sources(path.join(ROOT, d)) : []));

  it('nothing in dsl/, engine/ or ui/src calls eval, new Function (but the kernel fused loops), Function(), or node:vm', () => {
    expect(files.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const f of files) {
      const raw = fs.readFileSync(f, 'utf8');
      let c = code(raw);
      // The columnar kernel's fused loops: one new Function, of a source made from the compiler's
      // templates and checked by checkSource (below) — no text of a policy.
      if (path.relative(ROOT, f) === path.join('engine', 'compare', 'kernel', 'fuse.ts')) {
        expect(c.match(/new\s+Function\s*\(/g)).toHaveLength(1);
        c = c.replace(/new\s+Function\s*\(/, '(');
      }
      if (/(^|[^\w.$])eval\s*\(|new\s+Function\s*\(|(^|[^\w.$])Function\s*\(/m.test(c)) hits.push(path.relative(ROOT, f));
      if (/from\s+['"](node:)?vm['"]|import\(\s*['"](node:)?vm['"]/.test(raw)) hits.push(`${path.relative(ROOT, f)} (node:vm)`);
      if (/\bimport\s*\(\s*[^'"`\s)]/.test(c)) hits.push(`${path.relative(ROOT, f)} (import of a computed name)`);
    }
    expect(hits).toEqual([]);
  });

  it("the kernel's generated loops hold only the templates' vocabulary: no string, no word not generated", () => {
    expect(() => checkSource('"use strict";\nfor (let i = 0; i < m; i++) { const v1 = Math.abs(b0[i]) * 1e+21 + NaN; }')).not.toThrow();
    for (const bad of ['process.exit(1)', 'const v1 = "x";', 'v1 = `${m}`', 'globalThis', 'v1.constructor', '// x', 'v1 = b0[i] \\ 2'])
      expect(() => checkSource(bad), bad).toThrow();
  });

  it('the pure layer (dsl/) imports no Node module: a policy checked there cannot touch files or the environment', () => {
    const bad = files
      .filter((f) => f.startsWith(path.join(ROOT, 'dsl') + path.sep))
      .filter((f) =>
        /from\s+['"](node:|fs['"]|path['"]|child_process|os['"])|\bprocess\.(env|argv|cwd)|\brequire\s*\(/.test(fs.readFileSync(f, 'utf8')),
      )
      .map((f) => path.relative(ROOT, f));
    expect(bad).toEqual([]);
  });
});

describe('policy expressions are a closed language', () => {
  const scope = { names: {}, caseFields: true };
  const hostile = [
    'process.env.HOME',
    'globalThis',
    'this',
    'require("fs")',
    'import("fs")',
    'constructor.constructor("return process")()',
    'household.constructor',
    'household.__proto__',
    'household["constructor"]',
    'eval("1")',
    'Function("return 1")()',
    '户主.姓名.constructor',
    'readFile("/etc/passwd")',
    'env("HOME")',
  ];
  for (const text of hostile) {
    it(`refuses ${text}`, () => {
      const p = parseExpression(text);
      if (!p.expr) {
        expect(p.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        return;
      }
      const c = checkExpression(p.expr, scope);
      expect(
        c.diagnostics.filter((d) => d.severity === 'error').length,
        `${text} type-checked as ${JSON.stringify(c.type)}`,
      ).toBeGreaterThan(0);
      expect(() => compileExpression(p.expr!, scope)).toThrow();
    });
  }

  it('a case field holding code is data, never run', () => {
    const kase = structuredClone(EXAMPLE);
    kase.household.head.name = '"); process.exit(1); ("';
    const p = parseExpression('household.head.name')!;
    const f = compileExpression(p.expr!, scope);
    expect(f(prepareCase(kase), {})).toBe('"); process.exit(1); ("');
  });
});

describe('Handlebars templates', () => {
  const model = { household: { head: { name: '<script>alert(1)</script>&"\'' } } } as unknown as DocumentModel;

  it('escapes data by default', () => {
    const html = renderHtml('<p>{{household.head.name}}</p>', model);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#x27;');
    expect(html).not.toContain('<script>');
  });

  it('hides prototypes from templates', () => {
    expect(
      renderHtml('[{{household.constructor}}][{{household.head.name.constructor}}][{{#with household}}{{__proto__}}{{/with}}]', model),
    ).toBe('[][][]');
    expect(renderHtml('[{{lookup household "constructor"}}]', model)).toBe('[]');
  });

  it('the template checker refuses unescaped output', () => {
    const diags = checkTemplate('<p>{{{household.head.name}}}</p>{{& household.head.name}}', 'hostile.hbs');
    expect(diags.filter((d) => d.code === 'TPL005')).toHaveLength(2);
  });

  it('a template path cannot climb out of the policy folder', () => {
    expect(() => loadTemplate(path.join(ROOT, 'policies'), '../../../../etc/passwd')).toThrow(
      /must stay inside the policy folder|template not found/,
    );
    expect(() => loadTemplate(path.join(ROOT, 'policies'), '/etc/passwd')).toThrow(/must stay inside the policy folder|template not found/);
  });
});

describe('policy files', () => {
  it('YAML cannot run code or pull in files: custom tags and alias bombs are refused, quickly', { timeout: 30_000 }, () => {
    const t0 = Date.now();
    for (const text of [
      'landflow: 1\nmeta: !!js/function "function () { return process.env }"\n',
      'landflow: 1\nmeta: !include /etc/passwd\n',
      // 12 levels of 10 aliases: 10^12 nodes if expanded; the YAML parser's alias limit stops it.
      'landflow: 1\nl0: &l0 [x]\n' +
        Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`).join('\n') +
        '\n',
    ]) {
      const r = checkPolicy(text, 'hostile.yaml');
      expect(r.policy).toBeUndefined();
      expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      expect(JSON.stringify(r.diagnostics)).not.toContain(process.env.HOME ?? '/root');
    }
    // Expanded, the bomb would never finish; refused, it stops at the node cap (anchors are indexed once in dsl/yaml.ts).
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
