// A synthetic population, written as YAML (examples/populations/*.yaml): places with their market
// inputs and weights, and distributions of household size, head's age, hukou, non-farm income
// share, parcels and what each household asks for. Checked here, with every problem reported as
// file:line:column and the field path; never a stack trace.
import { LineCounter, isMap, isSeq, parseDocument, type Node as YNode } from 'yaml';
import { PAYER_PARTIES, RATE_BOUNDS, SUBSIDY_BOUNDS, type DecimalBounds } from '../../../dsl/case-schema.ts';
import { enumValuesAt } from '../../../dsl/case-paths.ts';
import type { ExitRequest, Household, Parcel } from '../../../dsl/case-model.ts';
import { compileDist, constantSampler, type FieldKind, type Sampler, type Scalar, type SpecIssue } from './distributions.ts';
import { renderBoth, TextError } from '../../../dsl/messages.ts';
import { lines, msg, type Message } from '../../../dsl/message.ts';
import { isJsonObject } from '../../../dsl/json-text.ts';

// The values a household may draw are the case model's own (dsl/case-schema.ts), in its order: a
// value's code in the columns is its index here. test/dsl/case-model.test.ts keeps the TS types
// these lists are read as equal to the schema's enums.
export const HUKOU = enumValuesAt('household.hukou') as readonly Household['hukou'][];
export const LAND_CLASSES = enumValuesAt('parcels.0.landClass') as readonly Parcel['landClass'][];
export const EXIT_MODES = enumValuesAt('exit.mode') as readonly ExitRequest['mode'][];
export const PAYERS = PAYER_PARTIES;
export const ZONES = ['一级', '二级', '三级'] as const;

export interface PlaceSpec {
  town: string;
  weight: number;
  villages: number;
  groups: number;
  market: Record<MarketField, Sampler | undefined>;
}

export type MarketField = 'rentPerMuYear' | 'subsidyPerMuYear' | 'acquisitionStandardPerMu' | 'landPricePerMu' | 'zone';
export type HouseholdField =
  'size' | 'headAge' | 'hukou' | 'nonFarmIncomeShare' | 'stableNonFarmIncome' | 'urbanHome' | 'socialInsurance' | 'coOwnersConsent';
export type ParcelField = 'count' | 'area' | 'landClass' | 'isArable';
export type ContractField = 'start' | 'end';
export type ExitField = 'whole' | 'mode' | 'payer' | 'noticeDate' | 'negotiatedPricePerMu';

/** A checked population spec: plain metadata plus compiled samplers. */
export interface PopulationSpec {
  id: string;
  name: string;
  note?: string;
  /** Defaults for --seed and --n. */
  seed: number;
  households: number;
  year: number;
  places: PlaceSpec[];
  household: Record<HouseholdField, Sampler>;
  parcels: Record<ParcelField, Sampler>;
  contract: Record<ContractField, Sampler>;
  exit: Record<ExitField, Sampler | undefined>;
  /** The spec as written (workers re-parse it: samplers are closures and cannot be posted). */
  source: string;
  file: string;
}

interface FieldDecl {
  kind: FieldKind;
  required: boolean;
  default?: unknown;
  /** The field's name, said in the reader's language (population.field.*). */
  label: Message;
}

// A drawn price must make a valid case file: the case's own bounds (dsl/case-schema.ts).
const within = (b: DecimalBounds) => ({ min: b.exclusiveMin ? Number(b.min) + 10 ** -b.places : Number(b.min), max: Number(b.max) });
const money = (label: Message, required: boolean, bounds = RATE_BOUNDS): FieldDecl => ({
  kind: { kind: 'number', ...within(bounds) },
  required,
  label,
});

const MARKET: Record<MarketField, FieldDecl> = {
  rentPerMuYear: money(msg('population.field.rentPerMuYear'), true),
  subsidyPerMuYear: money(msg('population.field.subsidyPerMuYear'), true, SUBSIDY_BOUNDS),
  acquisitionStandardPerMu: money(msg('population.field.acquisitionStandardPerMu'), false),
  landPricePerMu: money(msg('population.field.landPricePerMu'), false),
  zone: { kind: { kind: 'enum', values: ZONES }, required: false, label: msg('population.field.zone') },
};

