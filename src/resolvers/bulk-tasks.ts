import type { Caller } from '../auth.ts';
import { taskLogger } from '../logger.ts';
import { isTerminal, type TaskRecord, type TaskState } from '../queue/task-record.ts';
import { cancelTask } from './cancel-task.ts';
import { BadUserInputError, TaskqlError } from './errors.ts';
import { listTasks, MAX_PAGE, type TaskFilter } from './list-tasks.ts';
import { retryTask } from './retry-task.ts';
import type { Services } from './services.ts';
import { activeTraceId } from '../telemetry/task-tracing.ts';

/** What a bulk call does to each task of its filter. */
export type BulkAction = 'RETRY' | 'CANCEL';

/**
 * At most this many tasks one bulk call (or count) acts on.
 * @defaultValue 1000
 */
export const MAX_BULK = 1000;

/**
 * At most this many retained tasks one bulk call (or count) looks at, newest first: a filter that
 * matches few of many tasks stops there and says so (`complete: false`).
 * @defaultValue 20000
 */
export const MAX_BULK_SCAN = 20_000;

/** Bulk cancels at once (each a cancelTask of its own). */
const PARALLEL = 16;

/** The states a task must be in for the action to apply to it. */
export const appliesTo: Record<BulkAction, (state: TaskState) => boolean> = {
  RETRY: (state) => state === 'FAILURE' || state === 'REVOKED',
  CANCEL: (state) => !isTerminal(state),
};

export interface BulkMatch {
  /** Tasks of the filter that the action applies to, up to `limit`. */
  tasks: TaskRecord[];
  /** False when the search stopped at MAX_BULK_SCAN or at the limit with more to look at. */
  complete: boolean;
}

/** The caller's tasks of the filter that the action applies to (at most `limit`), newest first. */
export async function findBulk(services: Services, filter: TaskFilter, action: BulkAction, caller: Caller | undefined, limit = MAX_BULK): Promise<BulkMatch> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BULK) throw new BadUserInputError(`Invalid limit: a whole number from 1 to ${MAX_BULK}.`);
  const budget = { remaining: MAX_BULK_SCAN };
  const tasks: TaskRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listTasks(services, { filter, first: MAX_PAGE, after }, caller, budget);
    for (const { node } of page.edges) {
      if (!appliesTo[action](node.state)) continue;
      if (tasks.length === limit) return { tasks, complete: false };
      tasks.push(node);
    }
    if (!page.pageInfo.hasNextPage) return { tasks, complete: true };
    if (budget.remaining <= 0 || !page.pageInfo.endCursor) return { tasks, complete: false };
    after = page.pageInfo.endCursor;
  }
}

export interface BulkOutcome {
  /** Tasks of the filter the action applied to when the call looked. */
  matched: number;
  /** Tasks it retried or cancelled. */
  changed: number;
  /** Tasks that had moved on meanwhile (e.g. finished before the cancel), or failed otherwise. */
  skipped: number;
  /** False when more tasks may match than the call looked at (see MAX_BULK_SCAN, limit). */
  complete: boolean;
}

/**
 * retryTasks / cancelTasks: the action on every task of the filter that it applies to and the
 * caller may see (an admin: everyone's; another token: its own), bounded by `limit`. A task
 * that moved on between the search and the action is skipped, not an error.
 */
export async function bulkTasks(services: Services, filter: TaskFilter, action: BulkAction, caller: Caller | undefined, limit?: number | null): Promise<BulkOutcome> {
  const { tasks, complete } = await findBulk(services, filter, action, caller, limit ?? MAX_BULK);
  let changed = 0;
  let skipped = 0;
  const queue = [...tasks];
  const act = async (task: TaskRecord) => {
    try {
      // A bulk cancel does not wait for each worker's confirmation: a running task ends REVOKED soon after.
      await (action === 'RETRY' ? retryTask(services, task.id, caller) : cancelTask(services, task.id, caller, 0));
      changed++;
    } catch (error) {
      if (!(error instanceof TaskqlError)) {
        taskLogger(services.log, { taskId: task.id, taskType: task.name, traceId: activeTraceId() }).warn({ err: error }, `bulk ${action.toLowerCase()} failed for a task`);
      }
      skipped++;
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await act(task);
    }),
  );
  services.log.info({ action, matched: tasks.length, changed, skipped, by: caller?.name }, 'bulk task action');
  return { matched: tasks.length, changed, skipped, complete };
}
