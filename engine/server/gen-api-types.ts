// `npm run gen:api-types`: the OpenAPI document of the server as `landflow serve` builds it (the
// accounts layer included), on a throw-away database, written out as ui/src/api-types.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerAuth } from '../accounts/index.ts';
import { fixedClock } from '../cases/clock.ts';
import { PolicyRegistry } from '../cases/policies.ts';
import { openStore } from '../store/index.ts';
import { apiTypes, type OpenApiDocument } from './api-types.ts';
import { buildApp } from './app.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const API_TYPES_FILE = path.join(ROOT, 'ui/src/api-types.ts');

/** The document: it depends on the routes only, not on the policies or the data. */
export async function openApiDocument(): Promise<OpenApiDocument> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-openapi-'));
  const store = await openStore(path.join(dir, 'landflow.db'));
  const clock = fixedClock('2026-01-01T00:00:00+08:00');
  try {
    const app = await buildApp({
      store,
      policies: new PolicyRegistry(),
      clock,
      uiDir: null,
      requestLimits: false,
      auth: (a) => registerAuth(a, { store, clock }),
    });
    try {
      await app.ready();
      return app.swagger() as unknown as OpenApiDocument;
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function apiTypesText(): Promise<string> {
  return apiTypes(await openApiDocument(), 'GET /api/openapi.json');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(API_TYPES_FILE, await apiTypesText());
  process.stdout.write(`${path.relative(process.cwd(), API_TYPES_FILE)}\n`);
}
