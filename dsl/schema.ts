// Validates the YAML's data against dsl/policy.schema.json (JSON Schema 2020-12, ajv) and turns
// ajv's errors into diagnostics at the offending key or value. The schema is compiled once.
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import policySchema from './policy.schema.json' with { type: 'json' };
import { diag, type Diagnostic } from './diagnostics.ts';
import { didYouMean } from './messages.ts';
import { msg } from './message.ts';
import { RENAMED_KEYS } from './format-upgrades.ts';
import { atPointer, type LNode } from './yaml.ts';
import type { Span } from './policy-model.ts';

type AjvClass = new (opts: Record<string, unknown>) => { compile: (s: unknown) => ValidateFunction };
const Ajv2020 = ((Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import) as unknown as AjvClass;

export { policySchema };

let compiled: ValidateFunction | undefined;

/**
 * Compiled on first use, once per process. The schema is the project's own file, which
 * test/dsl/policy-schema.test.ts compiles strictly against the JSON Schema meta-schema; here ajv
 * skips that check: compiling the meta-schema was about 40% of the compile, paid by every process
 * that checks a policy.
 */
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, validateSchema: false }).compile(
    policySchema,
  );
  return compiled;
}

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '真假值（true/false）',
  object: '映射（键: 值）',
  array: '列表',
  null: '空值',
};

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v;
}

function zhTypes(t: string): string {
  return t
    .split(',')
    .map((x) => TYPE_ZH[x] ?? x)
    .join('或');
}

/** Schema diagnostics for the document whose plain data is `data` and located tree is `root`. */
export function validatePolicyData(root: LNode, data: unknown, file: string): Diagnostic[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // anyOf/const/type failures at one place would say the same thing several times: keep the most telling.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (anyOfPaths.has(e.instancePath) && e.keyword !== 'anyOf') continue;
    if ([...anyOfPaths].some((p) => e.instancePath.startsWith(p + '/'))) continue;
    const d = toDiagnostic(e, root, file);
    if (!d) continue;
    const k = `${d.code}:${d.start}:${JSON.stringify(d.message)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

function valueSpan(root: LNode, pointer: string): Span {
  const at = atPointer(root, pointer);
  return at.node?.span ?? at.keySpan ?? at.parent?.span ?? { start: 0, end: 0 };
}

/** The key leading to a node, or (for a list item) the node's first key, or the node itself. */
function keyOrNodeSpan(root: LNode, pointer: string): Span {
  const at = atPointer(root, pointer);
  if (at.keySpan) return at.keySpan;
  if (at.node?.kind === 'map' && at.node.entries[0]) return at.node.entries[0].keySpan;
  return at.node?.span ?? { start: 0, end: 0 };
}

function toDiagnostic(e: ErrorObject, root: LNode, file: string): Diagnostic | undefined {
  const path = e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const allowed = allowedKeys(e);
      const renamed = Object.hasOwn(RENAMED_KEYS, key) ? RENAMED_KEYS[key] : undefined;
      const hint = renamed ? { hint: msg('hint.renamed', { now: renamed.now }) } : didYouMean(key, allowed);
      return diag(file, 'S001', keyOrNodeSpan(root, child), { key, ...hint });
    }
    case 'required':
      return diag(file, 'S002', keyOrNodeSpan(root, path), { key: String(params.missingProperty) });
    case 'type': {
      const at = atPointer(root, path);
      const actual = typeName(at.node ? plainKind(at.node) : undefined);
      const expected = String(params.type);
      return diag(file, 'S003', valueSpan(root, path), {
        expected: { zh: zhTypes(expected), en: expected },
        actual: { zh: zhTypes(actual), en: actual },
      });
    }
    case 'anyOf':
      return diag(file, 'S003', valueSpan(root, path), {
        expected: { zh: '文字或文字列表', en: 'string or list of strings' },
        actual: { zh: '其他', en: 'other' },
      });
    case 'enum':
    case 'const': {
      const allowedValues = e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      const at = atPointer(root, path);
      const value = at.node?.kind === 'scalar' ? String(at.node.value) : '…';
      const allowed = allowedValues.map(String);
      return diag(file, 'S004', valueSpan(root, path), { value, allowed: allowed.join(', '), ...didYouMean(value, allowed) });
    }
    case 'minItems':
    case 'minProperties':
      return diag(file, 'S006', keyOrNodeSpan(root, path));
    case 'minLength': {
      const limit = Number(params.limit);
      if (limit <= 1) return diag(file, 'S006', valueSpan(root, path));
      return diag(file, 'S005', valueSpan(root, path), { detail: { zh: `至少 ${limit} 个字`, en: `at least ${limit} characters` } });
    }
    case 'pattern': {
      const pointer = path.split('/').pop() ?? '';
      const what =
        path === '/meta/id'
          ? [
              '政策编号只能用小写字母、数字和 -，且应等于文件名',
              'a policy id uses lower-case letters, digits and - and equals the file name',
            ]
          : pointer === 'id'
            ? ['编号只能用字母、数字、汉字、- 和 _', 'ids use letters, digits, Chinese characters, - and _']
            : pointer === 'code'
              ? ['行政区划代码为 6 位数字', 'a division code has 6 digits']
              : ['应为 YYYY-MM-DD 或符合格式', `must match ${String(params.pattern)}`];
      return diag(file, 'S005', valueSpan(root, path), { detail: { zh: what[0]!, en: what[1]! } });
    }
    case 'minimum':
      return diag(file, 'S005', valueSpan(root, path), {
        detail: { zh: `不小于 ${String(params.limit)}`, en: `at least ${String(params.limit)}` },
      });
    default:
      return diag(file, 'S005', valueSpan(root, path), { detail: { zh: e.message ?? e.keyword, en: e.message ?? e.keyword } });
  }
}

function plainKind(n: LNode): unknown {
  if (n.kind === 'map') return {};
  if (n.kind === 'seq') return [];
  return n.value;
}

function allowedKeys(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}
