// Keys the policy format once had and how each is written now. One table serves two readers:
// - the checker (dsl/schema.ts) refuses an old key in a text written today (S001, the new
//   spelling as its hint), so no new text is written the old way;
// - a version stored before the rename stays runnable: cases are pinned to it by the hash of its
//   text as stored, which the record seals and `audit verify` recomputes, so that text is never
//   rewritten in the store. upgradeStoredPolicy rewrites just these keys when such a text is
//   loaded to run its cases (engine/cases/policies.ts pin); everything else is read as written.
import { isMap, isScalar, parseDocument, visit, type Document } from 'yaml';

interface Rename {
  /** How the key is written now (the checker's hint). */
  now: string;
  /** Moves the old key's value of one mapping to where it lives now. */
  move(map: import('yaml').YAMLMap, doc: Document): void;
}

export const RENAMED_KEYS: Readonly<Record<string, Rename>> = {
  // A public notice's objection window is one of its kind's periods (dsl/steps/publicNotice.ts).
  objectionPeriod: {
    now: 'periods: { objections: … }',
    move(map, doc) {
      const value = map.get('objectionPeriod', true);
      map.delete('objectionPeriod');
      const periods = map.get('periods', true);
      if (isMap(periods)) periods.set('objections', value);
      else map.set('periods', doc.createNode({ objections: isScalar(value) ? value.value : value }));
    },
  },
};

/**
 * The text with every renamed key moved to its present place, or the text itself when it has
 * none (or does not parse: the checker then reports it as written).
 */
export function upgradeStoredPolicy(source: string): string {
  if (!Object.keys(RENAMED_KEYS).some((k) => source.includes(k))) return source;
  const doc = parseDocument(source);
  if (doc.errors.length) return source;
  let changed = false;
  visit(doc, {
    Map(_, map) {
      for (const [key, rename] of Object.entries(RENAMED_KEYS)) {
        if (map.has(key)) {
          rename.move(map, doc);
          changed = true;
        }
      }
    },
  });
  return changed ? doc.toString() : source;
}
