import { canSee, type Caller } from '../auth.ts';
import { decodeCursor, encodeCursor, type Cursor } from '../queue/task-index.ts';
import type { TaskRecord, TaskState } from '../queue/task-record.ts';
import { BadUserInputError } from './errors.ts';
import type { Services } from './services.ts';

export interface TaskFilter {
  state?: TaskState | null;
  name?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

export interface TaskPage {
  edges: { cursor: string; node: TaskRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 20;
const BATCH = 100;

/**
 * What one request may still scan: every list field of the request draws from it (so 50 aliases
 * of `tasks` scan no more than one does), and it stops when the client has gone.
 */
export interface ScanBudget {
  /** Tasks the request may still read (MAX_SCAN_PER_REQUEST at its start). */
  remaining: number;
  /** Aborts when the client is gone: scanning stops there. */
  readonly signal?: AbortSignal;
}

/**
 * `tasks(filter, first, after)`: newest first, by creation time. Name and time range use the
 * index; the state (which changes all the time) is checked on the tasks read, a bounded
 * number per page, so a page stays fast however many tasks are retained.
 */
export async function listTasks(
  services: Services,
  args: { filter?: TaskFilter | null; first?: number | null; after?: string | null },
  caller: Caller | undefined,
  budget: ScanBudget,
): Promise<TaskPage> {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new BadUserInputError(`Invalid first: a whole number from 1 to ${MAX_PAGE}.`);
  }
  let cursor: Cursor | undefined;
  if (args.after != null) {
    cursor = decodeCursor(args.after) ?? undefined;
    if (!cursor) throw new BadUserInputError('Invalid after: not a cursor from this list.');
  }
  const filter = args.filter ?? {};
  const range = { name: filter.name ?? undefined, from: filter.createdAfter?.getTime(), to: filter.createdBefore?.getTime() };
  const { index } = services.store;

  const found: { cursor: Cursor; node: TaskRecord }[] = [];
  let exhausted = false;
  // A page looks at the budget's worth of tasks at most: with a state filter that matches few,
  // it can come back short (even empty) with hasNextPage, and the client goes on from endCursor.
  while (found.length <= first && budget.remaining > 0 && !budget.signal?.aborted) {
    // Taken before reading: the request's other list fields run at the same time.
    const batch = Math.min(BATCH, budget.remaining);
    budget.remaining -= batch;
    const entries = await index.page({ ...range, after: cursor }, batch);
    budget.remaining += batch - entries.length;
    const tasks = await Promise.all(entries.map((entry) => services.store.read(entry.id)));
    const gone: { id: string; name?: string }[] = [];
    for (const [i, entry] of entries.entries()) {
      cursor = entry;
      const task = tasks[i];
      if (!task) gone.push({ id: entry.id, name: range.name });
      else if ((!filter.state || task.state === filter.state) && canSee(caller, task.owner)) found.push({ cursor: entry, node: task });
      if (found.length > first) break;
    }
    await index.forget(gone);
    if (entries.length < batch) {
      exhausted = found.length <= first;
      break;
    }
  }
  const page = found.slice(0, first);
  const hasNextPage = found.length > first || !exhausted;
  const last = page.length === first || exhausted ? page.at(-1)?.cursor : cursor;
  return {
    edges: page.map((edge) => ({ cursor: encodeCursor(edge.cursor), node: edge.node })),
    pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last) : null },
  };
}
