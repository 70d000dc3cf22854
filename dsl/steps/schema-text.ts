// The step kind enum of dsl/policy.schema.json comes from the registry: the schema stays a plain
// JSON file (editors load it), tools/generate-policy-schema.ts rewrites it, and a test fails when the
// file on disk is stale.
import { STEP_KINDS } from './index.ts';

interface SchemaWithSteps {
  $defs: { step: { properties: { kind: { enum: string[] } } } };
}

/** The schema text with its step kind enum set from the registry (2-space JSON, final newline). */
export function policySchemaText(currentText: string): string {
  const schema = JSON.parse(currentText) as SchemaWithSteps;
  schema.$defs.step.properties.kind.enum = [...STEP_KINDS];
  return JSON.stringify(schema, null, 2) + '\n';
}
