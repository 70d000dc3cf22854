// The engine's own types against the API's, generated from the response schemas
// (engine/server/responses.ts → `npm run gen:api-types` → ui/src/api-types.ts): what a route sends
// is an engine value, so each engine type must be assignable to the schema's. `npm run typecheck`
// (run by .ci/run) fails here when a field is added, renamed or retyped on one side only.
import type * as Api from '../../ui/src/api-types.ts';
import type { CaseSummary, CaseView, EventView, OfferedCommand, Task } from '../../engine/cases/service.ts';
import type { DeadlineEntry } from '../../engine/run/views.ts';
import type { Workflow } from '../../engine/compile/workflow.ts';
import type { Evaluation, FailedRule } from '../../engine/evaluate/evaluate.ts';
import type { ParameterTable } from '../../engine/compare/parameters.ts';
import type { CaseComparison } from '../../engine/compare/case.ts';
import type { CaseSweep } from '../../engine/compare/case-sweep.ts';
import type { PopulationSweep, SimulationResult } from '../../engine/compare/simulate.ts';
import type { PrintedDiagnostic } from '../../dsl/diagnostics.ts';
import type { Text } from '../../dsl/message.ts';
import type { Place } from '../../engine/store/types.ts';
import type { ErrorBody } from '../../engine/server/errors.ts';

/** A value as JSON.stringify writes it: an undefined member or argument is left out. */
type Json<T> = T extends string | number | boolean | null
  ? T
  : T extends undefined
    ? never
    : T extends readonly (infer U)[]
      ? Json<U>[]
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : never;

/** Compiles only when `Engine` is assignable to `Schema`. */
type Fits<Engine extends Schema, Schema> = Engine;

export type Agreements = [
  Fits<Json<Text>, Api.Text>,
  Fits<Json<Place>, Api.Place>,
  Fits<Json<PrintedDiagnostic>, Api.Diagnostic>,
  Fits<Json<ErrorBody>, Api.ErrorBody>,
  Fits<Json<FailedRule>, Api.FailedRule>,
  Fits<Json<CaseView>, Api.CaseView>,
  Fits<Json<CaseSummary>, Api.CaseSummary>,
  Fits<Json<EventView>, Api.CaseEvent>,
  Fits<Json<DeadlineEntry>, Api.Deadline>,
  Fits<Json<Task>, Api.Task>,
  Fits<Json<OfferedCommand>, Api.AllowedCommand>,
  Fits<Json<Workflow>, Api.Workflow>,
  Fits<Json<Evaluation>, Api.Evaluation>,
  Fits<Json<ParameterTable>, Api.ParameterTable>,
  Fits<Json<CaseComparison>, Api.CaseComparison>,
  Fits<Json<CaseSweep>, Api.CaseSweep>,
  Fits<Json<SimulationResult>, Api.SimulationResult>,
  Fits<Json<PopulationSweep>, Api.PopulationSweep>,
];
