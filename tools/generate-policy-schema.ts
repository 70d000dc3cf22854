// Rewrites dsl/policy.schema.json's step kind enum from the step registry (dsl/steps/).
// Run after adding a step kind: npx tsx tools/generate-policy-schema.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policySchemaText } from '../dsl/steps/schema-text.ts';

const file = join(import.meta.dirname, '..', 'dsl', 'policy.schema.json');
const before = readFileSync(file, 'utf8');
const after = policySchemaText(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? 'dsl/policy.schema.json is up to date\n' : 'dsl/policy.schema.json updated\n');
