// Every cite names an article key of the file. A cite may narrow to a sub-part after the key
// (第十条第二项 cites 第十条; 第十六条第二款 cites 第十六条), and several may be joined by 、.
import { didYouMean } from '../messages.ts';
import type { CheckContext } from './context.ts';

const NUM = '[一二三四五六七八九十百零〇两\\d]+';

const TRAILING_SUBPART = new RegExp(`第${NUM}[款项目]$`);

/** The article key a cite refers to, or undefined: the cite itself, or the cite less trailing 款/项/目 parts. */
export function resolveCite(cite: string, articles: Record<string, string>): string | undefined {
  let c = cite.trim();
  for (let i = 0; i < 4; i++) {
    if (Object.prototype.hasOwnProperty.call(articles, c)) return c;
    const m = TRAILING_SUBPART.exec(c);
    if (!m || m.index === 0) return undefined;
    c = c.slice(0, m.index);
  }
  return undefined;
}

export function splitCites(cite: string): string[] {
  return cite
    .split(/[、,，]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function checkCitations(ctx: CheckContext): void {
  const articles = ctx.policy.articles;
  const keys = Object.keys(articles);
  for (const site of ctx.built.cites) {
    for (const part of splitCites(site.cite)) {
      if (resolveCite(part, articles)) continue;
      const base = part.replace(new RegExp(`(?:第${NUM}[款项目])+$`), '');
      ctx.report('C501', site.span, { cite: part, ...didYouMean(base, keys) });
    }
  }
}
