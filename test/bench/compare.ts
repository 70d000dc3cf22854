// Populations: the compiled policies against hand-written JS of the same six exit rules (decimal.js,
// the same inputs, the same outputs: eligibility, every refusing rule, the amount in 分), first
// checked equal household by household, then timed on 10^4, 10^5 and 10^6 households in the same
// process (two worker threads, each timing both paths on the same households). Goals: landflow ≤ 2×
// the reference; time per household flat from 10^4 to 10^6 (linear growth); worker threads faster
// than one thread once the run is large.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Decimal } from 'decimal.js';
import { prepareCase } from '../../dsl/expr/index.ts';
import type { CaseData } from '../../dsl/case-model.ts';
import { fastPolicy } from '../../engine/compare/fast-eval.ts';
import { loadCompareEntries } from '../../engine/compare/policies.ts';
import { compilePolicy } from '../../engine/evaluate/compile.ts';
import type { Policy } from '../../dsl/policy-model.ts';
import { generateHousehold, placeTable } from '../../engine/compare/population/generate.ts';
import { parsePopulationSpec, type PopulationSpec } from '../../engine/compare/population/spec.ts';
import { simulate } from '../../engine/compare/simulate.ts';

type Suite = { name: string; run: () => Promise<void> };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IDS = ['qinzhou', 'neijiang', 'liangping', 'pingluo', 'leling', 'model-scheme'];
const SPEC_FILE = `${ROOT}examples/populations/qinzhou-county.yaml`;

// ——— the reference: each pilot's exit rules written by hand from the policy files

interface RefOutcome {
  eligible: boolean;
  failed: string[];
  /** 分, for eligible households only (as the population run computes it). */
  cents: number | null;
}

const R2 = (d: Decimal) => Number(d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2).replace('.', ''));
const DAY = 86_400_000;
const dayOf = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY;

/** What every pilot reads from a household, parsed once (the reference's prepareCase). */
interface Facts {
  consent: boolean;
  listed: boolean;
  exitArea: Decimal;
  totalArea: Decimal;
  mode: string;
  rent: Decimal;
  subsidy: Decimal;
  raw: CaseData;
}

function facts(k: CaseData): Facts {
  const wanted = new Set(k.exit!.parcels);
  let exitArea = new Decimal(0);
  let totalArea = new Decimal(0);
  let n = 0;
  for (const p of k.parcels) {
    const a = new Decimal(p.area);
    totalArea = totalArea.plus(a);
    if (wanted.has(p.name)) {
      exitArea = exitArea.plus(a);
      n++;
    }
  }
  return {
    consent: k.household.members.every((m) => !m.coOwner || m.consents === true),
    listed: n > 0 && n === k.exit!.parcels.length,
    exitArea,
    totalArea,
    mode: k.exit!.mode,
    rent: new Decimal(k.market.rentPerMuYear),
    subsidy: new Decimal(k.market.subsidyPerMuYear),
    raw: k,
  };
}

/** 剩余年限: days from the notice to the contract's end, / 365, minus 0.5 年, truncated to 0.01, at least 0. */
function remainingYears(k: CaseData): Decimal {
  const days = dayOf(k.contract.end) - dayOf(k.exit!.noticeDate!);
  const hundredths = Math.trunc((100 * days - 18250) / 365); // (days / 365 − 0.5) × 100, toward zero
  return new Decimal(Math.max(0, hundredths)).div(100);
}

function base(f: Facts, modes: string[]): string[] {
  const failed: string[] = [];
  if (!modes.includes(f.mode)) failed.push('mode-not-offered');
  if (!f.consent) failed.push('co-owner-consent');
  if (!f.listed) failed.push('parcels-listed');
  return failed;
}

const done = (failed: string[], amount: () => Decimal): RefOutcome => (failed.length ? { eligible: false, failed, cents: null } : { eligible: true, failed, cents: R2(amount()) });

