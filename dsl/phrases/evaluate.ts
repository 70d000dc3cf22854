// Why a case cannot be evaluated under a policy at all (engine/evaluate: EvaluateError): the
// policy lacks the procedure or the mode asked for, or the case's vote cannot be counted. Chinese
// first, then English, on the command line and in the error body's `message`; one language in the
// UI. Ids as written are arguments.
import type { PhraseDef } from '../messages.ts';

export const EVALUATE_PHRASES: readonly PhraseDef[] = [
  {
    code: 'evaluate.noProcedure',
    zh: '政策「{policy}」没有程序 {procedure}（有：{have}）',
    en: 'the policy has no {procedure} procedure (has: {have})',
    both: '政策「{policy}」没有程序 {procedure} / the policy has no {procedure} procedure (有 has: {have})',
  },
  {
    code: 'evaluate.unknownMode',
    zh: '未知的退出方式：{mode}（可选：{have}）',
    en: 'unknown mode: {mode} (available: {have})',
    both: '未知的退出方式 unknown mode: {mode}（可选 available: {have}）',
  },
  { code: 'evaluate.none', zh: '无', en: 'none' },
  {
    code: 'evaluate.badVote',
    zh: '表决数据无效（{field}）：{problem}',
    en: 'invalid vote ({field}): {problem}',
    both: '表决数据无效 invalid vote ({field}): {problem}',
  },
];
