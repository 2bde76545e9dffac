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
