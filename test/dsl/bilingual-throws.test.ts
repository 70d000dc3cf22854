// No error thrown by the pure core, the compiler, the evaluator, the runner, the calendar, the
// comparisons, the server, the case host or the documents is written as a "中文 English" literal (issue #13): each says a
// catalogue message (dsl/phrases/), so that the UI can say it in one language and the command line
// in both. A new one fails here with its place; the scanner is the command line's
// (test/helpers/bilingual-throws.ts, held there by test/engine/cli/bilingual-throws.test.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bilingualThrows } from '../helpers/bilingual-throws.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const SCANNED = [
  'dsl',
  'engine/compile',
  'engine/evaluate',
  'engine/run',
  'engine/calendar',
  'engine/compare',
  'engine/server',
  'engine/cases',
  'engine/documents',
];

describe('errors are messages, not bilingual literals', () => {
  // A finding as its file and its literal, spaces collapsed (a template's holes leave runs of them).
  const found = bilingualThrows(ROOT, SCANNED).map((f) => `${f.file}: ${f.text}`.replace(/\s+/g, ' ').trim());

  it(`finds none in ${SCANNED.join(', ')}`, () => {
    expect(found).toEqual([]);
  });
});