export const REFERENCE: { id: string; evaluate: (f: Facts) => RefOutcome }[] = [
  {
    id: 'qinzhou', // 第十条: (流转费 + 地力补贴) × 30 年; permanent exit only; 第十一条 co-owners
    evaluate: (f) => {
      const failed = base(f, ['permanent']);
      if (f.mode !== 'permanent') failed.push('mode-permanent');
      return done(failed, () => f.exitArea.times(f.rent.plus(f.subsidy).times(30)));
    },
  },
  {
    id: 'neijiang', // 表1: 流转费 × 2 × 30 年
    evaluate: (f) => done(base(f, ['permanent']), () => f.exitArea.times(f.rent.times(2).times(30))),
  },
  {
    id: 'liangping', // 协商价格, capped by the acquisition standard; whole exit needs income and a home; partial ≤ 50%
    evaluate: (f) => {
      const failed = base(f, ['permanent']);
      const h = f.raw.household;
      const whole = f.exitArea.eq(f.totalArea);
      if (whole && h.stableNonFarmIncome !== true) failed.push('whole-stable-income');
      if (whole && h.urbanHome !== true) failed.push('whole-urban-home');
      if (f.exitArea.lt(f.totalArea) && f.exitArea.gt(f.totalArea.times('0.5'))) failed.push('partial-exit-cap');
      return done(failed, () => f.exitArea.times(Decimal.min(new Decimal(f.raw.exit!.negotiatedPricePerMu!), new Decimal(f.raw.market.acquisitionStandardPerMu!))));
    },
  },
  {
    id: 'pingluo', // graded zones 9000 / 8000 / 7000 元/亩; income, social insurance, housing
    evaluate: (f) => {
      const failed = base(f, ['permanent']);
      const h = f.raw.household;
      if (f.mode !== 'permanent') failed.push('mode-permanent');
      if (h.stableNonFarmIncome !== true) failed.push('stable-income');
      if (h.socialInsurance !== true) failed.push('social-insurance');
      if (h.urbanHome !== true) failed.push('housing');
      const zone = f.raw.market.zone ?? '一级';
      return done(failed, () => f.exitArea.times(zone === '三级' ? 7000 : zone === '二级' ? 8000 : 9000));
    },
  },
  {
    id: 'leling', // permanent: (流转费 + 地力补贴) × 30; current term: 流转费 × remaining years
    evaluate: (f) => {
      const failed = base(f, ['permanent', 'currentTerm']);
      if (f.mode !== 'permanent' && f.mode !== 'currentTerm') failed.push('mode-allowed');
      return done(failed, () =>
        f.mode === 'permanent' ? f.exitArea.times(f.rent.plus(f.subsidy).times(30)) : f.exitArea.times(f.rent.times(remainingYears(f.raw))),
      );
    },
  },
  {
    id: 'model-scheme', // custody 0; current term by income share ≥ 50%; permanent ≥ 80% with income and home, 30000 × 1.15 × 1.00 元/亩
    evaluate: (f) => {
      const failed = base(f, ['custody', 'currentTerm', 'permanent']);
      const h = f.raw.household;
      const share = new Decimal(h.nonFarmIncomeShare!);
      if (f.mode === 'currentTerm' && share.lt('0.5')) failed.push('current-term-degree');
      if (f.mode === 'permanent') {
        if (share.lt('0.8')) failed.push('permanent-degree');
        if (h.stableNonFarmIncome !== true) failed.push('permanent-stable-income');
        if (h.urbanHome !== true) failed.push('permanent-urban-home');
      }
      return done(failed, () =>
        f.mode === 'custody' ? new Decimal(0) : f.mode === 'currentTerm' ? f.exitArea.times(f.rent.times(remainingYears(f.raw))) : f.exitArea.times(34500),
      );
    },
  },
];

// ——— one worker's share: both paths on the same households, timed separately

interface Job {
  kind: 'bench-compare';
  spec: string;
  policies: Policy[];
  seed: number;
  from: number;
  to: number;
  /** Odd workers start each range with the reference: with one chunk per worker (10^4) neither path always goes first. */
  flip: boolean;
}
interface Timing {
  gen: number;
  landflow: number;
  reference: number;
  checksum: number;
}

const CHUNK = 5000;
const WARM_UP = 20_000;

