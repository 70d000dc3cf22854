// The file-system edge of comparisons, shared by `landflow compare`, `landflow simulate` and the
// server: population specs and case files read with clear errors, bundled populations listed,
// charts written, and a progress bar for long runs (stderr, only on a terminal).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseData } from '../../dsl/case-model.ts';
import { validateCase } from '../../dsl/index.ts';
import { msg } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { invalidCaseFile } from '../cases/errors.ts';
import { parsePopulationSpec, PopulationSpecError, type PopulationSpec } from './population/spec.ts';
import { readCaseFile } from '../policies/case-file.ts';
import { errnoProblem, yamlFilesIn } from '../policies/files.ts';

export class CompareInputError extends TextError {
  override name = 'CompareInputError';
}

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CompareInputError(msg('at.problem', { where: shown, problem: errnoProblem(e) }));
  }
}

/** A case file, validated against the case schema (errors name the JSON pointer of the field). */
export function readCase(path: string, shown = path): CaseData {
  const read = readCaseFile(path);
  if ('error' in read) throw new CompareInputError(msg('at.problem', { where: shown, problem: read.error }));
  const data = read.data;
  const invalid = validateCase(data);
  if (invalid.length) {
    throw new CompareInputError(invalidCaseFile(shown, invalid));
  }
  return data as CaseData;
}

export function readPopulation(path: string, shown = path): PopulationSpec {
  const text = readText(path, shown);
  try {
    return parsePopulationSpec(text, shown);
  } catch (e) {
    if (e instanceof PopulationSpecError) throw new CompareInputError(e.text ?? e.message);
    throw e;
  }
}

/** examples/populations of this checkout. */
export const BUNDLED_POPULATIONS_DIR = resolve(fileURLToPath(new URL('../../examples/populations/', import.meta.url)));

/** The bundled population specs, by id (the file name without .yaml). */
export function bundledPopulations(dir = BUNDLED_POPULATIONS_DIR): { id: string; file: string }[] {
  return yamlFilesIn(dir);
}

export function writeChart(path: string, svg: string, shown = path): void {
  try {
    writeFileSync(path, svg.endsWith('\n') ? svg : svg + '\n', 'utf8');
  } catch (e) {
    const problem = msg('compare.cannotWriteChart', { code: (e as NodeJS.ErrnoException).code ?? 'error' });
    throw new CompareInputError(msg('at.problem', { where: shown, problem }));
  }
}

/** A comparison written to the file --out names (text, or an XLSX workbook's bytes). */
export function writeOutput(path: string, data: string | Buffer, shown = path): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    const problem = msg('compare.cannotWriteFile', { code: (e as NodeJS.ErrnoException).code ?? 'error' });
    throw new CompareInputError(msg('at.problem', { where: shown, problem }));
  }
}

/** A one-line progress bar redrawn at most ten times a second; `done()` clears it. */
export function progressBar(
  write: (s: string) => void,
  label: string,
): { update: (done: number, total: number) => void; done: () => void } {
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const width = 30;
      const f = total ? done / total : 1;
      const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.');
      const secs = ((now - started) / 1000).toFixed(1);
      write(`\r${label} [${bar}] ${(f * 100).toFixed(0).padStart(3)}% ${done}/${total} ${secs}s`);
    },
    done() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}
