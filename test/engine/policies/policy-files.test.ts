// A policy is untrusted input: the templates and example cases it names may only be files of its own
// policy set (templates/…, examples/…, ../examples/…) or bundled templates, and a name or a file that
// breaks the rules is an error at its line, with nothing read and nothing of the file shown.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printDiagnostics } from '../../../dsl/index.ts';
import { parseCaseFileName, parseTemplateName } from '../../../dsl/policy-files.ts';
import { loadPolicyFile, MAX_CASE_BYTES } from '../../../engine/policies/load.ts';
import { readInside } from '../../../engine/policies/files.ts';
import { runMain } from '../../helpers/cli.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const QINZHOU = readFileSync(join(REPO, 'policies', 'qinzhou.yaml'), 'utf8');
const SECRET = 'TOP-SECRET-7f3a9c';

let root: string;
/** A scratch policy set laid out as the acceptance check does: p/qinzhou.yaml, p/templates, examples/. */
let set: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lf-policy-files-'));
  set = join(root, 'p');
  mkdirSync(set);
  cpSync(join(REPO, 'policies', 'templates'), join(set, 'templates'), { recursive: true });
  cpSync(join(REPO, 'examples'), join(root, 'examples'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), `${SECRET}\n`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** qinzhou.yaml with its first 退出合同 template and/or first caseFile replaced, checked in the scratch set. */
function check(edit: { template?: string; caseFile?: string }, name = 'qinzhou.yaml') {
  let text = QINZHOU;
  if (edit.template !== undefined)
    text = text.replace('template: templates/qinzhou/退出合同.hbs', `template: ${JSON.stringify(edit.template)}`);
  if (edit.caseFile !== undefined)
    text = text.replace('caseFile: ../examples/household-qinzhou.json', `caseFile: ${JSON.stringify(edit.caseFile)}`);
  const file = join(set, name);
  writeFileSync(file, text);
  const l = loadPolicyFile(file);
  const printed = [...printDiagnostics(l.diagnostics, l.source), ...l.templateDiagnostics];
  const lineOf = (needle: string) => text.split('\n').findIndex((x) => x.includes(needle)) + 1;
  return { l, printed, errors: printed.filter((d) => d.severity === 'error'), lineOf, text };
}

describe('the names a policy may give (dsl/policy-files.ts)', () => {
  it('allows templates under templates/ (.hbs) and bundled ids, nothing else', () => {
    expect(parseTemplateName('templates/qinzhou/退出合同.hbs')).toEqual({ ok: true, root: 'policy', rel: 'qinzhou/退出合同.hbs' });
    expect(parseTemplateName('generic/退出合同')).toEqual({ ok: true, root: 'bundled', rel: 'generic/退出合同.hbs' });
    expect(parseTemplateName('generic/退出合同.hbs')).toEqual({ ok: true, root: 'bundled', rel: 'generic/退出合同.hbs' });
    for (const bad of [
      'qinzhou.yaml',
      'templates/x.yaml',
      'templates/x',
      'templates/',
      '/etc/passwd',
      '../x.hbs',
      'templates/../qinzhou.yaml',
      'templates/./x.hbs',
      'templates//x.hbs',
      'a\\b.hbs',
      'C:/x.hbs',
      '~/x.hbs',
      '',
      'x\u0000.hbs',
    ]) {
      expect(parseTemplateName(bad).ok, bad).toBe(false);
    }
  });

  it('allows example cases under examples/ or ../examples/ (.json), nothing else', () => {
    expect(parseCaseFileName('../examples/household-qinzhou.json')).toEqual({
      ok: true,
      root: '../examples',
      rel: 'household-qinzhou.json',
    });
    expect(parseCaseFileName('examples/a/b.json')).toEqual({ ok: true, root: 'examples', rel: 'a/b.json' });
    for (const bad of [
      '/etc/shadow',
      '/proc/self/environ',
      '../../etc/passwd',
      '../examples/../../etc/passwd.json',
      'examples/../../x.json',
      '../../examples/x.json',
      'household.json',
      'examples/',
      'examples/x.txt',
      'examples\\x.json',
      '/dev/zero',
    ]) {
      expect(parseCaseFileName(bad).ok, bad).toBe(false);
    }
  });

  it('never accepts a name with "..", "." or an empty segment beyond a leading "../examples"', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', 'templates', 'examples', 'x.hbs', 'y.json', 'etc'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (parts) => {
        const name = parts.join('/');
        const t = parseTemplateName(name);
        if (t.ok) expect(t.rel.split('/').every((s) => s !== '' && s !== '.' && s !== '..')).toBe(true);
        if (t.ok) expect(t.rel.endsWith('.hbs')).toBe(true);
        const c = parseCaseFileName(name);
        if (c.ok) expect(c.rel.split('/').every((s) => s !== '' && s !== '.' && s !== '..')).toBe(true);
        if (c.ok) expect(name.startsWith('examples/') || name.startsWith('../examples/')).toBe(true);
      }),
    );
  });
});

