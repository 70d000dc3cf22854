// Writes engine/store/payload-dictionary-1.txt: the preset dictionary (RFC 1950 FDICT, used with raw
// DEFLATE) that events' payloads are deflated with (engine/store/packing.ts, migration 14). It is the
// payloads, in seq order, of cases of a made-up household (not the one in examples/ the tests and
// benches run) through the bundled 钦州 policy: the keys, message codes and citations every case's
// events repeat. Run once; a database stores the dictionary it was written with and never changes
// it, so a new dictionary is a new number and a new migration, never an edit of this file's output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledCalendar } from '../engine/calendar/index.ts';
import { fixedClock } from '../engine/cases/clock.ts';
import { CaseService } from '../engine/cases/service.ts';
import { openStore } from '../engine/store/index.ts';
import { household, policies } from '../test/engine/run/fixtures.ts';

const other = () =>
  household((c) => {
    const h = c.household!;
    h.head = { name: '陆某生', idNumber: '450721197102083317' };
    h.members = [
      { name: '陆某生', idNumber: '450721197102083317', relation: '户主', coOwner: true, consents: true },
      { name: '覃某兰', idNumber: '450721197409115520', relation: '配偶', coOwner: true, consents: true },
    ];
    h.collective = { town: '灵山县某镇', village: '某屯村', group: '第一村民小组' };
    h.nonFarmIncomeShare = '0.72';
    c.contract = { number: '4507212021000456', start: '1999-01-01', end: '2028-12-31' };
    c.parcels = [
      {
        name: '塘边田',
        landClass: '水田',
        isArable: true,
        area: '0.85',
        bounds: { east: '覃某田', south: '鱼塘', west: '机耕路', north: '陆某地' },
        contractNo: '4507212021000456',
        certificateNo: '450721202100456J',
      },
    ];
    c.exit = { ...c.exit!, parcels: ['塘边田'], negotiatedPricePerMu: '12500', noticeDate: '2026-03-02' };
    c.transfer = { ...c.transfer!, parcels: ['塘边田'], pricePerMu: '18000' };
  });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landflow-dict-'));
const store = await openStore(path.join(dir, 'dict.db'));
const clock = fixedClock('2026-03-02T10:00:00+08:00');
const cases = new CaseService({ store, policies: policies(), clock, calendarFor: () => bundledCalendar(), readCache: false });
const user = { id: 'clerk-7' };
const texts: string[] = [];
try {
  const t = await cases.open({ policy: 'qinzhou', procedure: 'transfer', case: other(), user });
  for (const e of await store.getEvents(t.id)) texts.push(JSON.stringify(e.payload));
  let c = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: other(), user });
  for (const [day, type, payload] of [
    ['2026-03-02', 'receiveWrittenNotice', {}],
    ['2026-09-03', 'recordNegotiation', { agreed: true }],
    ['2026-09-10', 'recordVote', { body: '户主会议', entitled: 41, present: 36, yes: 30, no: 4, abstain: 2 }],
    ['2026-09-21', 'signContract', { paymentDue: '2026-10-30' }],
    ['2026-09-22', 'cancelContractAndCertificate', {}],
    ['2026-10-12', 'recordPayment', { amount: '10625.00' }],
    ['2026-10-12', 'fileWithTown', {}],
    ['2026-10-13', 'recordRegistration', {}],
  ] as const) {
    clock.set(`${day}T10:00:00+08:00`);
    c = (await cases.command({ caseId: c.id, type, payload, expectedVersion: c.version, user })).case;
  }
  for (const e of await store.getEvents(c.id)) texts.push(JSON.stringify(e.payload));
} finally {
  cases.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
// DEFLATE looks back 32 kB at most; the end of the dictionary is the cheapest to refer to.
const body = texts.join('\n');
const out = new URL('../engine/store/payload-dictionary-1.txt', import.meta.url);
fs.writeFileSync(out, body.length > 32_000 ? body.slice(body.length - 32_000) : body);
console.log(`${out.pathname}: ${Buffer.byteLength(body)} bytes`);
