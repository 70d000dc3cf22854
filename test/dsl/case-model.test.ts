// The case model is written twice by necessity: as TypeScript interfaces (dsl/case-model.ts), which
// the compiler checks every use of, and as data (dsl/case-schema.ts), from which the JSON Schema,
// the expression checker's names, the UI's form and the population's value lists are derived. This
// test reads the interfaces with the TypeScript compiler and holds them to the data field for field:
// the same keys, the same optional ones, the same kinds and the same enum values. It fails when the
// two drift.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { caseFields, type Field, type FieldType } from '../../dsl/case-schema.ts';

/** A field's shape, the same whichever side it was read from. */
type Shape =
  | { kind: 'string' | 'bool' | 'date' | 'integer' | 'decimal' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'record'; fields: Record<string, { required: boolean; shape: Shape }> }
  | { kind: 'list'; of: Shape };

function schemaShape(t: FieldType): Shape {
  switch (t.kind) {
    case 'enum':
      return { kind: 'enum', values: Object.keys(t.values).sort() };
    case 'record':
      return recordShape(t.fields);
    case 'list':
      return { kind: 'list', of: schemaShape(t.of) };
    default:
      return { kind: t.kind };
  }
}

function recordShape(fields: Field[]): Shape {
  return { kind: 'record', fields: Object.fromEntries(fields.map((f) => [f.key, { required: !!f.required, shape: schemaShape(f.type) }])) };
}

const file = join(import.meta.dirname, '..', '..', 'dsl', 'case-model.ts');
const program = ts.createProgram([file], { strict: true, noEmit: true, allowImportingTsExtensions: true, module: ts.ModuleKind.NodeNext });
const checker = program.getTypeChecker();
const source = program.getSourceFile(file)!;

/** The shape of a TypeScript type; the aliases DecimalString and DateString are read by name. */
function tsShape(type: ts.Type, node: ts.TypeNode | undefined): Shape {
  const written = node?.getText();
  if (written === 'DecimalString') return { kind: 'decimal' };
  if (written === 'DateString') return { kind: 'date' };
  if (type.flags & ts.TypeFlags.Boolean) return { kind: 'bool' };
  if (type.flags & ts.TypeFlags.String) return { kind: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { kind: 'integer' };
  if (type.isUnion() && type.types.every((t) => t.isStringLiteral()))
    return { kind: 'enum', values: type.types.map((t) => (t as ts.StringLiteralType).value).sort() };
  if (checker.isArrayType(type)) {
    const element = checker.getTypeArguments(type as ts.TypeReference)[0]!;
    return { kind: 'list', of: tsShape(element, node && ts.isArrayTypeNode(node) ? node.elementType : undefined) };
  }
  const fields: Record<string, { required: boolean; shape: Shape }> = {};
  for (const prop of type.getProperties()) {
    const decl = prop.valueDeclaration as ts.PropertySignature;
    fields[prop.name] = {
      required: !(prop.flags & ts.SymbolFlags.Optional),
      shape: tsShape(decl.type ? checker.getTypeFromTypeNode(decl.type) : checker.getTypeOfSymbol(prop), decl.type),
    };
  }
  return { kind: 'record', fields };
}

function interfaceShape(name: string): Shape {
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name)!;
  return tsShape(checker.getTypeAtLocation(decl.name), undefined);
}

/** Where two shapes differ, by dotted path. */
function differences(a: Shape, b: Shape, path = ''): string[] {
  if (a.kind !== b.kind) return [`${path}: ${a.kind} ≠ ${b.kind}`];
  if (a.kind === 'enum' && b.kind === 'enum')
    return a.values.join('|') === b.values.join('|') ? [] : [`${path}: ${a.values.join('|')} ≠ ${b.values.join('|')}`];
  if (a.kind === 'list' && b.kind === 'list') return differences(a.of, b.of, `${path}[]`);
  if (a.kind === 'record' && b.kind === 'record') {
    const keys = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      const x = a.fields[k];
      const y = b.fields[k];
      if (!x || !y) return [`${p}: only in ${x ? 'the interfaces' : 'the schema'}`];
      const req =
        x.required === y.required ? [] : [`${p}: ${x.required ? 'required' : 'optional'} ≠ ${y.required ? 'required' : 'optional'}`];
      return [...req, ...differences(x.shape, y.shape, p)];
    });
  }
  return [];
}

describe('the case interfaces (dsl/case-model.ts) and the case schema (dsl/case-schema.ts)', () => {
  const ts = interfaceShape('CaseData');

  it('read the interfaces (the compiler found CaseData and its nested records)', () => {
    expect(ts.kind).toBe('record');
    const fields = (ts as Extract<Shape, { kind: 'record' }>).fields;
    expect(Object.keys(fields).sort()).toEqual(['contract', 'exit', 'household', 'market', 'parcels', 'transfer']);
    expect(fields.exit!.shape).toMatchObject({
      kind: 'record',
      fields: { payer: { required: true, shape: { kind: 'enum', values: ['county', 'group', 'village'] } } },
    });
  });

  it('agree field for field: keys, required ones, kinds and enum values', () => {
    expect(differences(ts, recordShape(caseFields))).toEqual([]);
  });

  it('a drift is found and named by its path (the comparison itself works)', () => {
    const drifted = structuredClone(caseFields);
    const exit = drifted.find((f) => f.key === 'exit')!.type as Extract<FieldType, { kind: 'record' }>;
    const payer = exit.fields.find((f) => f.key === 'payer')!.type as Extract<FieldType, { kind: 'enum' }>;
    payer.values = { ...payer.values, town: '镇' };
    exit.fields = exit.fields.filter((f) => f.key !== 'reason');
    const market = drifted.find((f) => f.key === 'market')!.type as Extract<FieldType, { kind: 'record' }>;
    market.fields.find((f) => f.key === 'zone')!.required = true;
    expect(differences(ts, recordShape(drifted))).toEqual([
      'exit.payer: county|group|village ≠ county|group|town|village',
      'exit.reason: only in the interfaces',
      'market.zone: optional ≠ required',
    ]);
  });
});
