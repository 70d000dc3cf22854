// Accounts and safety: users and roles, sessions with CSRF, the permission rules, masking of
// personal data, rate and size limits, and the Fastify plugin that applies them to every route.
export {
  ACTIONS,
  PUBLIC_ACTIONS,
  ROLES,
  ROLE_ZH,
  authorize,
  mayEver,
  mustMask,
  regionCovers,
  type Action,
  type Decision,
  type PolicyRegion,
  type Principal,
  type Resource,
} from './authorize.ts';
export { hashPassword, verifyPassword, passwordProblem, DEFAULT_SCRYPT, MIN_PASSWORD_LENGTH, type HashOptions } from './password.ts';
export { LOCKOUT, backoffMs, loginGate, type LockoutPolicy } from './lockout.ts';
export { CLI_ACTOR } from './security-events.ts';
export {
  SessionService,
  SESSION_COOKIE,
  CSRF_COOKIE,
  CSRF_HEADER,
  SESSION_TTL_MS,
  SESSION_IDLE_MS,
  csrfTokenFor,
  csrfMatches,
  sessionTokenHash,
  type ActiveSession,
  type LoginResult,
  type SessionLookup,
} from './sessions.ts';
export {
  AccountInputError,
  checkUserSpec,
  checkUserName,
  checkPassword,
  createUser,
  changePassword,
  setUserDisabled,
  unlockUser,
  publicUser,
  toPrincipal,
  type AccountAudit,
} from './users.ts';
export { maskPersonalData, maskIdNumbersInText, ID_NUMBER_KEYS } from './mask.ts';
export { MAX_POLICY_BYTES, MAX_BODY_BYTES, policySizeProblem } from './limits.ts';
export { SharedRateLimiter, type RateLimitOptions } from './rate-limit.ts';
export { classify, pathSegments, type RouteRule, type Scope } from './routes.ts';
export { registerAuth, type AuthOptions, type AuthContext, type Clock, type RateLimitSettings, type RequestSession } from './plugin.ts';
export { firstStartHint } from './first-start.ts';
