// Errors the store throws on purpose. Each message is data (dsl/phrases/store.ts; rendered in both
// languages as `message`, kept as `text`), and carries the fields a caller needs to answer (HTTP
// 409/404/422) without parsing text.
import { msg, type Text } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

export class StoreError extends TextError {
  declare readonly text: Text;
  constructor(
    readonly code: string,
    message: Text,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command saw an older (or newer) version of the case than the one stored. */
export class ConflictError extends StoreError {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      'CONFLICT',
      expectedVersion === 0
        ? msg('store.caseExists', { caseId, version: actualVersion })
        : msg('store.versionConflict', { caseId, expected: expectedVersion, actual: actualVersion }),
    );
  }
}

export class NotFoundError extends StoreError {
  constructor(readonly caseId: string) {
    super('NOT_FOUND', msg('store.caseNotFound', { caseId }));
  }
}

/** The idempotency key was already used for a different request. */
export class IdempotencyMismatchError extends StoreError {
  constructor(
    readonly idempotencyKey: string,
    detail: Text,
  ) {
    super('IDEMPOTENCY_MISMATCH', msg('store.idempotencyMismatch', { key: idempotencyKey, detail }));
  }
}

/** Bad input to the store, named by its field path; the problem is one of dsl/phrases/store.ts. */
export class StoreInputError extends StoreError {
  constructor(
    readonly field: string,
    problem: Text,
  ) {
    super('BAD_INPUT', msg('at.problem', { where: field, problem }));
  }
}

/** The database file is missing, not SQLite, not landflow's, or from a newer landflow. */
export class DatabaseUnreadableError extends StoreError {
  constructor(
    readonly file: string,
    problem: Text,
  ) {
    super('UNREADABLE', msg('store.unreadable', { problem, file }));
  }
}

// The accounts' errors, passed on by the API (engine/accounts/plugin.ts).
export class UserExistsError extends StoreError {
  constructor(readonly userName: string) {
    super('USER_EXISTS', msg('store.userExists', { name: userName }));
  }
}

/**
 * Disabling this account would leave no active administrator, and so nobody to manage accounts:
 * the one message of it (account.lastAdmin), for the API and the command line alike.
 */
export class LastAdminError extends StoreError {
  constructor(readonly userName: string) {
    super('LAST_ADMIN', msg('account.lastAdmin', { name: userName }));
  }
}

/** No account of that name: the one message of it, for the API, the calendar feed and the command line. */
export class UserNotFoundError extends StoreError {
  constructor(readonly userName: string) {
    super('USER_NOT_FOUND', msg('store.userNotFound', { name: userName }));
  }
}
