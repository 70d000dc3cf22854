// Dotted paths into the case model ("market.rentPerMuYear", "household.members.1.consents"),
// by English key or Chinese label, resolved against dsl/case-schema.ts.
import { caseFields, type Field, type FieldType } from './case-schema.ts';

/** The type at a path, or undefined if the case has no such field. List items take a numeric index. */
export function resolveCasePath(path: string): FieldType | undefined {
  let fields: Field[] | undefined = caseFields;
  let type: FieldType | undefined;
  for (const part of path.split('.')) {
    if (type?.kind === 'list') {
      if (!/^\d+$/.test(part)) return undefined;
      type = type.of;
      fields = type.kind === 'record' ? type.fields : undefined;
      continue;
    }
    const f: Field | undefined = fields?.find((x) => x.key === part || x.label === part);
    if (!f) return undefined;
    type = f.type;
    fields = type.kind === 'record' ? type.fields : undefined;
  }
  return type;
}

/** The values of the enum field at a path, in the schema's order; [] when the field is not an enum. */
export function enumValuesAt(path: string): string[] {
  const t = resolveCasePath(path);
  return t?.kind === 'enum' ? Object.keys(t.values) : [];
}

/** Every path to a scalar field (English keys), for suggestions. Lists appear with index 0. */
export function allCasePaths(): string[] {
  const out: string[] = [];
  const walk = (fields: Field[], prefix: string) => {
    for (const f of fields) {
      const p = prefix ? `${prefix}.${f.key}` : f.key;
      out.push(p);
      if (f.type.kind === 'record') walk(f.type.fields, p);
      if (f.type.kind === 'list' && f.type.of.kind === 'record') walk(f.type.of.fields, `${p}.0`);
    }
  };
  walk(caseFields, '');
  return out;
}

export function casePathsOfKind(kind: FieldType['kind']): string[] {
  return allCasePaths().filter((p) => resolveCasePath(p)?.kind === kind);
}
