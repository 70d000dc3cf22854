// Working-day addition: the precomputed index against the plain day-by-day reference, at N = 3 and
// N = 250. Goals: ≥ 50× faster at N = 250, and the same cost at both N.
import { addWorkingDays, bundledCalendar } from '../../engine/calendar/index.ts';
import { allBundledDates, refAddWorkingDays } from '../engine/calendar/reference.ts';

type Suite = { name: string; run: () => Promise<void> };

// Start dates whose +250 working days stay inside the bundled data (2020 … early 2025).
const starts = allBundledDates().filter((d) => d < '2025-06-01');

/** Nanoseconds per call, the median of several timed rounds. */
function time(f: (start: string) => string, rounds: number, perRound: number): number {
  let sink = 0;
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) sink += f(starts[(i * 7919 + r) % starts.length]!).length;
    samples.push(Number(process.hrtime.bigint() - t0) / perRound);
  }
  if (sink === 42) console.log(''); // keep the work observable
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export const suite: Suite = {
  name: 'calendar: working-day addition (index vs day-by-day reference)',
  run: async () => {
    const cal = bundledCalendar();
    const fast = (n: number) => (s: string) => addWorkingDays(cal, s, n);
    const ref = (n: number) => (s: string) => refAddWorkingDays(s, n);
    // Warm up both paths so the JIT has settled before timing.
    time(fast(3), 3, 20_000);
    time(fast(250), 3, 20_000);
    time(ref(3), 3, 2_000);
    time(ref(250), 3, 200);

    const fast3 = time(fast(3), 9, 50_000);
    const fast250 = time(fast(250), 9, 50_000);
    const ref3 = time(ref(3), 9, 5_000);
    const ref250 = time(ref(250), 9, 300);

    const fmt = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
    console.log(`index      N=3: ${fmt(fast3)}/op   N=250: ${fmt(fast250)}/op`);
    console.log(`reference  N=3: ${fmt(ref3)}/op   N=250: ${fmt(ref250)}/op`);
    const speedup = ref250 / fast250;
    const flat = fast250 / fast3;
    console.log(`speed-up at N=250: ${speedup.toFixed(0)}× (goal ≥ 50×) ${speedup >= 50 ? 'OK' : 'MISSED'}`);
    console.log(`speed-up at N=3:   ${(ref3 / fast3).toFixed(1)}×`);
    console.log(`index cost N=250 / N=3: ${flat.toFixed(2)} (goal ≈ 1: same cost) ${flat < 1.5 ? 'OK' : 'MISSED'}`);
  },
};
