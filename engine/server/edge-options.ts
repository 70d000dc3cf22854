// What `landflow serve` takes from its environment about the network in front of it: whether a
// proxy's X-Forwarded-* headers are believed, whether cookies are marked Secure, and how much is
// logged. Wrong values are a usage error (exit 2) naming the variable, never a silent default.
import net from 'node:net';
import { msg, type Message } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

export interface EdgeOptions {
  trustProxy: boolean | string[];
  secureCookies: boolean | 'auto';
  logLevel: string;
}

export class EdgeOptionError extends TextError {
  override name = 'EdgeOptionError';
  constructor(message: Message) {
    super(message);
  }
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function isAddressOrCidr(s: string): boolean {
  const [addr, bits, more] = s.split('/');
  if (more !== undefined || !addr) return false;
  const v = net.isIP(addr);
  if (v === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (v === 4 ? 32 : 128);
}

/**
 * LANDFLOW_TRUST_PROXY: unset, false or 0 — the socket's peer is the client (default); true or 1 —
 * believe the proxy that connected; else the proxies' addresses or CIDRs, comma-separated.
 * LANDFLOW_SECURE_COOKIES: auto (default: Secure when the request came over HTTPS, as the trusted
 * proxy reports it), true, or false. LANDFLOW_LOG_LEVEL: fatal … trace, or silent (default info).
 */
export function edgeOptionsFromEnv(env: Record<string, string | undefined>): EdgeOptions {
  const tp = (env.LANDFLOW_TRUST_PROXY ?? '').trim();
  let trustProxy: EdgeOptions['trustProxy'];
  if (tp === '' || tp === 'false' || tp === '0') trustProxy = false;
  else if (tp === 'true' || tp === '1') trustProxy = true;
  else {
    trustProxy = tp.split(',').map((s) => s.trim());
    const bad = trustProxy.find((s) => !isAddressOrCidr(s));
    if (bad !== undefined) {
      throw new EdgeOptionError(msg('edge.trustProxy', { value: JSON.stringify(bad) }));
    }
  }
  const sc = (env.LANDFLOW_SECURE_COOKIES ?? 'auto').trim();
  if (sc !== 'auto' && sc !== 'true' && sc !== 'false') {
    throw new EdgeOptionError(msg('edge.secureCookies', { value: JSON.stringify(sc) }));
  }
  const logLevel = (env.LANDFLOW_LOG_LEVEL ?? 'info').trim();
  if (!LEVELS.includes(logLevel))
    throw new EdgeOptionError(msg('edge.logLevel', { levels: LEVELS.join(' | '), value: JSON.stringify(logLevel) }));
  return { trustProxy, secureCookies: sc === 'auto' ? 'auto' : sc === 'true', logLevel };
}
