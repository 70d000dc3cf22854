// The one bridge from the engine to a form: a case, its policy's evaluation and, once signed, its
// contract become the document model's input. Everything the engine decides and a form prints
// (amount, 大写, per-亩, mode, payer, notice period, payment date, contract number) is read here
// from the Evaluation or the signed contract, never worked out a second time; the CLI, the server
// and the browser preview all go through this function, so they print the same document.
// Pure module (no Node APIs).

import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import type { FormDecl, Mode, Policy, StepKind } from '../../dsl/policy-model.ts';
import { periodRefs } from '../../dsl/steps/index.ts';
import type { Evaluation } from '../evaluate/evaluate.ts';
import type { DocumentModelInput, ModeInput } from './model.ts';

/** The contract as signed (engine/run ContractState): what the parties agreed stays as agreed. */
export interface SignedContract {
  number: string | null;
  year: number | null;
  seq: number | null;
  kind: '转让' | '退出';
  amount: string;
  words: string | null;
  pricePerMu: string | null;
  paymentDue: string | null;
}

export interface CaseModelSource {
  policy: Policy;
  form: FormDecl;
  kase: CaseData;
  /** The case evaluated under the policy, for the form's procedure (and the case's mode). */
  evaluation: Evaluation;
  signed?: SignedContract | null;
  /** A number given by hand (`landflow render --contract-number`); a signed contract's own wins. */
  contractNumber?: { year: number; seq: number; text?: string };
  /** The document's date (signing); YYYY-MM-DD. */
  date?: string;
}

/**
 * The case as it is for a document in `mode` (`landflow render --mode`): the rules that read
 * 退出.模式 then see the mode the compensation and the wording come from.
 */
export function caseInMode(kase: CaseData, procedure: FormDecl['procedure'], mode: string | undefined): CaseData {
  if (!mode || procedure !== 'exit' || !kase.exit) return kase;
  return { ...kase, exit: { ...kase.exit, mode: mode as NonNullable<CaseData['exit']>['mode'] } };
}

const modeInput = (m: Mode): ModeInput => ({
  id: m.id,
  label: m.label,
  ...(m.keepsNextRound !== undefined ? { keepsNextRound: m.keepsNextRound } : {}),
  ...(m.membership ? { membership: m.membership } : {}),
});

/**
 * A period the workflow counts, as the policy writes it ("半年", "15 日" → "15日") with its citation:
 * the parameter a step of `kind` names under `key` (writtenNotice's period, publicNotice's
 * periods.objections), read as the checker and the compiler read it (dsl/steps/ periodRefs).
 */
function periodOf(
  policy: Policy,
  procedure: ProcedureKind,
  kind: StepKind,
  key: 'period' | 'periods.objections',
): { period: string; cite: string } | null {
  const name = policy.procedures[procedure]?.steps
    .filter((s) => s.kind === kind)
    .flatMap((s) => periodRefs(s).filter((r) => r.key === key))[0]?.name;
  const p = name !== undefined ? policy.parameters.find((x) => x.name === name) : undefined;
  const period = p?.period?.text ?? p?.value;
  return p && period ? { period: period.replace(/\s+/g, ''), cite: p.cite } : null;
}

function compensationOf(ev: Evaluation, signed: SignedContract | null | undefined) {
  if (signed) {
    return {
      amount: signed.amount,
      ...(signed.words ? { words: signed.words } : {}),
      ...(signed.pricePerMu ? { perMu: signed.pricePerMu } : {}),
    };
  }
  const c = ev.compensation;
  if (!c) return undefined;
  return { amount: c.amount, ...(c.words ? { words: c.words } : {}), ...(c.perMu ? { perMu: c.perMu } : {}) };
}

export function caseModelInput(src: CaseModelSource): DocumentModelInput {
  const { policy, form, kase, evaluation: ev, signed } = src;
  const m = policy.meta;
  const compensation = compensationOf(ev, signed);
  let result: DocumentModelInput['result'];
  if (form.procedure === 'transfer') {
    result = {
      ...(compensation ? { transferTotal: compensation.amount } : {}),
      objection: periodOf(policy, 'transfer', 'publicNotice', 'periods.objections'),
    };
  } else {
    const modes = policy.procedures.exit?.modes ?? [];
    const mode = modes.find((x) => x.id === ev.mode);
    const c = ev.compensation;
    result = {
      ...(compensation ? { compensation } : {}),
      mode: mode ? modeInput(mode) : null,
      modes: modes.map(modeInput),
      payer: c?.payerParty ? { party: c.payerParty, ...(c.payerName ? { name: c.payerName } : {}) } : null,
      notice: periodOf(policy, 'exit', 'writtenNotice', 'period'),
    };
  }
  const number =
    signed?.year && signed.seq
      ? { year: signed.year, seq: signed.seq, kind: signed.kind, ...(signed.number ? { text: signed.number } : {}) }
      : src.contractNumber;
  return {
    policy: { id: m.id, name: m.name, shortName: m.shortName, region: m.region, articles: policy.articles },
    form: {
      id: form.id,
      title: form.title,
      ...(form.copies ? { copies: form.copies } : {}),
      ...(form.numbering ? { numbering: form.numbering } : {}),
    },
    kase,
    result,
    ...(signed?.paymentDue ? { signed: { paymentDue: signed.paymentDue } } : {}),
    ...(number ? { contractNumber: number } : {}),
    ...(src.date ? { date: src.date } : {}),
  };
}
