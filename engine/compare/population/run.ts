// Households from..to of a population through every policy: generate, prepare once, evaluate with
// the compiled policies (fast-eval.ts), keep per-household outcomes in typed arrays. The same code
// runs in the main thread and in workers; the arrays are merged in household order, so results do
// not depend on how the range was split.
import { prepareCase } from '../../../dsl/expr/index.ts';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import type { CompiledPolicy } from '../../evaluate/compile.ts';
import { fastPolicy, type FastPolicy, type ReasonDecl } from '../fast-eval.ts';
import { generateHousehold, placeTable } from './generate.ts';
import type { PopulationSpec } from './spec.ts';

export const PAYER_CODES = { group: 0, village: 1, county: 2 } as const;
export const PAYER_NAMES = ['group', 'village', 'county'] as const;

/** A value every household gets at a case path, e.g. market.rentPerMuYear = "500" (a sweep point). */
export interface CaseOverride {
  path: string; // English keys, dotted
  value: string | number | boolean;
}

export interface ChunkResult {
  from: number;
  to: number;
  /** PAYER_CODES of each household's exit.payer. */
  payer: Uint8Array;
  /** Index of the household's place in spec.places. */
  place: Uint16Array;
  perPolicy: {
    eligible: Uint8Array;
    failedMask: Int32Array;
    /** Compensation in 分 for eligible households; NaN when refused or not computable. */
    cents: Float64Array;
  }[];
}

/** Sets a dotted path in a case, creating records on the way (lists by numeric index). */
export function setCasePath(kase: CaseData, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = kase as unknown as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]!;
    let next = cur[k];
    if (next === undefined || next === null || typeof next !== 'object') {
      next = {};
      cur[k] = next;
    }
    cur = next as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

export interface PopulationRunner {
  policies: FastPolicy[];
  reasons: ReasonDecl[][];
  run(from: number, to: number, onProgress?: (done: number) => void): ChunkResult;
}

export function populationRunner(
  spec: PopulationSpec,
  seed: number,
  compiled: CompiledPolicy[],
  options: { procedure?: ProcedureKind; overrides?: CaseOverride[] } = {},
): PopulationRunner {
  const procedure = options.procedure ?? 'exit';
  const policies = compiled.map((c) => fastPolicy(c, procedure, { compensateRefused: false }));
  const cum = placeTable(spec);
  const overrides = options.overrides ?? [];
  return {
    policies,
    reasons: policies.map((p) => p.reasons),
    run(from, to, onProgress) {
      const n = to - from;
      const payer = new Uint8Array(n);
      const place = new Uint16Array(n);
      const perPolicy = policies.map(() => ({ eligible: new Uint8Array(n), failedMask: new Int32Array(n), cents: new Float64Array(n) }));
      for (let i = 0; i < n; i++) {
        const h = generateHousehold(spec, seed, from + i, cum);
        const raw = h.kase;
        for (const o of overrides) setCasePath(raw, o.path, o.value);
        payer[i] = PAYER_CODES[raw.exit!.payer] ?? 0;
        place[i] = h.place;
        // Prepared once for every policy: what depends on the case alone is computed once.
        const prepared = prepareCase(raw);
        for (let j = 0; j < policies.length; j++) {
          const r = policies[j]!.evaluate(prepared, raw);
          const out = perPolicy[j]!;
          out.eligible[i] = r.eligible ? 1 : 0;
          out.failedMask[i] = r.failedMask;
          out.cents[i] = r.eligible && r.cents !== null ? r.cents : NaN;
        }
        if (onProgress && (i & 1023) === 1023) onProgress(i + 1);
      }
      onProgress?.(n);
      return { from, to, payer, place, perPolicy };
    },
  };
}
