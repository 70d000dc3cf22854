// The located YAML tree → the Policy model, one section at a time (one module per section of the
// format: docs/policy-format.md). Defensive: a malformed part (already reported by the schema) is
// skipped, never thrown on, so that later phases still check the rest. Besides the Policy it
// records where each field came from (SpanTable), every expression and citation site, and what
// reading each parameter established, so checks can point at the exact token without ever writing
// into the Policy.
import type { Parameter, Policy } from '../policy-model.ts';
import { child, type LNode } from '../yaml.ts';
import { Reader, type CiteSite, type ExprSite, type SpanTable } from './reader.ts';
import { buildMeta } from './meta.ts';
import { buildArticles } from './articles.ts';
import { buildParameters, type ParameterFacts } from './parameters.ts';
import { buildProcedures } from './procedures.ts';
import { buildForms } from './forms.ts';
import { buildExamples } from './examples.ts';
import { buildWaivers } from './waivers.ts';

export interface Built {
  policy: Policy;
  spans: SpanTable;
  exprs: ExprSite[];
  cites: CiteSite[];
  /** What reading each parameter established (its type, declared unit, a period that did not read). */
  parameterFacts: Map<Parameter, ParameterFacts>;
}

export function buildPolicy(root: LNode, file: string, hash: string): Built {
  const r = new Reader();
  const meta = buildMeta(r, child(root, 'meta'));
  const articles = buildArticles(child(root, 'articles'));
  const { parameters, facts } = buildParameters(r, child(root, 'parameters'));
  const procedures = buildProcedures(r, child(root, 'procedures'));
  const forms = buildForms(r, child(root, 'forms'));
  const examples = buildExamples(r, child(root, 'examples'));
  const waivers = buildWaivers(r, child(root, 'waivers'));
  const policy: Policy = { meta, articles, parameters, procedures, forms, examples, waivers, hash, file };
  return { policy, spans: r.spans, exprs: r.exprs, cites: r.cites, parameterFacts: facts };
}
