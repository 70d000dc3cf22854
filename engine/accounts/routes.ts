// Which action (and on what) each HTTP request is: the API of engine/server/API.md mapped onto
// authorize(). Matching is on the path itself, segment by segment, percent-decoded and
// case-insensitive, so no spelling of a URL that reaches a route escapes its rule.
import type { Action } from './authorize.ts';

export type Scope =
  | { kind: 'none' }
  /** A policy named in the path (or in the body, for a new one). */
  | { kind: 'policy'; policyId: string | undefined }
  /** An existing case named in the path. */
  | { kind: 'case'; caseId: string }
  /** A case being created: its town comes from the body. */
  | { kind: 'newCase' }
  /** A list filtered by ?town= (cases, tasks): a clerk's is pinned to their town. */
  | { kind: 'townList' };

export interface RouteRule {
  action: Action;
  scope: Scope;
  /** Case data in the response: masked for those who may not read it in full. */
  personalData: boolean;
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function decode(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** The path of a request URL, split into decoded segments (empty ones dropped). */
export function pathSegments(url: string): string[] {
  const q = url.search(/[?#]/);
  const path = q >= 0 ? url.slice(0, q) : url;
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(decode);
}

export function isApiPath(url: string): boolean {
  return pathSegments(url)[0]?.toLowerCase() === 'api';
}

/** Login, logout and "who am I" are the accounts plugin's own and open to all. */
export function isSessionRoute(url: string): boolean {
  const segs = pathSegments(url).map((s) => s.toLowerCase());
  return segs[0] === 'api' && segs[1] === 'session' && segs.length === 2;
}

const none: Scope = { kind: 'none' };

/**
 * The rule for a request, or null for what is not API (the UI's static files, public) and for
 * the session routes. `body` is needed only to tell a publish from a save; before the body is
 * parsed, pass undefined (the answer for anonymous users is the same).
 */
export function classify(method: string, url: string, body?: unknown): RouteRule | null {
  const raw = pathSegments(url);
  const segs = raw.map((s) => s.toLowerCase());
  if (segs[0] !== 'api') return null;
  const safe = SAFE_METHODS.has(method.toUpperCase());
  const rule = (action: Action, scope: Scope = none, personalData = false): RouteRule => ({ action, scope, personalData });
  switch (segs[1]) {
    case 'session':
      return segs.length === 2 ? null : rule(safe ? 'system.read' : 'system.write');
    case 'policies': {
      if (safe) return rule('policy.read');
      const b = body as { publish?: unknown; id?: unknown } | undefined;
      const id = raw[2] ?? (typeof b?.id === 'string' ? b.id : undefined);
      return rule(b?.publish === true ? 'policy.publish' : 'policy.edit', { kind: 'policy', policyId: id });
    }
    case 'compare':
    case 'populations':
    case 'simulate':
    case 'charts':
    case 'eval':
      return rule('compare.read');
    case 'calendar':
    case 'deadline':
      return rule('policy.read');
    case 'cases': {
      if (segs.length === 2) {
        if (safe) return rule('case.read', { kind: 'townList' }, true);
        return segs.length === 2 && method.toUpperCase() === 'POST' ? rule('case.create', { kind: 'newCase' }) : rule('system.write');
      }
      const caseScope: Scope = { kind: 'case', caseId: raw[2]! };
      if (!safe) return rule('case.command', caseScope);
      // Documents are the signed forms: they carry ID numbers in full and are never masked.
      if (segs[3] === 'documents' && segs.length > 4) return rule('case.readFull', caseScope);
      return rule('case.read', caseScope, true);
    }
    case 'tasks':
      return safe ? rule('task.read', { kind: 'townList' }, true) : rule('system.write');
    case 'users':
      // One's own calendar feed: whoever may read tasks may have their tasks as a feed.
      if (segs[2] === 'me' && segs[3] === 'feed-token' && segs.length === 4) return rule('task.read', { kind: 'townList' });
      return rule('user.manage');
    // The API's own description and reference page are public, like the UI's files.
    case 'openapi.json':
      return segs.length === 2 ? null : rule(safe ? 'system.read' : 'system.write');
    case 'docs':
      return safe ? null : rule('system.write');
    // A calendar feed is read by a calendar program, without a session: its URL's token is the
    // credential, checked by the route (engine/feeds/routes.ts), and says whose tasks it shows.
    case 'feeds':
      return safe && segs.length === 3 ? null : rule(safe ? 'system.read' : 'system.write');
    default:
      return rule(safe ? 'system.read' : 'system.write');
  }
}
