import type { Caller } from '../auth.ts';
import { ForbiddenError, RateLimitedError } from './errors.ts';
import type { Services } from './services.ts';

/**
 * The operator's limits for the caller's token (TokenLimits), checked when it submits tasks,
 * after their input is checked and before anything is queued. Answers what the tasks must carry
 * for workers (the owner's maxRunning). A caller without limits (or no auth) costs nothing here.
 */
export async function admitTasks(
  services: Services,
  caller: Caller | undefined,
  tasks: readonly { priority?: number | undefined }[],
): Promise<{ ownerMaxRunning?: number }> {
  const limits = caller?.limits;
  if (!caller || !limits) return {};
  if (limits.maxPriority !== undefined) {
    const over = tasks.find((task) => (task.priority ?? 0) > limits.maxPriority!);
    if (over) {
      throw new ForbiddenError(`Not allowed: priority ${over.priority} is above this token's highest, ${limits.maxPriority}.`);
    }
  }
  if (limits.maxSubmitPerMinute !== undefined) {
    const counted = await services.store.limits.countSubmits(caller.name, tasks.length, limits.maxSubmitPerMinute);
    if (!counted.ok) {
      const retryAfter = Math.max(1, Math.ceil(counted.retryAfterMs / 1000));
      throw new RateLimitedError(
        `Too many tasks: this token may submit ${limits.maxSubmitPerMinute} per minute (this request has ${tasks.length}). Try again in ${retryAfter} s.`,
        retryAfter,
      );
    }
  }
  return limits.maxRunning === undefined ? {} : { ownerMaxRunning: limits.maxRunning };
}