describe('reading inside a folder (engine/policies/files.ts)', () => {
  it('refuses a FIFO, a device, a symlink out and an oversized file without reading them', () => {
    const dir = join(root, 'reads');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    symlinkSync(join(root, 'secret.txt'), join(dir, 'out.json'));
    symlinkSync('/proc/self/environ', join(dir, 'environ.json'));
    writeFileSync(join(dir, 'big.json'), Buffer.alloc(MAX_CASE_BYTES + 1, 32));
    writeFileSync(join(dir, 'ok.json'), '{}');
    const started = Date.now();
    expect(readInside(dir, 'fifo.json', MAX_CASE_BYTES)).toMatchObject({
      ok: false,
      ruleEn: expect.stringContaining('not a regular file'),
    });
    expect(readInside(dir, 'zero.json', MAX_CASE_BYTES)).toMatchObject({ ok: false, ruleEn: expect.stringContaining('outside') });
    expect(readInside(dir, 'out.json', MAX_CASE_BYTES)).toMatchObject({ ok: false, ruleEn: expect.stringContaining('outside') });
    expect(readInside(dir, 'environ.json', MAX_CASE_BYTES)).toMatchObject({ ok: false, ruleEn: expect.stringContaining('outside') });
    expect(readInside(dir, 'big.json', MAX_CASE_BYTES)).toMatchObject({ ok: false, ruleEn: 'the file is larger than 1 MiB' });
    expect(readInside(dir, 'none.json', MAX_CASE_BYTES)).toEqual({ ok: false, missing: true });
    expect(readInside(dir, 'ok.json', MAX_CASE_BYTES)).toMatchObject({ ok: true, text: '{}' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('a policy naming files outside its set', () => {
  it('a copy of the policy set checks clean, bundled ids included (generic/退出合同 is not "missing")', () => {
    const r = check({ template: 'generic/退出合同' });
    expect(r.errors).toEqual([]);
    expect(r.l.templates['generic/退出合同']).toBe(readFileSync(join(REPO, 'policies/templates/generic/退出合同.hbs'), 'utf8'));
  });

  it('template: qinzhou.yaml (the policy itself) is P627 at the template line, and no template is kept', () => {
    const r = check({ template: 'qinzhou.yaml' });
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'P627', line: r.lineOf('template: "qinzhou.yaml"') }));
    expect(r.l.policy).toBeUndefined();
    expect(r.l.templates).toEqual({});
  });

  it('a template symlinked out of templates/, a FIFO template and a non-.hbs one are P627, nothing shown', () => {
    symlinkSync(join(root, 'secret.txt'), join(set, 'templates', 'leak.hbs'));
    execFileSync('mkfifo', [join(set, 'templates', 'pipe.hbs')]);
    for (const [template, rule] of [
      ['templates/leak.hbs', 'outside'],
      ['templates/pipe.hbs', 'not a regular file'],
      ['templates/qinzhou/退出合同.txt', 'a template must be'],
    ] as const) {
      const r = check({ template });
      const d = r.errors.find((x) => x.code === 'P627');
      expect(d, template).toBeDefined();
      expect(d!.line).toBe(r.lineOf(`template: ${JSON.stringify(template)}`));
      expect(d!.message).toContain(rule);
      expect(JSON.stringify(r.printed)).not.toContain(SECRET);
    }
  });

  it('caseFile: /etc/shadow, /proc/self/environ, ../../secret.txt are X910; the content never appears', () => {
    const env = `${process.env.PATH}`;
    for (const caseFile of ['/etc/shadow', '/proc/self/environ', '../../secret.txt', '../secret.txt', '/dev/zero']) {
      const r = check({ caseFile });
      const d = r.errors.find((x) => x.code === 'X910');
      expect(d, caseFile).toBeDefined();
      expect(d!.line).toBe(r.lineOf(`caseFile: ${JSON.stringify(caseFile)}`));
      const out = JSON.stringify(r.printed);
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(env);
    }
  });

  it('an example case that is a FIFO, a link to /proc or /dev/zero, or too large is refused at once by rule', () => {
    const ex = join(root, 'examples');
    execFileSync('mkfifo', [join(ex, 'pipe.json')]);
    symlinkSync('/proc/self/environ', join(ex, 'environ.json'));
    symlinkSync('/dev/zero', join(ex, 'zero.json'));
    writeFileSync(join(ex, 'big.json'), `{"a":"${'x'.repeat(MAX_CASE_BYTES)}"}`);
    const started = Date.now();
    for (const [name, rule] of [
      ['pipe.json', 'not a regular file'],
      ['environ.json', 'outside'],
      ['zero.json', 'outside'],
      ['big.json', 'larger than 1 MiB'],
    ] as const) {
      const r = check({ caseFile: `../examples/${name}` });
      const d = r.errors.find((x) => x.code === 'X902');
      expect(d, name).toBeDefined();
      expect(d!.message).toContain(rule);
      expect(JSON.stringify(r.printed)).not.toContain(`${process.env.PATH}`);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a case file that is not JSON is reported by position, never by quoting it', () => {
    writeFileSync(join(root, 'examples', 'not-json.json'), `${SECRET} and more`);
    const r = check({ caseFile: '../examples/not-json.json' });
    const d = r.errors.find((x) => x.code === 'X902');
    expect(d?.message).toContain('not valid JSON');
    expect(JSON.stringify(r.printed)).not.toContain(SECRET.slice(0, 8));
  });

  it('landflow check --format json on the acceptance layout exits 1 and leaks nothing', async () => {
    const text = QINZHOU.replace('template: templates/qinzhou/退出合同.hbs', 'template: qinzhou.yaml').replace(
      'caseFile: ../examples/household-qinzhou.json',
      `caseFile: ${join(root, 'secret.txt')}`,
    );
    writeFileSync(join(set, 'qinzhou.yaml'), text);
    const r = await runMain(['check', '--format', 'json', join(set, 'qinzhou.yaml')], { cwd: REPO });
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.out) as { code: string }[]).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['P627', 'X910']));
    expect(r.out + r.err).not.toContain(SECRET);
  });
});
