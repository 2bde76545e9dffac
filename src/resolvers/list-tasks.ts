import { canSee, type Caller } from '../auth.ts';
import { decodeCursor, encodeCursor, PREFIX_SCAN_COUNT, type Cursor, type IndexOrder, type TaskIndex } from '../queue/task-index.ts';
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

/**
 * NEWEST_FIRST (the default) or OLDEST_FIRST, by creation time; LONGEST_FIRST or SHORTEST_FIRST,
 * finished tasks by their last attempt's runtime.
 */
export type TaskOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST' | 'LONGEST_FIRST' | 'SHORTEST_FIRST';

const ORDERS: Record<TaskOrder, { by: IndexOrder; ascending: boolean }> = {
  NEWEST_FIRST: { by: 'created', ascending: false },
  OLDEST_FIRST: { by: 'created', ascending: true },
  LONGEST_FIRST: { by: 'runtime', ascending: false },
  SHORTEST_FIRST: { by: 'runtime', ascending: true },
};

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
 * An id prefix is looked up in the index alone (a scan of its entries, no task read): entries
 * scanned count against the request's scan budget at this many per task read.
 */
const PREFIX_ENTRIES_PER_READ = 100;
/**
 * A prefix that more index entries match than this is short (its tasks are many, so dense in
 * the list): the list is read in order and the prefix checked on each task instead.
 */
const MAX_PREFIX_MATCHES = 10_000;

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

/** Where a list's entries come from, in the list's order: `count` of them after `after`. */
type EntrySource = (after: Cursor | undefined, count: number) => Promise<Cursor[]>;

/**
 * `tasks(filter, first, after, order)`: newest first by creation time (or as `order` says).
 * Name and time range use the index, an id prefix a scan of it; the state (which changes all
 * the time) is checked on the tasks read, a bounded number per page, so a page stays fast
 * however many tasks are retained.
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
  const { by, ascending } = ORDERS[args.order ?? 'NEWEST_FIRST'];
  const { index } = services.store;
  const range = { name: filter.name ?? undefined, from: filter.createdAfter?.getTime(), to: filter.createdBefore?.getTime(), ascending, by };
  const source: EntrySource =
    (filter.idPrefix && by === 'created' && (await prefixSource(index, filter.idPrefix, ascending, budget))) ||
    ((after, count) => index.page({ ...range, after }, count));

  const found: { cursor: Cursor; node: TaskRecord }[] = [];
  let exhausted = false;
  // A page looks at the budget's worth of tasks at most: with a state filter that matches few,
  // it can come back short (even empty) with hasNextPage, and the client goes on from endCursor.
  while (found.length <= first && budget.remaining > 0 && !budget.signal?.aborted) {
    // Taken before reading: the request's other list fields run at the same time.
    const batch = Math.min(BATCH, budget.remaining);
    budget.remaining -= batch;
    const entries = await source(cursor, batch);
    budget.remaining += batch - entries.length;
    const tasks = await Promise.all(entries.map((entry) => services.store.read(entry.id)));
    const gone: { id: string; name?: string }[] = [];
    for (const [i, entry] of entries.entries()) {
      cursor = entry;
      const task = tasks[i];
      if (!task) gone.push({ id: entry.id, name: range.name });
      // A task retried since (running again) is in the runtime index with its earlier runtime.
      else if (matchesFilter(task, filter, caller) && (by === 'created' || task.finishedAt)) found.push({ cursor: entry, node: task });
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

/**
 * The index entries whose id starts with `prefix`, in the list's order, from one scan of the
 * index; undefined when more than MAX_PREFIX_MATCHES match (or the budget runs out first): the
 * list is then read in order with the prefix checked on each task.
 */
async function prefixSource(index: TaskIndex, prefix: string, ascending: boolean, budget: ScanBudget): Promise<EntrySource | undefined> {
  const matches: Cursor[] = [];
  for await (const entries of index.withPrefix(prefix.toLowerCase())) {
    matches.push(...entries);
    budget.remaining -= PREFIX_SCAN_COUNT / PREFIX_ENTRIES_PER_READ;
    if (matches.length > MAX_PREFIX_MATCHES || budget.remaining <= 0 || budget.signal?.aborted) return undefined;
  }
  // The list's order: by score, then id (both descending, or both ascending), as TaskIndex.page.
  const sign = ascending ? 1 : -1;
  const order = (a: Cursor, b: Cursor) => sign * (a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  matches.sort(order);
  return async (after, count) => {
    const start = after ? matches.findIndex((entry) => order(entry, after) > 0) : 0;
    return start < 0 ? [] : matches.slice(start, start + count);
  };
}

/** A filter on a whole id: that one task (when it matches the rest), on one page. */
async function wholeId(services: Services, filter: TaskFilter, caller: Caller | undefined, after: Cursor | undefined): Promise<TaskPage> {
  const task = after ? null : await services.store.read(filter.idPrefix!.toLowerCase());
  const edges = task && matchesFilter(task, filter, caller) ? [{ cursor: encodeCursor({ score: task.createdAt.getTime(), id: task.id }), node: task }] : [];
  return { edges, pageInfo: { hasNextPage: false, endCursor: edges[0]?.cursor ?? null } };
}
