// Comparing pilots: the parameter table, one household through every policy (with timelines),
// synthetic populations, sweeps and charts. The CLI (compare, simulate) and the server
// (routes.ts) are thin edges over these.
export { compareCase, type CaseComparison, type CompareCaseInput, type CalendarSource } from './case.ts';
export { sweepCase, type CaseSweep } from './case-sweep.ts';
export { caseChart, caseSweepChart, distributionChart, populationSweepChart, type ChartSize } from './charts.ts';
export { centsToYuan, fastPolicy, MODE_NOT_OFFERED, type FastOutcome, type FastPolicy, type ReasonDecl } from './fast-eval.ts';
export { formatCase, formatCaseSweep, formatPopulationSweep, formatSimulation, formatTable } from './format.ts';
export { bundledPopulations, CompareInputError, progressBar, readCase, readPopulation, writeChart } from './io.ts';
export { compareParameters, type Cell, type ParameterTable, type TableRow } from './parameters.ts';
export { ComparePolicyError, loadCompareEntries, withOverrides, type CompareEntry, type ParamOverride } from './policies.ts';
export { generateHousehold } from './population/generate.ts';
export { parsePopulationSpec, PopulationSpecError, type PopulationSpec } from './population/spec.ts';
export { referenceCase, referenceNote } from './reference.ts';
export { registerCompareRoutes, type ComparePolicySource, type CompareRoutesOptions } from './routes.ts';
export { simulate, simulateSweep, type PopulationSweep, type SimulateOptions, type SimulationResult } from './simulate.ts';
export { parseSweep, SweepError, type Sweep } from './sweep.ts';
export { planTimeline, TimelineError, type PlanTimelineInput, type Timeline, type TimelineEntry } from './timeline.ts';
export { VOCABULARY, type VocabularyRow } from './vocabulary.ts';
