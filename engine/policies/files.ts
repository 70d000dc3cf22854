// Reading a file a policy names, and only such a file: a regular file, inside its folder after every
// symlink is followed, no larger than a cap. A FIFO would block the process on open, a device
// (/dev/zero) or a /proc file would stream without end, and a symlink could lead anywhere; each is
// refused before a byte is read. Refusals say which rule was broken and never show the content.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { expectedIdOf } from '../../dsl/check/procedures.ts';
import type { PathRefusal } from '../../dsl/policy-files.ts';
import { msg, type Text } from '../../dsl/message.ts';

export type ReadResult =
  | { ok: true; text: string; /** The real path read. */ file: string }
  | { ok: false; missing: true }
  | ({ ok: false; missing?: false } & PathRefusal);

const MISSING = { ok: false, missing: true } as const;

/** Why a file could not be opened, from the error the file system gave: missing, a folder, or its code. */
export function errnoProblem(e: unknown): Text {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return msg('file.missing');
  if (code === 'EISDIR') return msg('file.isDirectory');
  return msg('file.cannotRead', { code: code ?? 'error' });
}

function inside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

const fmt = (n: number) => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n / 1024} KiB`);

/**
 * Reads `rel` inside `root` (both as given; symlinks are resolved before the containment check).
 * `rel` must already have passed dsl/policy-files.ts; containment is checked again here because a
 * symlink inside the folder can point out of it.
 */
export function readInside(root: string, rel: string, maxBytes: number): ReadResult {
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(join(realRoot, rel));
  } catch (e) {
    return errnoResult(e);
  }
  if (!inside(realRoot, real)) return { ok: false, rule: '符号链接指向文件夹之外', ruleEn: 'a symbolic link leads outside the folder' };
  return readRegularFile(real, maxBytes);
}

/** Reads a regular file of at most `maxBytes` (no containment: for paths an admin gave). */
export function readRegularFile(file: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    // stat before open: opening a FIFO for reading waits for a writer.
    if (!statSync(file).isFile()) return notRegular;
    // O_NONBLOCK: should the path be swapped for a FIFO between stat and open, open still returns.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) return notRegular;
    if (st.size > maxBytes) return tooLarge(maxBytes);
    // Read to the end but never past the cap: the size a file reports is not always what it holds.
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > maxBytes) return tooLarge(maxBytes);
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n));
    return { ok: true, text, file };
  } catch (e) {
    if (e instanceof TypeError) return { ok: false, rule: '不是 UTF-8 文本', ruleEn: 'not UTF-8 text' };
    return errnoResult(e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const notRegular = {
  ok: false,
  rule: '不是普通文件（目录、管道、设备等不可用）',
  ruleEn: 'not a regular file (folders, pipes, devices are refused)',
} as const;
const tooLarge = (max: number) => ({ ok: false, rule: `文件超过 ${fmt(max)}`, ruleEn: `the file is larger than ${fmt(max)}` }) as const;

function errnoResult(e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return MISSING;
  if (code === 'ELOOP')
    return { ok: false, rule: '符号链接循环或不允许的链接', ruleEn: 'a symbolic link loop or a link where none is allowed' };
  if (code === 'EISDIR') return notRegular;
  return { ok: false, rule: `无法读取（${code ?? 'error'}）`, ruleEn: `cannot be read (${code ?? 'error'})` };
}

/** The .yaml/.yml files of a folder in file-name order, each with the id its name gives (none when the folder is unreadable). */
export function yamlFilesIn(dir: string): { id: string; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort();
  } catch {
    return [];
  }
  return names.map((n) => ({ id: expectedIdOf(n), file: join(dir, n) }));
}
