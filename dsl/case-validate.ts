// Whether case data may enter landflow: the schema's shape first (dsl/case-json-schema.ts), then
// what it means — real calendar dates, decimals inside their bounds (dsl/case-schema.ts),
// 公民身份号码 with their check digit, parcels that exist, a head who is one of the members, a
// tally that adds up. Every entry asks here: opening a case, a command that replaces the case,
// `landflow eval|render|compare --case`, the HTTP API. Pure (the browser form uses it too); the
// day for birth dates comes in, the clock is never read. The rules and their sources:
// docs/case-model.md.
import { Decimal } from 'decimal.js';
import type { CaseData, Member, Person } from './case-model.ts';
import { caseError, caseShapeErrors, type CaseError } from './case-json-schema.ts';
import { validateIdNumber } from './case-id-number.ts';
import { caseFields, type DecimalBounds, type Field, type FieldType } from './case-schema.ts';
import { tallyProblem } from './case-vote.ts';
import { isRealDate } from './calendar-date.ts';
import { msg, type Message } from './message.ts';

export type { CaseError };

export interface CaseValidateOptions {
  /** Today (YYYY-MM-DD): an ID number's birth date may not be after it. */
  today?: string;
}

/** Years a date in a case may fall in: the collectives' land contracts begin after 1949. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** Why a date text is not a date a case may carry, or null. */
export function dateProblem(text: string): Message | null {
  if (!isRealDate(text)) return msg('case.notRealDate', { text });
  const y = Number(text.slice(0, 4));
  if (y < FIRST_YEAR || y > LAST_YEAR) return msg('case.yearOutside', { text, first: FIRST_YEAR, last: LAST_YEAR });
  return null;
}

/** Why a decimal text is outside its bounds, or null. The text must already be a decimal. */
export function decimalProblem(text: string, b: DecimalBounds): Message | null {
  let d: Decimal;
  try {
    d = new Decimal(text);
  } catch {
    return msg('case.notDecimal', { text: JSON.stringify(text) });
  }
  if (b.exclusiveMin ? d.lte(b.min) : d.lt(b.min)) return msg(b.exclusiveMin ? 'case.moreThan' : 'case.atLeast', { text, min: b.min });
  if (d.gt(b.max)) return msg('case.atMost', { text, max: b.max });
  const places = (text.split('.')[1] ?? '').length;
  if (places > b.places) return msg('case.places', { text, places: b.places });
  return null;
}

/** Why an ID number cannot stand in a case, or null. */
export function idNumberProblem(text: string, today?: string): Message | null {
  const r = validateIdNumber(text, today ? { today } : {});
  return r.ok ? null : r.reason;
}

/** [] when the case may enter; otherwise every problem found, each with its field's JSON pointer. */
export function validateCase(data: unknown, options: CaseValidateOptions = {}): CaseError[] {
  const shape = caseShapeErrors(data);
  if (shape.length) return shape;
  const out: CaseError[] = [];
  walk(caseFields, data as Record<string, unknown>, '', out, options);
  meaning(data as CaseData, out);
  return out;
}

// ——— field by field: dates, decimals, ID numbers

function walk(fields: Field[], obj: Record<string, unknown>, at: string, out: CaseError[], o: CaseValidateOptions): void {
  for (const f of fields) {
    const v = obj[f.key];
    if (v !== undefined) leaf(f, f.type, v, `${at}/${f.key}`, out, o);
  }
}

function leaf(f: Field, t: FieldType, v: unknown, pointer: string, out: CaseError[], o: CaseValidateOptions): void {
  const report = (problem: Message | null) => {
    if (problem) out.push(caseError(pointer, msg('case.field', { label: f.label, problem })));
  };
  switch (t.kind) {
    case 'date':
      return report(dateProblem(v as string));
    case 'decimal':
      return t.bounds ? report(decimalProblem(v as string, t.bounds)) : undefined;
    case 'string':
      return f.key === 'idNumber' ? report(idNumberProblem(v as string, o.today)) : undefined;
    case 'record':
      return walk(t.fields, v as Record<string, unknown>, pointer, out, o);
    case 'list':
      (v as unknown[]).forEach((item, i) => leaf(f, t.of, item, `${pointer}/${i}`, out, o));
      return;
    case 'bool':
    case 'integer':
    case 'enum':
      return;
  }
}

// ——— across fields

const samePerson = (a: Person, b: Person) => a.name === b.name && a.idNumber === b.idNumber;

function meaning(c: CaseData, out: CaseError[]): void {
  const add = (pointer: string, text: Message) => out.push(caseError(pointer, text));
  household(c.household.head, c.household.members, '/household', add);

  if (c.contract.end < c.contract.start) add('/contract/end', msg('case.contractEnd', { end: c.contract.end, start: c.contract.start }));

  const parcels = new Map<string, number>();
  c.parcels.forEach((p, i) => {
    if (parcels.has(p.name)) add(`/parcels/${i}/name`, msg('case.parcelTwice', { name: p.name, other: `/parcels/${parcels.get(p.name)}` }));
    else parcels.set(p.name, i);
  });
  const references = (names: string[], at: string, what: Message) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (!parcels.has(n)) add(`${at}/${i}`, msg('case.notOurParcel', { what, name: n, parcels: [...parcels.keys()].join('、') }));
      else if (seen.has(n)) add(`${at}/${i}`, msg('case.listedTwice', { name: n }));
      seen.add(n);
    });
  };

  if (c.exit) {
    references(c.exit.parcels, '/exit/parcels', msg('case.exit'));
    const v = c.exit.vote;
    const problem = v ? tallyProblem(v) : null;
    // An empty meeting is a tally that adds up: the vote fails on it (engine/rules/vote.ts).
    if (problem?.kind === 'impossible') add(`/exit/vote/${problem.field}`, msg('case.vote', { problem: problem.message }));
  }

  const t = c.transfer;
  if (t) {
    references(t.parcels, '/transfer/parcels', msg('case.transfer'));
    if (t.termStart && t.termEnd < t.termStart) add('/transfer/termEnd', msg('case.termEnd', { end: t.termEnd, start: t.termStart }));
    if (t.transferee.head.idNumber === c.household.head.idNumber) add('/transfer/transferee/head/idNumber', msg('case.selfTransfer'));
    if (t.transferee.members) household(t.transferee.head, t.transferee.members, '/transfer/transferee', add);
  }
}

/** The head is one of the members (domain.md §8: 户主 is a member), and no one is listed twice. */
function household(head: Person, members: Member[], at: string, add: (pointer: string, text: Message) => void): void {
  if (!members.some((m) => samePerson(m, head))) add(`${at}/head`, msg('case.headNotMember', { name: head.name }));
  const ids = new Map<string, number>();
  members.forEach((m, i) => {
    const j = ids.get(m.idNumber);
    if (j !== undefined) add(`${at}/members/${i}/idNumber`, msg('case.sameIdNumber', { other: `${at}/members/${j}`, index: j }));
    else ids.set(m.idNumber, i);
    if (m.relation === '户主' && !samePerson(m, head)) {
      add(`${at}/members/${i}/relation`, msg('case.notHead', { name: m.name, head: head.name }));
    }
  });
  const names = new Map<string, number>();
  members.forEach((m, i) => {
    // Consents are recorded by name (recordConsent {name}): two members of one name cannot be told apart.
    if (names.has(m.name)) add(`${at}/members/${i}/name`, msg('case.sameName', { name: m.name }));
    else names.set(m.name, i);
  });
}
