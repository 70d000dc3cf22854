// The files the comparisons read and write say their problems as data (issue #13): each is the
// catalogue's one message for a problem and where it is (at.problem), the file as given, then why.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { msg } from '../../../dsl/message.ts';
import { render } from '../../../dsl/messages.ts';
import { readPopulation, writeOutput } from '../../../engine/compare/io.ts';

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
