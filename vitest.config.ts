import { defineConfig } from 'vitest/config';

// Two tiers. `unit`: the pure core (dsl, legal time, compile, evaluate, votes, the pure workflow
// step, document model and words) — no server, no browser, no child process; `npm run test:unit`
// runs it in about a minute on two idle cores, in threads that share loaded modules between files
// (isolate: false — the pure core keeps no state between tests, so nothing leaks from one to the next). `integration`: everything else (SQLite files, HTTP servers,
// Chromium, CLI processes). `npm test` runs both.
const unit = [
  'test/dsl/**/*.test.ts',
  'test/engine/calendar/**/*.test.ts',
  'test/engine/compile/**/*.test.ts',
  'test/engine/evaluate/**/*.test.ts',
  'test/engine/rules/**/*.test.ts',
  'test/engine/run/**/*.test.ts',
  'test/engine/documents/**/*.test.ts',
];
// Files in those folders that start processes or a browser belong to the integration tier.
const slowNames = '{cli,pdf,pdf-pool,refresh}.test.ts';
const notUnit = [`**/${slowNames}`];
// The product over HTTP (the server, accounts, cases and feeds tests that build their apps through
// test/helpers/test-db.ts) runs a second time on PostgreSQL: `integration-postgres`, with
// LANDFLOW_TEST_BACKEND=postgres. The store's own tests already run per backend
// (test/engine/store/backends.ts); files about SQLite's file or a child process on one stay SQLite-only.
const onBothBackends = [
  'test/engine/server/{api-docs,bad-input,documents,edge-security,openapi-fuzz,other-policies,pagination,policies-time-ui,policy-diff,policy-edit,policy-versions,qinzhou,timing}.test.ts',
  'test/engine/accounts/{fuzz,http,matrix-http,real-app,sessions}.test.ts',
  'test/engine/cases/{service,validation}.test.ts',
  'test/engine/feeds/{http,log}.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Tests that start servers and browsers share two cores: keep files in a small pool.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      { extends: true, test: { name: 'unit', include: unit, exclude: notUnit, isolate: false, pool: 'threads' } },
      // One throwaway PostgreSQL cluster per run for the PostgreSQL store's tests (each takes its own database).
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: unit, globalSetup: ['test/helpers/postgres-cluster.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration-postgres',
          include: onBothBackends,
          env: { LANDFLOW_TEST_BACKEND: 'postgres' },
          globalSetup: ['test/helpers/postgres-cluster.ts'],
        },
      },
      { extends: true, test: { name: 'integration-core', include: unit.map((u) => u.replace('*.test.ts', slowNames)) } },
    ],
  },
});
