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
  /** The task id, or its beginning (as the dashboard and the CLI show it, e.g. 8 characters). */
  idPrefix?: string | null;
  /** A field of the input (a dotted path) and the value it must equal, or a text it must contain. */
  input?: InputMatch | null;
}

export interface InputMatch {
  field: string;
  equals?: unknown;
  contains?: string | null;
}

/** NEWEST_FIRST (the default) or OLDEST_FIRST, by creation time. */
export type TaskOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

/** A whole task id (a UUID): read at once, not searched for. */
const WHOLE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_INPUT_PATH = 10;

/** Checks a filter's own fields (BAD_USER_INPUT naming the field). */
export function checkFilter(filter: TaskFilter): void {
  if (filter.idPrefix != null && !/^[\w-]{1,64}$/.test(filter.idPrefix)) {
    throw new BadUserInputError('Invalid filter.idPrefix: 1 to 64 letters, digits, "-" or "_".');
  }
  const match = filter.input;
  if (match) {
    const path = match.field.split('.');
    if (match.field === '' || path.length > MAX_INPUT_PATH || path.some((part) => part === '' || part in Object.prototype)) {
      throw new BadUserInputError(`Invalid filter.input.field: a field name, or a dotted path of up to ${MAX_INPUT_PATH} names.`);
    }
    if ((match.equals === undefined) === (match.contains == null)) {
      throw new BadUserInputError('Invalid filter.input: give exactly one of equals and contains.');
    }
  }
}

function inputValue(input: unknown, field: string): unknown {
  let value = input;
  for (const part of field.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Deep equality of JSON values (key order aside). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Whether the task passes the filter's fields that the index cannot answer, and the caller may see it. */
export function matchesFilter(task: TaskRecord, filter: TaskFilter, caller: Caller | undefined): boolean {
  if (!canSee(caller, task.owner)) return false;
  if (filter.state && task.state !== filter.state) return false;
  if (filter.idPrefix && !task.id.toLowerCase().startsWith(filter.idPrefix.toLowerCase())) return false;
  if (filter.name && task.name !== filter.name) return false;
  if (filter.createdAfter && task.createdAt < filter.createdAfter) return false;
  if (filter.createdBefore && task.createdAt > filter.createdBefore) return false;
  const match = filter.input;
  if (match) {
    const value = inputValue(task.input, match.field);
    if (match.contains != null) {
      const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
      if (!text.toLowerCase().includes(match.contains.toLowerCase())) return false;
    } else if (!sameJson(value, match.equals)) return false;
  }
  return true;
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
  args: { filter?: TaskFilter | null; first?: number | null; after?: string | null; order?: TaskOrder | null },
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
  checkFilter(filter);
  if (filter.idPrefix && WHOLE_ID.test(filter.idPrefix)) return wholeId(services, filter, caller, cursor);
  const range = {
    name: filter.name ?? undefined,
    from: filter.createdAfter?.getTime(),
    to: filter.createdBefore?.getTime(),
    ascending: args.order === 'OLDEST_FIRST',
  };
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
      else if (matchesFilter(task, filter, caller)) found.push({ cursor: entry, node: task });
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

/** A filter on a whole id: that one task (when it matches the rest), on one page. */
async function wholeId(services: Services, filter: TaskFilter, caller: Caller | undefined, after: Cursor | undefined): Promise<TaskPage> {
  const task = after ? null : await services.store.read(filter.idPrefix!.toLowerCase());
  const edges = task && matchesFilter(task, filter, caller) ? [{ cursor: encodeCursor({ createdAt: task.createdAt.getTime(), id: task.id }), node: task }] : [];
  return { edges, pageInfo: { hasNextPage: false, endCursor: edges[0]?.cursor ?? null } };
}