const HOUSEHOLD: Record<HouseholdField, FieldDecl> = {
  size: { kind: { kind: 'number', integer: true, min: 1, max: 20 }, required: true, label: msg('population.field.size') },
  headAge: { kind: { kind: 'number', integer: true, min: 16, max: 110 }, required: true, label: msg('population.field.headAge') },
  hukou: { kind: { kind: 'enum', values: HUKOU }, required: true, label: msg('population.field.hukou') },
  nonFarmIncomeShare: { kind: { kind: 'number', min: 0, max: 1 }, required: true, label: msg('population.field.nonFarmIncomeShare') },
  stableNonFarmIncome: { kind: { kind: 'bool' }, required: true, label: msg('population.field.stableNonFarmIncome') },
  urbanHome: { kind: { kind: 'bool' }, required: true, label: msg('population.field.urbanHome') },
  socialInsurance: { kind: { kind: 'bool' }, required: true, label: msg('population.field.socialInsurance') },
  coOwnersConsent: { kind: { kind: 'bool' }, required: false, default: true, label: msg('population.field.coOwnersConsent') },
};

const PARCELS: Record<ParcelField, FieldDecl> = {
  count: { kind: { kind: 'number', integer: true, min: 1, max: 50 }, required: true, label: msg('population.field.count') },
  area: { kind: { kind: 'number', min: 0.01, max: 1000 }, required: true, label: msg('population.field.area') },
  landClass: { kind: { kind: 'enum', values: LAND_CLASSES }, required: true, label: msg('population.field.landClass') },
  isArable: { kind: { kind: 'bool' }, required: false, default: true, label: msg('population.field.isArable') },
};

const CONTRACT: Record<ContractField, FieldDecl> = {
  start: { kind: { kind: 'date' }, required: false, default: '1998-01-01', label: msg('population.field.start') },
  end: { kind: { kind: 'date' }, required: true, label: msg('population.field.end') },
};

const EXIT: Record<ExitField, FieldDecl> = {
  whole: { kind: { kind: 'bool' }, required: true, label: msg('population.field.whole') },
  mode: { kind: { kind: 'enum', values: EXIT_MODES }, required: true, label: msg('population.field.mode') },
  payer: { kind: { kind: 'enum', values: PAYERS }, required: true, label: msg('population.field.payer') },
  noticeDate: { kind: { kind: 'date' }, required: true, label: msg('population.field.noticeDate') },
  negotiatedPricePerMu: money(msg('population.field.negotiatedPricePerMu'), false),
};

const TOP_KEYS = ['population', 'id', 'name', 'note', 'seed', 'households', 'year', 'places', 'household', 'parcels', 'contract', 'exit'];
const PLACE_KEYS = ['town', 'weight', 'villages', 'groups', 'market'];
const PLACE_SHAPE = `{ ${PLACE_KEYS.join(', ')} }`;

/** One problem of a spec: where (file:line:column), the field path when there is one, and what. */
function specProblem(at: string, path: (string | number)[], problem: string | Message): Message {
  return msg('population.specProblem', { at, path: path.join('.') || undefined, problem });
}

export class PopulationSpecError extends TextError {
  override name = 'PopulationSpecError';
  /** Each problem as the line the command line prints (population.specProblem in both languages). */
  readonly issues: string[];
  constructor(readonly problems: readonly Message[]) {
    super(lines(problems));
    this.issues = problems.map(renderBoth);
  }
}

function section<F extends string>(
  raw: unknown,
  decls: Record<F, FieldDecl>,
  issues: SpecIssue[],
  path: (string | number)[],
): Record<F, Sampler | undefined> {
  const out = {} as Record<F, Sampler | undefined>;
  if (!isJsonObject(raw)) {
    issues.push({ path, message: msg('population.mapping', { shape: `{ ${Object.keys(decls).join(', ')} }` }) });
    return out;
  }
  for (const k of Object.keys(raw)) {
    if (!(k in decls))
      issues.push({ path: [...path, k], message: msg('population.unknownField', { field: k, allowed: Object.keys(decls).join(', ') }) });
  }
  for (const [k, d] of Object.entries(decls) as [F, FieldDecl][]) {
    if (raw[k] === undefined) {
      if (d.required) issues.push({ path: [...path, k], message: msg('population.missingField', { field: k, label: d.label }) });
      else if (d.default !== undefined) out[k] = constantSampler(d.default as Scalar, d.kind);
      continue;
    }
    out[k] = compileDist(raw[k], d.kind, issues, [...path, k]) ?? undefined;
  }
  return out;
}

function positiveInt(v: unknown, issues: SpecIssue[], path: (string | number)[], what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
    issues.push({ path, message: msg('population.wholeNumber', { field: what, max, value: JSON.stringify(v) }) });
    return 1;
  }
  return v;
}

/** file:line:column of the key (or item) at `path`, or of its nearest existing ancestor. */
function locate(doc: ReturnType<typeof parseDocument>, lc: LineCounter, file: string, path: (string | number)[]): string {
  let node = doc.contents as YNode | null;
  let at = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(seg));
      if (!pair) break;
      at = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? at;
      node = pair.value as YNode | null;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg] as YNode;
      at = (node as { range?: [number, number, number] }).range?.[0] ?? at;
    } else break;
  }
  const { line, col } = lc.linePos(at);
  return `${file}:${line}:${col}`;
}