function timeRange(spec: PopulationSpec, fast: ReturnType<typeof fastPolicy>[], seed: number, from: number, to: number, flip: boolean): Timing {
  const cum = placeTable(spec);
  const t: Timing = { gen: 0, landflow: 0, reference: 0, checksum: 0 };
  const k = fast.length;
  const a = new Float64Array(CHUNK * k);
  const b = new Float64Array(CHUNK * k);
  for (let lo = from, round = 0; lo < to; lo += CHUNK, round++) {
    const hi = Math.min(to, lo + CHUNK);
    let t0 = performance.now();
    const cases: CaseData[] = [];
    for (let i = lo; i < hi; i++) cases.push(generateHousehold(spec, seed, i, cum).kase);
    t.gen += performance.now() - t0;
    const runLandflow = () => {
      t0 = performance.now();
      for (let i = 0; i < cases.length; i++) {
        const raw = cases[i]!;
        const prepared = prepareCase(raw);
        for (let j = 0; j < k; j++) {
          const r = fast[j]!.evaluate(prepared, raw);
          a[i * k + j] = r.eligible && r.cents !== null ? r.cents : -1 - r.failedMask;
        }
      }
      t.landflow += performance.now() - t0;
    };
    const runReference = () => {
      t0 = performance.now();
      for (let i = 0; i < cases.length; i++) {
        const f = facts(cases[i]!);
        for (let j = 0; j < k; j++) {
          const r = REFERENCE[j]!.evaluate(f);
          b[i * k + j] = r.eligible ? r.cents! : -1 - r.failed.length;
        }
      }
      t.reference += performance.now() - t0;
    };
    // Alternate the order so neither path always runs on a warmer heap.
    if ((round + (flip ? 1 : 0)) % 2 === 0) {
      runLandflow();
      runReference();
    } else {
      runReference();
      runLandflow();
    }
    for (let i = 0; i < cases.length * k; i++) t.checksum += a[i]! >= 0 ? a[i]! : 0;
  }
  return t;
}

function workerMain(job: Job): void {
  const spec = parsePopulationSpec(job.spec, 'qinzhou-county.yaml');
  const fast = job.policies.map((p) => fastPolicy(compilePolicy(p), 'exit', { compensateRefused: false }));
  // Warm the JIT on households outside the timed range: both paths, enough rounds for the optimising
  // compiler to settle on each (a few thousand households left the 10^4 row measuring warm-up).
  timeRange(spec, fast, job.seed + 1, 0, WARM_UP, job.flip);
  parentPort!.postMessage(timeRange(spec, fast, job.seed, job.from, job.to, job.flip));
}

if (!isMainThread && (workerData as Job | undefined)?.kind === 'bench-compare') workerMain(workerData as Job);

function bootstrap(): string {
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
}

async function timeInWorkers(job: Omit<Job, 'from' | 'to' | 'flip'>, n: number, workers: number): Promise<Timing & { wall: number }> {
  const code = bootstrap();
  const t0 = performance.now();
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      new Promise<Timing>((resolve, reject) => {
        const worker = new Worker(code, { eval: true, workerData: { ...job, from: Math.floor((n * w) / workers), to: Math.floor((n * (w + 1)) / workers), flip: w % 2 === 1 } satisfies Job });
        worker.once('message', (m: Timing) => {
          resolve(m);
          void worker.terminate();
        });
        worker.once('error', reject);
      }),
    ),
  );
  const sum = parts.reduce((s, p) => ({ gen: s.gen + p.gen, landflow: s.landflow + p.landflow, reference: s.reference + p.reference, checksum: s.checksum + p.checksum }), { gen: 0, landflow: 0, reference: 0, checksum: 0 });
  return { ...sum, wall: performance.now() - t0 };
}

