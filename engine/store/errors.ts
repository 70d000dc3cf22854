// Errors the store throws on purpose. Each message is Chinese first, English after, and carries
// the fields a caller needs to answer (HTTP 409/404/422) without parsing text.

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
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
        ? `案件已存在 case already exists: ${caseId} (version ${actualVersion})`
        : `版本冲突 version conflict on case ${caseId}: 命令基于 expected version ${expectedVersion}, 当前 current version ${actualVersion}`,
    );
  }
}

export class NotFoundError extends StoreError {
  constructor(readonly caseId: string) {
    super('NOT_FOUND', `案件不存在 case not found: ${caseId}`);
  }
}

/** The idempotency key was already used for a different request. */
export class IdempotencyMismatchError extends StoreError {
  constructor(
    readonly idempotencyKey: string,
    detail: string,
  ) {
    super(
      'IDEMPOTENCY_MISMATCH',
      `幂等键已用于另一请求 idempotency key already used for a different request: ${idempotencyKey} (${detail})`,
    );
  }
}

/** Bad input to the store, named by its field path. */
export class StoreInputError extends StoreError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('BAD_INPUT', `${field}: ${message}`);
  }
}

/** The database file is missing, not SQLite, not landflow's, or from a newer landflow. */
export class DatabaseUnreadableError extends StoreError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super('UNREADABLE', `${message}: ${file}`);
  }
}

export class UserExistsError extends StoreError {
  constructor(readonly userName: string) {
    super('USER_EXISTS', `用户已存在 user already exists: ${userName}`);
  }
}

/** Disabling this account would leave no active administrator, and so nobody to manage accounts. */
export class LastAdminError extends StoreError {
  constructor(readonly userName: string) {
    super('LAST_ADMIN', `不能停用最后一个管理员 refusing to disable the last active admin: ${userName}`);
  }
}

export class UserNotFoundError extends StoreError {
  constructor(readonly userName: string) {
    super('USER_NOT_FOUND', `用户不存在 no such user: ${userName}`);
  }
}
