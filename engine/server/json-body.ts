// JSON request bodies: the nesting depth is checked on the raw text before anything parses it,
// so a body of five thousand nested {"a": …} is a 400 in one linear scan — never a deep parse, a
// deep schema walk or a stack overflow later. The parse itself is Fastify's own (prototype
// poisoning refused as configured on the instance).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_JSON_DEPTH } from '../accounts/limits.ts';
import { CaseError } from '../cases/errors.ts';
import { msg } from '../../dsl/message.ts';

/** Whether the arrays and objects in a JSON text nest deeper than `max`; strings are skipped. */
export function jsonNestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, stepping over escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

export function installJsonParser(app: FastifyInstance, maxDepth = MAX_JSON_DEPTH): void {
  const parse = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonNestsDeeper(text, maxDepth)) {
      done(new CaseError('invalid', 'TOO_DEEP', msg('http.tooDeep', { max: maxDepth }), { path: '' }), undefined);
      return;
    }
    // Fastify's own parser answers through `done`; its type also allows a promise, never returned here.
    void parse(req, text, done);
  });
}
