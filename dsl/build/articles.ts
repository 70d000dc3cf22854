// articles: the source's article texts by their number (第十条), for citations and hover.
import type { LNode } from '../yaml.ts';
import { isMap, text } from './reader.ts';

export function buildArticles(n: LNode | undefined): Record<string, string> {
  const articles: Record<string, string> = {};
  if (isMap(n))
    for (const e of n.entries) {
      const t = text(e.value);
      if (t !== undefined) articles[e.key] = t;
    }
  return articles;
}
