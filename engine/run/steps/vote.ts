// 表决 (dsl/steps/vote.ts): the tally recorded and decided by the step's voting rules (votes:),
// the rule chosen by the meeting that voted and the rules' `when`.
import type { Vote } from '../../../dsl/case-model.ts';
import { minimumSizeOf } from '../../../dsl/case-vote.ts';
import type { VoteRule } from '../../../dsl/policy-model.ts';
import { decideVote, voteRuleId, type VoteDecision } from '../../rules/vote.ts';
import { clone } from '../state.ts';
import { defined } from '../events.ts';
import { date } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg } from '../../../dsl/message.ts';

type Verdict = Pick<VoteDecision, 'passed' | 'decidedBy' | 'rule' | 'unit' | 'cite' | 'detail'>;

interface Events {
  VoteRecorded: { step: string; date: string; vote: Vote; required: number } & Verdict;
}

const { define, command, ev } = stepKindTools<'vote', Events>();

// Counts are in the unit of the body that voted (households for a 户主会议: dsl/case-vote.ts).
const count = <K extends string, L extends string>(key: K, label: L) => ({ key, label, type: 'integer', required: true }) as const;

export default define({
  kind: 'vote',
  commands: {
    recordVote: command({
      label: { zh: '记录表决', en: 'record the vote' },
      fields: [
        date,
        { key: 'body', label: '会议', type: 'string', required: true },
        count('entitled', '应到'),
        count('present', '实到'),
        count('yes', '赞成'),
        count('no', '反对'),
        count('abstain', '弃权'),
      ],
      handle: (c) => {
        const vote: Vote = { body: c.p.body, entitled: c.p.entitled, present: c.p.present, yes: c.p.yes, no: c.p.no, abstain: c.p.abstain };
        const guard = c.wf.guards.find((g) => g.kind === 'vote' && c.def.guards.includes(g.id));
        const rules = guard?.votes ?? [];
        const kase = c.state.case;
        const bodies = (r: VoteRule): string[] => (Array.isArray(r.body) ? r.body : [r.body as unknown as string]);
        const applies = (r: VoteRule) => !r.when || !c.run.holds || c.run.holds(r.when, kase);
        const index = rules.findIndex((r) => applies(r) && bodies(r).includes(vote.body));
        if (index < 0) {
          const allowed = [...new Set(rules.filter(applies).flatMap(bodies))];
          return {
            code: 'VOTE_BODY',
            kind: 'refusedByRule',
            path: '/payload/body',
            message: msg('run.wrongBody', {
              allowed: allowed.join('、') || msg('run.nobody'),
              allowedEn: allowed.join(' / ') || msg('run.nobody'),
              body: vote.body,
            }),
            cite: c.def.cite,
          };
        }
        const decision = decideVote(rules[index]!, vote, voteRuleId(c.def.id, index));
        if ('error' in decision) {
          return {
            code: 'BAD_PAYLOAD',
            kind: 'invalid',
            path: `/payload/${decision.field.replace(/^(vote|rule)\./, '')}`,
            message: decision.error,
          };
        }
        // A meeting nobody was entitled to attend is no vote to record.
        if (decision.decidedBy === 'tally')
          return { code: 'BAD_PAYLOAD', kind: 'invalid', path: '/payload/entitled', message: decision.detail, cite: decision.cite };
        const verdict: Verdict = {
          passed: decision.passed,
          decidedBy: decision.decidedBy,
          rule: decision.rule,
          unit: decision.unit,
          cite: decision.cite,
          detail: decision.detail,
        };
        const events = [ev('VoteRecorded', { step: c.def.id, date: c.date, vote, ...verdict, required: decision.required })];
        return decision.passed ? { events, complete: { date: c.date, ...verdict } } : { events };
      },
      // The case's own vote first, when it records one for a body the rules take; then a unanimous
      // meeting of each body, of the least size the body may have (the tally's size moves no date).
      planned: ({ wf, def, state, holds }) => {
        const guard = wf.guards.find((g) => g.kind === 'vote' && def.guards.includes(g.id));
        const rules = (guard?.votes ?? []).filter((r) => !r.when || !holds || holds(r.when, state.case));
        const bodies = [...new Set(rules.flatMap((r) => r.body))];
        const tallies = bodies.map((body) => {
          const n = (minimumSizeOf(body)?.moreThan ?? 0) + 1;
          return { body, entitled: n, present: n, yes: n, no: 0, abstain: 0 };
        });
        const own = state.case.exit?.vote;
        if (!own || !bodies.includes(own.body)) return tallies;
        const { body, entitled, present, yes, no, abstain } = own;
        return [{ body, entitled, present, yes, no, abstain }, ...tallies];
      },
    }),
  },
  reducers: {
    VoteRecorded: (s, p) => {
      s.votes.push(
        defined({
          step: p.step,
          date: p.date,
          vote: clone(p.vote),
          passed: p.passed,
          decidedBy: p.decidedBy,
          cite: p.cite,
          // Votes recorded before decisions were messages hold one string in both languages.
          detail: typeof p.detail === 'string' ? { zh: p.detail, en: p.detail } : p.detail,
        }),
      );
      if (s.case.exit) s.case.exit.vote = clone(p.vote);
    },
  },
  // The step's voting rules become the guard its tally is decided by.
  compile: ({ step }) =>
    step.votes?.length
      ? { guards: [{ id: `${step.id}:vote`, kind: 'vote', label: step.label, on: ['recordVote'], votes: step.votes, cite: step.cite }] }
      : {},
});
