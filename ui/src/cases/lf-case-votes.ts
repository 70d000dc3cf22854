// Every vote recorded on the case, failed ones included (a failed vote keeps its step open for
// another meeting): the meeting, the tally, the verdict the rule gave, and its article.
import { css, html } from 'lit';
import type { VoteRecord } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten, shown } from '../common/content.ts';

export class LfCaseVotes extends LfElement {
  static override properties = { votes: { attribute: false } };
  declare votes: VoteRecord[];

  static override styles = [
    LfElement.styles,
    css`
      td.detail { font-size: 0.85rem; min-width: 14rem; }
    `,
  ];

  constructor() {
    super();
    this.votes = [];
  }

  private verdict(v: VoteRecord) {
    const text = v.passed ? t('vote.passed') : v.decidedBy === 'quorum' ? t('vote.noQuorum') : t('vote.failed');
    return html`<span class="badge ${v.passed ? 'ok' : 'error'}" data-verdict=${v.passed ? 'passed' : 'failed'}>${text}</span>`;
  }

  override render() {
    if (this.votes.length === 0) return html`<p class="muted">${t('cases.noVotes')}</p>`;
    return html`<div class="scroll-x" tabindex="0"><table data-testid="votes">
      <caption class="visually-hidden">${t('cases.votes')}</caption>
      <thead><tr>
        <th scope="col">${t('cases.date')}</th><th scope="col">${t('vote.body')}</th>
        <th scope="col" class="num">${t('vote.entitled')}</th><th scope="col" class="num">${t('vote.present')}</th>
        <th scope="col" class="num">${t('vote.yes')}</th><th scope="col" class="num">${t('vote.no')}</th><th scope="col" class="num">${t('vote.abstain')}</th>
        <th scope="col">${t('cases.verdict')}</th><th scope="col">${t('cases.why')}</th>
      </tr></thead>
      <tbody>${this.votes.map(
        (v) => html`<tr data-step=${v.step}>
          <td>${v.date}</td><td>${asWritten(v.vote.body)}</td>
          <td class="num">${v.vote.entitled}</td><td class="num">${v.vote.present}</td>
          <td class="num">${v.vote.yes}</td><td class="num">${v.vote.no}</td><td class="num">${v.vote.abstain}</td>
          <td>${this.verdict(v)} <span class="cite">${asWritten(v.cite)}</span></td>
          <td class="detail">${shown(v.detail)}</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }
}

define('lf-case-votes', LfCaseVotes);
