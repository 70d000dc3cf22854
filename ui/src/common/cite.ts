// Article texts for citations. A cite may be finer than the article map ("第十条第二项" under
// "第十条"): the longest article key it starts with gives the text.
export function articleText(articles: Record<string, string> | undefined, cite: string | undefined): string {
  if (!articles || !cite) return '';
  if (articles[cite]) return articles[cite];
  let best = '';
  for (const k of Object.keys(articles)) if (cite.startsWith(k) && k.length > best.length) best = k;
  return best ? articles[best] : '';
}
