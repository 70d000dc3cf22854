// The PostgreSQL backup path docs/database.md gives: pg_dump of a live store, pg_restore into a
// fresh database, then verify with the same audit key (and the checkpoint taken before the dump).
// The dump carries the append-only triggers and their function unchanged, so the restored
// database verifies as the original did; a dump restored without its key cannot be verified.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../../engine/store/index.ts';
import { PG_BIN } from '../../helpers/postgres-cluster.ts';
import { pgTestDatabase, type PgTestDatabase } from '../../helpers/postgres.ts';
import { at, createInput, reduce, sequentialIds, tempDir } from './helpers.ts';

let dbs: PgTestDatabase[] = [];
let dir: string;
const opened: Store[] = [];

beforeEach(() => {
  dir = tempDir();
});

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dbs.splice(0)) await d.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a pg_dump restored into a new database verifies with the same key and still holds the checkpoint', async () => {
  const [live, restored] = [await pgTestDatabase(), await pgTestDatabase()];
  dbs = [live, restored];
  const keyFile = path.join(dir, 'landflow.key');
  const s = await openStore(live.url, { keyFile, newId: sequentialIds() });
  opened.push(s);
  for (let i = 0; i < 3; i++) await s.createCase(createInput({ idempotencyKey: `c${i}` }));
  await s.runCommand({
    caseId: 'C2',
    expectedVersion: 1,
    idempotencyKey: 'sign',
    user: 'clerk1',
    at: at(2),
    decide: (cur, tools) => {
      const n = tools.allocateContractNumber('退出', '那丽镇', 2026);
      return { events: [{ type: 'Moved', payload: { step: 'signed', number: n.text } }], state: { step: 'signed', count: 2 } };
    },
  });
  await s.recordSecurityEvent({ type: 'login', actor: 'clerk1', at: at(2) });
  const checkpoint = await s.checkpoint(at(3));

  const dump = path.join(dir, 'landflow.dump');
  execFileSync(path.join(PG_BIN, 'pg_dump'), ['--format=custom', '--file', dump, '--dbname', live.url]);
  execFileSync(path.join(PG_BIN, 'pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', restored.url, dump]);

  const copy = await openStore(restored.url, { readonly: true, keyFile });
  opened.push(copy);
  const v = await copy.verifyAll({ reduce, against: checkpoint });
  expect(v.problems).toEqual([]);
  expect(v.schemaProblems).toEqual([]);
  expect(v.chainProblems).toEqual([]);
  expect(v).toMatchObject({ ok: true, mac: 'verified', cases: 3, events: 4, contractNumbers: 1, securityEvents: 1 });
  expect(v.auditHead).toEqual({ seq: checkpoint.globalSeq, mac: checkpoint.lastMac });
  expect(v.heads).toEqual((await s.verifyAll()).heads);

  const noKey = await openStore(restored.url, { readonly: true, keyFile: null });
  opened.push(noKey);
  expect(await noKey.verifyAll()).toMatchObject({ ok: false, mac: 'noKey' });
  expect(await noKey.verifyAll({ allowNoKey: true })).toMatchObject({ ok: true, mac: 'noKey' });
});
