// Hash routes: #/policies, #/policies/:id, #/compare, #/cases, #/cases/new, #/cases/:id.

export type Route =
  | { name: 'home' }
  | { name: 'policies' }
  | { name: 'policy'; id: string }
  | { name: 'compare' }
  | { name: 'cases' }
  | { name: 'case-new'; policy?: string; procedure?: string }
  | { name: 'case'; id: string }
  | { name: 'not-found'; hash: string };

export type Workspace = 'policies' | 'compare' | 'cases';

export function parseRoute(hash: string): Route {
  const [pathPart, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = pathPart
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const params = new URLSearchParams(query);
  if (parts.length === 0) return { name: 'home' };
  const [head, id, ...rest] = parts;
  if (rest.length === 0) {
    if (head === 'policies') return id ? { name: 'policy', id } : { name: 'policies' };
    if (head === 'compare' && !id) return { name: 'compare' };
    if (head === 'cases') {
      if (!id) return { name: 'cases' };
      if (id === 'new')
        return { name: 'case-new', policy: params.get('policy') ?? undefined, procedure: params.get('procedure') ?? undefined };
      return { name: 'case', id };
    }
  }
  return { name: 'not-found', hash };
}

export function workspaceOf(route: Route): Workspace | null {
  switch (route.name) {
    case 'policies':
    case 'policy':
      return 'policies';
    case 'compare':
      return 'compare';
    case 'cases':
    case 'case':
    case 'case-new':
      return 'cases';
    default:
      return null;
  }
}

export function navigate(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
}

/**
 * Pages with unsaved work register a check here: it returns the question to ask before leaving
 * (or null when nothing would be lost). The shell asks it on every route change.
 */
const leaveChecks = new Set<() => string | null>();

export function onLeave(check: () => string | null): () => void {
  leaveChecks.add(check);
  return () => leaveChecks.delete(check);
}

/** Whether the reader may leave the page shown: true unless a check's question is answered no. */
export function confirmLeave(): boolean {
  for (const check of leaveChecks) {
    const question = check();
    if (question && !window.confirm(question)) return false;
  }
  return true;
}
