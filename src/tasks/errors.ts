import { UnrecoverableError } from 'bullmq';

/**
 * Throw this, or a subclass, from a handler when another attempt cannot help (bad data, a
 * division by zero): the task fails at once, whatever attempts it has left. The error's own
 * name and message are what `Task.error` shows.
 */
export class NonRetryableError extends UnrecoverableError {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** What a cancelled task ends with: cancelTask revoked it (whatever it was doing). */
export class RevokedError extends NonRetryableError {}

export const CANCELLED_MESSAGE = 'Cancelled by cancelTask';

/** fetchUrl would not connect there, or would not follow there (an internal address, a scheme). */
export class FetchRefusedError extends NonRetryableError {}

/** fetchUrl stopped reading a response body past its size limit. */
export class ResponseTooLargeError extends NonRetryableError {}

/** A server took too long to connect, answer or send the next part of its body (another attempt may do better). */
export class ResponseTimeoutError extends Error {
  override name = 'ResponseTimeoutError';
}
