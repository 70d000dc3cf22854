// The files the comparisons read and write say their problems as data (issue #13): each is the
// catalogue's one message for a problem and where it is (at.problem), the file as given, then why;
// a policy file that cannot be read or does not check is refused the same way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { msg } from '../../../dsl/message.ts';
import { render } from '../../../dsl/messages.ts';
import { readPopulation, writeOutput } from '../../../engine/compare/io.ts';
import { loadCompareEntries } from '../../../engine/compare/policies.ts';
import { errnoProblem } from '../../../engine/policies/files.ts';
import { loadPolicyFile } from '../../../engine/policies/load.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrown(fn: () => unknown): Error & { text?: unknown } {
  try {
    fn();
  } catch (e) {
    return e as Error & { text?: unknown };
  }
  throw new Error('expected an error');
}

describe('a file the comparisons cannot read or write', () => {
  it('a missing population spec: at.problem with file.missing', () => {
    const e = thrown(() => readPopulation(path.join(dir, 'none.yaml'), 'none.yaml'));
    expect(e.text).toEqual(msg('at.problem', { where: 'none.yaml', problem: msg('file.missing') }));
    expect(render(e.text as never, 'zh')).toBe('none.yaml：文件不存在');
    expect(render(e.text as never, 'en')).toBe('none.yaml: no such file');
    expect(e.message).toBe('none.yaml: 文件不存在 no such file');
  });

  it('an output that is a folder: at.problem with compare.cannotWriteFile', () => {
    const e = thrown(() => writeOutput(dir, 'x', 'out/'));
    expect(e.text).toEqual(msg('at.problem', { where: 'out/', problem: msg('compare.cannotWriteFile', { code: 'EISDIR' }) }));
    expect(render(e.text as never, 'zh')).toBe('out/：无法写入文件（EISDIR）');
    expect(render(e.text as never, 'en')).toBe('out/: cannot write the file (EISDIR)');
  });
});

describe('a policy file the comparisons cannot use', () => {
  it('a missing policy file: unreadable is at.problem with file.missing, as data', () => {
    const l = loadPolicyFile(path.join(dir, 'gone.yaml'), { display: 'gone.yaml', reads: 'evaluation' });
    expect(l.unreadable).toEqual(msg('at.problem', { where: 'gone.yaml', problem: msg('file.missing') }));
    expect(render(l.unreadable!, 'en')).toBe('gone.yaml: no such file');
    const e = thrown(() => loadCompareEntries([path.join(dir, 'gone.yaml')]));
    expect(e.message).toBe(`${path.join(dir, 'gone.yaml')}: 文件不存在 no such file`);
  });

  it('a policy with errors: each finding is at.finding with its code, one a line, English without Chinese', () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, 'meta: {}\n');
    const e = thrown(() => loadCompareEntries([file]));
    const text = e.text as { code: string; args: { first: { code: string; args: { where: string; code: string } } } };
    expect(text.code).toBe('text.lines');
    expect(text.args.first.code).toBe('at.finding');
    expect(text.args.first.args.where).toMatch(/broken\.yaml:\d+:\d+$/);
    expect(render(e.text as never, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(e.message.split('\n')[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: [A-Z]\\d+ `));
  });

  it('a directory for a file: file.isDirectory, or file.cannotRead with the code', () => {
    expect(errnoProblem(Object.assign(new Error('x'), { code: 'EISDIR' }))).toEqual(msg('file.isDirectory'));
    expect(errnoProblem(Object.assign(new Error('x'), { code: 'EACCES' }))).toEqual(msg('file.cannotRead', { code: 'EACCES' }));
    expect(render(msg('file.cannotRead', { code: 'EACCES' }), 'zh')).toBe('无法读取（EACCES）');
  });
});
