// The step kind enum and the named periods of dsl/policy.schema.json come from the registry: the
// schema stays a plain JSON file (editors load it), tools/generate-policy-schema.ts rewrites it,
// and a test fails when the file on disk is stale.
import { periodRolesOf, STEP_KINDS } from './index.ts';

interface SchemaWithSteps {
  $defs: { step: { properties: Record<string, unknown> & { kind: { enum: string[] } } } };
}

/** `periods:` takes the roles some kind declares (the checker holds each step to its own kind's). */
function periodsSchema(): Record<string, unknown> {
  const roles = STEP_KINDS.flatMap((k) =>
    Object.entries(periodRolesOf(k)).map(([role, d]) => [
      role,
      { type: 'string', description: `${d.label.zh}的期间参数名（${k}） / name of the period parameter for ${d.label.en} (${k})` },
    ]),
  );
  return {
    type: 'object',
    description:
      "种类规定的其他期间（两个审查主体各自的期限、公示的异议期）：名称 → 期间参数名 / the other periods of a kind (one deadline per reviewing body, a public notice's objection window): role → name of the period parameter",
    properties: Object.fromEntries(roles),
    additionalProperties: false,
  };
}

/** The schema text with its step kind enum and `periods` set from the registry (2-space JSON, final newline). */
export function policySchemaText(currentText: string): string {
  const schema = JSON.parse(currentText) as SchemaWithSteps;
  const step = schema.$defs.step;
  step.properties.kind.enum = [...STEP_KINDS];
  // `periods` right after `period`, the step's other periods.
  const { periods: _old, ...rest } = step.properties;
  step.properties = Object.fromEntries(
    Object.entries(rest).flatMap(([k, v]) =>
      k === 'period'
        ? [
            [k, v],
            ['periods', periodsSchema()],
          ]
        : [[k, v]],
    ),
  ) as SchemaWithSteps['$defs']['step']['properties'];
  return JSON.stringify(schema, null, 2) + '\n';
}
