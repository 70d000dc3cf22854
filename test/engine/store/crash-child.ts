// Crash-test child: appends commands to two cases in two towns forever, each taking a contract
// number, and prints "ack <key>" only after the command's transaction has committed. The parent
// test kills it with SIGKILL at an arbitrary moment. Run: node --import tsx crash-child.ts DB RUN
import fs from 'node:fs';
import { openStore } from '../../../engine/store/index.ts';

const [file, runId] = process.argv.slice(2) as [string, string];
let tick = 0;
// The injected clock: strictly increasing, no wall clock needed.
const now = () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000).toISOString();
const store = await openStore(file, { newId: (at) => `CASE-${at.slice(0, 4)}-${runId}-${tick}` });

const towns = ['那丽镇', '大寺镇'];
const ids: string[] = [];
for (const [i, town] of towns.entries()) {
  const rec = await store.createCase({
    policyId: 'qinzhou-2026',
    policyHash: 'h',
    procedure: 'transfer',
    place: { town, village: '村', group: '组' },
    user: 'crash',
    at: now(),
    idempotencyKey: `${runId}-create-${i}`,
    initialEvents: [{ type: 'CaseOpened', payload: { run: runId } }],
    state: { n: 1 },
  });
  ids.push(rec.id);
}
const ack = (key: string) => fs.writeSync(1, `ack ${key}\n`);
ack(`${runId}-ready`);

for (let i = 0; ; i++) {
  const caseId = ids[i % ids.length]!;
  const town = towns[i % towns.length]!;
  const key = `${runId}-k${i}`;
  const current = (await store.getCase(caseId))!;
  await store.runCommand({
    caseId,
    expectedVersion: current.version,
    idempotencyKey: key,
    user: 'crash',
    at: now(),
    command: { i },
    decide: (c, tools) => {
      const number = tools.allocateContractNumber('转让', town, 2026);
      // A fat payload makes each transaction span several pages, so a kill can land mid-write.
      return {
        events: [{ type: 'Signed', payload: { key, town, number: number.text, seq: number.seq, pad: 'x'.repeat(3000 + (i % 7) * 1000) } }],
        state: { n: (c.state as { n: number }).n + 1, last: key },
      };
    },
  });
  ack(key);
}
