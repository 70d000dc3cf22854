// Evaluation of checked policies: compile once, evaluate many cases. Pure (no Node APIs).
export { compilePolicy, type CompiledPolicy } from './compile.ts';
export {
  evaluate,
  EvaluateError,
  type Evaluation,
  type EvaluateInput,
  type FailedRule,
  type TraceEntry,
  type VoteOutcome,
} from './evaluate.ts';
export { runExample, runExamples, exampleDiagnostics, type ExampleResult, type Mismatch, type ReadCase } from './examples.ts';
