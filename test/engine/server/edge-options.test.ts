// A wrong value of `landflow serve`'s environment is refused with its message as data (issue #13,
// dsl/phrases/http.ts edge.*): the variable and the value as written, the wording in Chinese as
// before and in real English; the command line prints the line in both, as it did.
import { describe, expect, it } from 'vitest';
import { EdgeOptionError, edgeOptionsFromEnv } from '../../../engine/server/edge-options.ts';
import { render } from '../../../dsl/messages.ts';

function refusal(env: Record<string, string>): EdgeOptionError {
  try {
    edgeOptionsFromEnv(env);
  } catch (e) {
    if (e instanceof EdgeOptionError) return e;
    throw e;
  }
  throw new Error('accepted');
}

const said = (e: EdgeOptionError) => [e.text, render(e.text!, 'zh'), render(e.text!, 'en'), e.message];

describe('EdgeOptionError says why as a message', () => {
  it('LANDFLOW_TRUST_PROXY, LANDFLOW_SECURE_COOKIES, LANDFLOW_LOG_LEVEL', () => {
    expect(said(refusal({ LANDFLOW_TRUST_PROXY: '10.0.0.1/33' }))).toEqual([
      { code: 'edge.trustProxy', args: { value: '"10.0.0.1/33"' } },
      'LANDFLOW_TRUST_PROXY 应为 true、false 或代理地址（逗号分隔）："10.0.0.1/33"',
      'LANDFLOW_TRUST_PROXY must be true, false or the proxies\' addresses/CIDRs, comma-separated: "10.0.0.1/33"',
      'LANDFLOW_TRUST_PROXY 应为 true、false 或代理地址（逗号分隔）must be true, false or the proxies\' addresses/CIDRs, comma-separated: "10.0.0.1/33"',
    ]);
    expect(said(refusal({ LANDFLOW_SECURE_COOKIES: 'always' }))).toEqual([
      { code: 'edge.secureCookies', args: { value: '"always"' } },
      'LANDFLOW_SECURE_COOKIES 应为 auto、true 或 false："always"',
      'LANDFLOW_SECURE_COOKIES must be auto, true or false: "always"',
      'LANDFLOW_SECURE_COOKIES 应为 must be auto, true 或 or false: "always"',
    ]);
    const levels = 'fatal | error | warn | info | debug | trace | silent';
    expect(said(refusal({ LANDFLOW_LOG_LEVEL: 'loud' }))).toEqual([
      { code: 'edge.logLevel', args: { levels, value: '"loud"' } },
      `LANDFLOW_LOG_LEVEL 应为 ${levels} 之一："loud"`,
      `LANDFLOW_LOG_LEVEL must be one of ${levels}: "loud"`,
      `LANDFLOW_LOG_LEVEL 应为 must be one of ${levels}: "loud"`,
    ]);
  });
});