/** Household by household: the compiled policies and the reference agree on everything. */
function verify(spec: PopulationSpec, fast: ReturnType<typeof fastPolicy>[], n: number): string[] {
  const cum = placeTable(spec);
  const problems: string[] = [];
  for (let i = 0; i < n && problems.length < 5; i++) {
    const raw = generateHousehold(spec, 11, i, cum).kase;
    const prepared = prepareCase(raw);
    const f = facts(raw);
    fast.forEach((p, j) => {
      const got = p.evaluate(prepared, raw);
      const want = REFERENCE[j]!.evaluate(f);
      const failed = p.reasons.filter((_, b) => got.failedMask & (1 << b)).map((r) => r.rule).sort();
      const same = got.eligible === want.eligible && failed.join() === [...want.failed].sort().join() && (want.eligible ? got.cents === want.cents : true);
      if (!same) problems.push(`${p.id} household ${i}: landflow ${JSON.stringify({ e: got.eligible, failed, cents: got.cents })} reference ${JSON.stringify(want)}`);
    });
  }
  return problems;
}

const us = (ms: number, n: number) => `${((ms * 1000) / n).toFixed(1)} µs`;

export const suite: Suite = {
  name: 'compare: populations × six policies (compiled policies vs hand-written decimal.js)',
  run: async () => {
    const entries = loadCompareEntries(IDS.map((id) => `policies/${id}.yaml`), ROOT);
    const specText = readFileSync(SPEC_FILE, 'utf8');
    const spec = parsePopulationSpec(specText, 'qinzhou-county.yaml');
    const fast = entries.map((e) => fastPolicy(e.compiled, 'exit', { compensateRefused: false }));
    if (fast.map((f) => f.id).join() !== REFERENCE.map((r) => r.id).join()) throw new Error('reference and policies out of order');

    const problems = verify(spec, fast, 20_000);
    console.log(`check: 20000 households × 6 policies, landflow = reference ${problems.length === 0 ? 'OK' : 'MISMATCH'}`);
    for (const p of problems) console.log(`  ${p}`);

    const workers = Math.min(2, availableParallelism());
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores (timings shift with other work on the machine)`);
    const job = { kind: 'bench-compare' as const, spec: specText, policies: entries.map((e) => e.policy), seed: 1 };
    const rows: { n: number; t: Timing & { wall: number } }[] = [];
    for (const n of [10_000, 100_000, 1_000_000]) {
      const t = await timeInWorkers(job, n, workers);
      rows.push({ n, t });
      console.log(
        `N=${String(n).padStart(9)}: landflow ${us(t.landflow, n)}/household, reference ${us(t.reference, n)}/household, ` +
          `ratio ${(t.landflow / t.reference).toFixed(2)}× (goal ≤ 2×); generating ${us(t.gen, n)}/household; wall ${(t.wall / 1000).toFixed(1)} s on ${workers} threads`,
      );
    }
    const big = rows[rows.length - 1]!;
    const small = rows[0]!;
    const ratio = big.t.landflow / big.t.reference;
    const growth = big.t.landflow / big.n / (small.t.landflow / small.n);
    // The reference does the same work per household at every N, so its own growth is the machine's
    // (other processes on the two cores); dividing it out leaves landflow's.
    const refGrowth = big.t.reference / big.n / (small.t.reference / small.n);
    console.log(`ratio at 10^6: ${ratio.toFixed(2)}× ${ratio <= 2 ? 'OK' : 'MISSED'}`);
    console.log(
      `time per household 10^6 / 10^4: landflow ${growth.toFixed(2)}, reference ${refGrowth.toFixed(2)}, landflow relative to the reference ${(growth / refGrowth).toFixed(2)} ` +
        `(goal ≈ 1: linear) ${growth / refGrowth < 1.3 ? 'OK' : 'MISSED'}`,
    );

    // simulate() itself, in this thread and on worker threads.
    const n = 100_000;
    let t0 = performance.now();
    const one = await simulate({ spec, entries, n, seed: 1, workers: 1 });
    const tOne = performance.now() - t0;
    t0 = performance.now();
    const many = await simulate({ spec, entries, n, seed: 1, workers });
    const tMany = performance.now() - t0;
    const same = JSON.stringify(one) === JSON.stringify(many);
    console.log(
      `simulate() N=${n}: 1 thread ${(tOne / 1000).toFixed(1)} s, ${workers} workers ${(tMany / 1000).toFixed(1)} s, speed-up ${(tOne / tMany).toFixed(2)}× ${tOne > tMany ? 'OK' : 'MISSED'}; identical results ${same ? 'OK' : 'MISMATCH'}`,
    );
  },
};
