// Security headers on every response — API JSON, the UI's files, errors, 404s — through
// @fastify/helmet: no MIME sniffing, no framing by other sites, no referrer, and a content security
// policy written for the UI bundle (ui/dist): scripts only from this origin, never inline.
//
// Two relaxations, both forced by the bundle and checked in a real browser
// (test/engine/server/security-headers.test.ts):
// - style-src 'unsafe-inline': index.html has an inline <style>, the form preview is an srcdoc
//   frame (it inherits this policy) whose template carries its print CSS inline, and Lit falls
//   back to <style> elements where constructable stylesheets are missing;
// - script-src 'unsafe-eval': ajv compiles the policy and case JSON Schemas (dsl/schema.ts,
//   dsl/case-json-schema.ts) into functions with new Function in the browser. Only our own schemas
//   are compiled, never request data; precompiled (standalone) validators would let it go.
// Responses that set their own policy (a route's reply.header) keep it: helmet writes its headers
// when the request arrives, and a route's own headers take precedence when the reply is written.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const UI_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  // data: for the inline favicon; blob: for CSV downloads made in the page.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  // The case page shows a printable form from this origin in an iframe.
  'frame-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Route-level helmet options for a page the UI itself frames (a case's printable form). */
export const FRAMED_BY_UI = {
  frameguard: { action: 'sameorigin' as const },
  contentSecurityPolicy: { useDefaults: false, directives: { ...UI_CSP_DIRECTIVES, 'frame-ancestors': ["'self'"] } },
};

/**
 * Route-level helmet options for the API reference (/api/docs, @fastify/swagger-ui): its bundle
 * from this origin, no eval, no frames; data: images for its logo and icons; of inline styles only
 * the one <style> element the bundle injects, by its hash (a new swagger-ui version may change it:
 * test/engine/server/api-docs.test.ts, in a real browser, then names the new hash).
 */
export const API_DOCS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    },
  },
};

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    // useDefaults off: helmet's defaults add upgrade-insecure-requests, which would break a server
    // on a plain-HTTP office network.
    contentSecurityPolicy: { useDefaults: false, directives: UI_CSP_DIRECTIVES as Record<string, string[]> },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Ignored by browsers over plain HTTP; behind TLS it keeps them there. Not for other subdomains.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
}
