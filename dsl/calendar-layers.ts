// The holiday-calendar layers a policy may name in meta.calendar. Ids only (the data is the
// engine's: engine/calendar/layers/*.json and the national years), so the browser editor and the
// server give the same P628 on the same text; test/engine/calendar/policy-layers.test.ts holds this
// list equal to the layers the engine ships.
export const CALENDAR_LAYER_IDS: readonly string[] = ['national', 'guangxi'];
