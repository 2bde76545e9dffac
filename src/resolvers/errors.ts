/**
 * Errors a client should see, each with its `extensions.code` (docs/api.md#errors). Resolvers throw these;
 * the server's error masking turns them into GraphQL errors and masks everything else.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE';

export class TaskqlError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** More for the client beside the code (extensions). */
  get details(): Record<string, unknown> {
    return {};
  }
}

export class BadUserInputError extends TaskqlError {
  override name = 'BadUserInputError';
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
  }
}

export class NotFoundError extends TaskqlError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends TaskqlError {
  override name = 'ConflictError';
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ServiceUnavailableError extends TaskqlError {
  override name = 'ServiceUnavailableError';
  constructor(message: string, options?: ErrorOptions) {
    super('SERVICE_UNAVAILABLE', message, options);
  }
}

/** The token may not do this (a limit its operator set, e.g. the highest priority). */
export class ForbiddenError extends TaskqlError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** Too many requests for the token's limit; `retryAfter` (seconds) says when it may try again. */
export class RateLimitedError extends TaskqlError {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super('RATE_LIMITED', message);
  }

  override get details(): Record<string, unknown> {
    return { retryAfter: this.retryAfter };
  }
}
