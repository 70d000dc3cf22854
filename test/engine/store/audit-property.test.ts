// Property: whatever history a store has, it verifies as written; and deleting any one sealed row
// (or a whole case with everything of it) through a raw connection, triggers put back afterwards,
// is always found by the audit chain — never "ok".
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../engine/store/index.ts';
import { at, createInput, reduce, tempDir } from './helpers.ts';

type Op = { op: 'open'; town: number } | { op: 'move'; pick: number; contract: boolean } | { op: 'login'; actor: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('open' as const), town: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('move' as const), pick: fc.nat(), contract: fc.boolean() }),
  fc.record({ op: fc.constant('login' as const), actor: fc.integer({ min: 0, max: 3 }) }),
);

const TOWNS = ['那丽镇', '大寺镇', '康熙岭镇'];
let dir: string;
let n = 0;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function build(ops: Op[]): Promise<string> {
  const file = path.join(dir, `p${++n}.db`);
  let ids = 0;
  const s: Store = await openStore(file, { newId: () => `C${++ids}` });
  try {
    await s.createCase(createInput({ idempotencyKey: 'first' }));
    for (const [i, o] of ops.entries()) {
      switch (o.op) {
        case 'open':
          await s.createCase(createInput({ idempotencyKey: `open-${i}`, place: { town: TOWNS[o.town]!, village: '村', group: '组' } }));
          break;
        case 'move': {
          const c = (await s.listCases({ limit: 1000 }))[o.pick % (await s.countCases())]!;
          await s.runCommand({
            caseId: c.id,
            expectedVersion: c.version,
            idempotencyKey: `move-${i}`,
            user: 'clerk',
            at: at(2),
            command: i,
            decide: (cur, t) => {
              const num = o.contract ? t.allocateContractNumber('转让', cur.place.town, 2026).text : undefined;
              return {
                events: [{ type: 'Moved', payload: { step: `s${i}`, ...(num ? { num } : {}) } }],
                state: { step: `s${i}`, count: (cur.state as { count: number }).count + 1 },
              };
            },
          });
          break;
        }
        case 'login':
          await s.recordSecurityEvent({ type: 'login', actor: `u${o.actor}`, at: at(3) });
          break;
      }
    }
  } finally {
    await s.close();
  }
  return file;
}

async function verify(file: string) {
  const s = await openStore(file, { readonly: true });
  try {
    return s.verifyAll({ reduce });
  } finally {
    await s.close();
  }
}

/** Every sealed row, as a DELETE that removes exactly it (a case: with all that belongs to it). */
function deletions(file: string): string[][] {
  const db = new Database(file, { readonly: true });
  try {
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const out: string[][] = [];
    for (const id of db.prepare('SELECT id FROM cases').pluck().all() as string[]) {
      out.push(
        ['events', 'contract_numbers', 'commands']
          .map((t) => `DELETE FROM ${t} WHERE case_id = ${q(id)}`)
          .concat(`DELETE FROM cases WHERE id = ${q(id)}`),
      );
    }
    for (const e of db.prepare('SELECT case_id, seq FROM events').all() as { case_id: string; seq: number }[]) {
      out.push([`DELETE FROM events WHERE case_id = ${q(e.case_id)} AND seq = ${e.seq}`]);
    }
    for (const c of db.prepare('SELECT town, seq FROM contract_numbers').all() as { town: string; seq: number }[]) {
      out.push([`DELETE FROM contract_numbers WHERE town = ${q(c.town)} AND seq = ${c.seq}`]);
    }
    for (const id of db.prepare('SELECT id FROM security_events').pluck().all() as number[])
      out.push([`DELETE FROM security_events WHERE id = ${id}`]);
    return out;
  } finally {
    db.close();
  }
}

function tamper(file: string, statements: string[]): void {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  for (const s of statements) db.exec(s);
  for (const t of triggers) db.exec(t.sql);
  db.close();
}

describe('the audit chain, over random histories', () => {
  it('a history verifies as written, and any one sealed row (or whole case) deleted is found', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 12 }), fc.nat(), async (ops, pick) => {
        const file = await build(ops);
        const clean = await verify(file);
        expect(clean).toMatchObject({ ok: true, problems: [], chainProblems: [], mac: 'verified' });
        const all = deletions(file);
        tamper(file, all[pick % all.length]!);
        const r = await verify(file);
        expect(r.ok).toBe(false);
        expect(r.chainProblems.length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});