/** Parses and checks a population spec. Throws PopulationSpecError listing every problem. */
export function parsePopulationSpec(text: string, file = 'population.yaml'): PopulationSpec {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new PopulationSpecError(
      doc.errors.map((e) => {
        const { line, col } = lc.linePos(e.pos[0]);
        return specProblem(`${file}:${line}:${col}`, [], msg('Y001', { detail: e.message.split('\n')[0] }));
      }),
    );
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const issues: SpecIssue[] = [];
  if (!isJsonObject(raw)) throw new PopulationSpecError([specProblem(`${file}:1:1`, [], msg('population.notMapping'))]);

  for (const k of Object.keys(raw)) {
    if (!TOP_KEYS.includes(k))
      issues.push({ path: [k], message: msg('population.unknownField', { field: k, allowed: TOP_KEYS.join(', ') }) });
  }
  if (raw.population !== 1) issues.push({ path: ['population'], message: msg('population.formatVersion') });
  const id =
    typeof raw.id === 'string' && /^[A-Za-z0-9_-]+$/.test(raw.id)
      ? raw.id
      : (issues.push({ path: ['id'], message: msg('population.badId') }), 'population');
  const name =
    typeof raw.name === 'string' && raw.name.trim() ? raw.name : (issues.push({ path: ['name'], message: msg('population.noName') }), id);
  const note = typeof raw.note === 'string' ? raw.note : undefined;
  const seed = raw.seed === undefined ? 1 : positiveInt(raw.seed, issues, ['seed'], 'seed', 2 ** 32 - 1);
  const households = raw.households === undefined ? 100_000 : positiveInt(raw.households, issues, ['households'], 'households', 10_000_000);
  const year = raw.year === undefined ? 2026 : positiveInt(raw.year, issues, ['year'], 'year', 2100);

  const places: PlaceSpec[] = [];
  if (!Array.isArray(raw.places) || raw.places.length === 0) {
    issues.push({
      path: ['places'],
      message: msg('population.noPlaces', { shape: PLACE_SHAPE }),
    });
  } else {
    raw.places.forEach((p, i) => {
      const path = ['places', i];
      if (!isJsonObject(p)) {
        issues.push({ path, message: msg('population.mapping', { shape: PLACE_SHAPE }) });
        return;
      }
      for (const k of Object.keys(p)) {
        if (!PLACE_KEYS.includes(k))
          issues.push({ path: [...path, k], message: msg('population.unknownField', { field: k, allowed: PLACE_KEYS.join(', ') }) });
      }
      const town =
        typeof p.town === 'string' && p.town.trim()
          ? p.town
          : (issues.push({ path: [...path, 'town'], message: msg('population.noTown') }), `镇${i + 1}`);
      const weight =
        typeof p.weight === 'number' && p.weight > 0 && Number.isFinite(p.weight)
          ? p.weight
          : (issues.push({ path: [...path, 'weight'], message: msg('population.badWeight', { value: JSON.stringify(p.weight) }) }), 1);
      const villages = positiveInt(p.villages ?? 1, issues, [...path, 'villages'], 'villages', 10_000);
      const groups = positiveInt(p.groups ?? 1, issues, [...path, 'groups'], 'groups', 1_000);
      const market = section(p.market, MARKET, issues, [...path, 'market']);
      places.push({ town, weight, villages, groups, market });
    });
  }
  const household = section(raw.household, HOUSEHOLD, issues, ['household']);
  const parcels = section(raw.parcels, PARCELS, issues, ['parcels']);
  const contract = section(raw.contract, CONTRACT, issues, ['contract']);
  const exit = section(raw.exit, EXIT, issues, ['exit']);

  // `by:` may only read fields drawn earlier: size, headAge, nonFarmIncomeShare come first.
  for (const f of ['size', 'headAge', 'nonFarmIncomeShare'] as const) {
    const v = isJsonObject(raw.household) ? raw.household[f] : undefined;
    if (isJsonObject(v) && 'by' in v) issues.push({ path: ['household', f, 'by'], message: msg('population.drawnFirst', { field: f }) });
  }

  if (issues.length) {
    throw new PopulationSpecError(issues.map((i) => specProblem(locate(doc, lc, file, i.path), i.path, i.message)));
  }
  return {
    id,
    name,
    ...(note ? { note } : {}),
    seed,
    households,
    year,
    places,
    household: household as Record<HouseholdField, Sampler>,
    parcels: parcels as Record<ParcelField, Sampler>,
    contract: contract as Record<ContractField, Sampler>,
    exit,
    source: text,
    file,
  };
}
