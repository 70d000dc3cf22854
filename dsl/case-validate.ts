// Whether case data may enter landflow: the schema's shape first (dsl/case-json-schema.ts), then
// what it means — real calendar dates, decimals inside their bounds (dsl/case-schema.ts),
// 公民身份号码 with their check digit, parcels that exist, a head who is one of the members, a
// tally that adds up. Every entry asks here: opening a case, a command that replaces the case,
// `landflow eval|render|compare --case`, the HTTP API. Pure (the browser form uses it too); the
// day for birth dates comes in, the clock is never read. The rules and their sources:
// docs/case-model.md.
import { Decimal } from 'decimal.js';
import type { CaseData, Member, Person } from './case-model.ts';
import { caseShapeErrors, type CaseError } from './case-json-schema.ts';
import { validateIdNumber } from './case-id-number.ts';
import { caseFields, type DecimalBounds, type Field, type FieldType } from './case-schema.ts';
import { tallyProblem } from './case-vote.ts';
import { isRealDate } from './calendar-date.ts';

export type { CaseError };

export interface CaseValidateOptions {
  /** Today (YYYY-MM-DD): an ID number's birth date may not be after it. */
  today?: string;
}

/** Years a date in a case may fall in: the collectives' land contracts begin after 1949. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** Why a date text is not a date a case may carry, or null. */
export function dateProblem(text: string): string | null {
  if (!isRealDate(text)) return `${text} 不是真实的日期 is not a real calendar date (YYYY-MM-DD)`;
  const y = Number(text.slice(0, 4));
  if (y < FIRST_YEAR || y > LAST_YEAR)
    return `${text} 不在 ${FIRST_YEAR} 至 ${LAST_YEAR} 年之间 is outside the years ${FIRST_YEAR}–${LAST_YEAR}`;
  return null;
}

/** Why a decimal text is outside its bounds, or null. The text must already be a decimal. */
export function decimalProblem(text: string, b: DecimalBounds): string | null {
  let d: Decimal;
  try {
    d = new Decimal(text);
  } catch {
    return `${JSON.stringify(text)} 不是十进制数 is not a decimal`;
  }
  if (b.exclusiveMin ? d.lte(b.min) : d.lt(b.min)) {
    return b.exclusiveMin ? `${text} 应大于 ${b.min} must be more than ${b.min}` : `${text} 不能小于 ${b.min} must be at least ${b.min}`;
  }
  if (d.gt(b.max)) return `${text} 不能大于 ${b.max} must be at most ${b.max}`;
  const places = (text.split('.')[1] ?? '').length;
  if (places > b.places) return `${text} 至多 ${b.places} 位小数 has more than ${b.places} decimal places`;
  return null;
}

/** Why an ID number cannot stand in a case, or null. */
export function idNumberProblem(text: string, today?: string): string | null {
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
  const report = (message: string | null) => {
    if (message) out.push({ pointer, message: `${f.label}：${message}` });
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
  const add = (pointer: string, message: string) => out.push({ pointer, message });
  household(c.household.head, c.household.members, '/household', add);

  if (c.contract.end < c.contract.start) {
    add('/contract/end', `承包期截止日期 ${c.contract.end} 早于起始日期 ${c.contract.start} — the contract ends before it starts`);
  }

  const parcels = new Map<string, number>();
  c.parcels.forEach((p, i) => {
    if (parcels.has(p.name))
      add(
        `/parcels/${i}/name`,
        `地块名称「${p.name}」重复（另见 /parcels/${parcels.get(p.name)}）— two parcels are named ${p.name}; references by name need unique names`,
      );
    else parcels.set(p.name, i);
  });
  const references = (names: string[], at: string, what: string) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (!parcels.has(n))
        add(
          `${at}/${i}`,
          `${what}的地块「${n}」不是本户承包的地块 — ${n} is not one of the household's parcels (${[...parcels.keys()].join('、')})`,
        );
      else if (seen.has(n)) add(`${at}/${i}`, `地块「${n}」列了两次 — ${n} is listed twice`);
      seen.add(n);
    });
  };

  if (c.exit) {
    references(c.exit.parcels, '/exit/parcels', '退出');
    const v = c.exit.vote;
    const problem = v ? tallyProblem(v) : null;
    // An empty meeting is a tally that adds up: the vote fails on it (engine/rules/vote.ts).
    if (problem?.kind === 'impossible') add(`/exit/vote/${problem.field}`, `表决：${problem.message}`);
  }

  const t = c.transfer;
  if (t) {
    references(t.parcels, '/transfer/parcels', '转让');
    if (t.termStart && t.termEnd < t.termStart)
      add('/transfer/termEnd', `转让截止日期 ${t.termEnd} 早于起始日期 ${t.termStart} — the term ends before it starts`);
    if (t.transferee.head.idNumber === c.household.head.idNumber) {
      add('/transfer/transferee/head/idNumber', '受让方户主与转让方户主是同一人 — the transferee is the household itself');
    }
    if (t.transferee.members) household(t.transferee.head, t.transferee.members, '/transfer/transferee', add);
  }
}

/** The head is one of the members (domain.md §8: 户主 is a member), and no one is listed twice. */
function household(head: Person, members: Member[], at: string, add: (pointer: string, message: string) => void): void {
  if (!members.some((m) => samePerson(m, head))) {
    add(
      `${at}/head`,
      `户主 ${head.name} 不在家庭成员之中（姓名与身份证号须一致）— the head must be one of the members, with the same name and ID number`,
    );
  }
  const ids = new Map<string, number>();
  members.forEach((m, i) => {
    const j = ids.get(m.idNumber);
    if (j !== undefined) add(`${at}/members/${i}/idNumber`, `身份证号与 ${at}/members/${j} 重复 — the same ID number as member ${j}`);
    else ids.set(m.idNumber, i);
    if (m.relation === '户主' && !samePerson(m, head)) {
      add(`${at}/members/${i}/relation`, `${m.name} 标为户主，但户主是 ${head.name} — marked 户主 but the head is ${head.name}`);
    }
  });
  const names = new Map<string, number>();
  members.forEach((m, i) => {
    // Consents are recorded by name (recordConsent {name}): two members of one name cannot be told apart.
    if (names.has(m.name)) add(`${at}/members/${i}/name`, `家庭成员姓名「${m.name}」重复 — two members are named ${m.name}`);
    else names.set(m.name, i);
  });
}
