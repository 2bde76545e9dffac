import type { RedisClient } from '../redis/connections.ts';
import { taskqlKeys } from './keys.ts';

/**
 * A position in a task list: the entry's score in its index (creation time, or runtime for
 * lists by duration, in ms), then its id.
 */
export interface Cursor {
  score: number;
  id: string;
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(`${cursor.score}:${cursor.id}`).toString('base64url');

export function decodeCursor(text: string): Cursor | null {
  const raw = Buffer.from(text, 'base64url').toString();
  const colon = raw.indexOf(':');
  const score = Number(raw.slice(0, colon));
  return colon > 0 && Number.isFinite(score) ? { score, id: raw.slice(colon + 1) } : null;
}

/** Index entries one step of a prefix scan looks at (ZSCAN's COUNT: Redis' guide, not a bound). */
export const PREFIX_SCAN_COUNT = 1000;

/** Which index a list reads: tasks by creation time, or finished tasks by their runtime. */
export type IndexOrder = 'created' | 'runtime';

/** A new task's index entry, and (with `feed`) what the live feed is told of it. */
export interface Announcement {
  task: { id: string; name: string; createdAt: number };
  feed?: { channel: string; message: string };
}

/**
 * Task ids by creation time, all together and per task type, for newest-first lists, written
 * when tasks are created (in the same round trip); and finished tasks by runtime, written with
 * their final state (task-event-publisher.ts). Trimmed by creation time; entries whose task has
 * expired are skipped by readers and removed then.
 */
export class TaskIndex {
  readonly #keys;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    /** Entries older than this (seconds) are trimmed. */
    private readonly keepSeconds: number,
  ) {
    this.#keys = taskqlKeys(prefix);
  }

  #lastTrim = 0;
  /** The last trim left old entries: trim again with the next task rather than in a minute. */
  #behind = false;

  /**
   * Lists a task, and (with `feed`) announces it on the live feed, in one Redis call; old
   * entries are trimmed at most once a minute per process. Fire-and-forget friendly.
   */
  add(task: { id: string; name: string; createdAt: number }, feed?: { channel: string; message: string }): Promise<unknown> {
    return this.#announce(this.redis, task, feed);
  }

  /** Like `add` for many tasks, sent as one pipeline (one write for a whole batch). */
  async addMany(tasks: readonly Announcement[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    this.addIn(pipeline, tasks);
    await pipeline.exec();
  }

  /** Like `add` for many tasks, as commands of `target` (a transaction that also adds them). */
  addIn(target: ReturnType<RedisClient['pipeline']>, tasks: readonly Announcement[]): void {
    for (const { task, feed } of tasks) void this.#announce(target, task, feed);
  }

  #announce(
    target: Pick<RedisClient, 'tqAnnounceTask'> | ReturnType<RedisClient['pipeline']>,
    task: { id: string; name: string; createdAt: number },
    feed?: { channel: string; message: string },
  ): Promise<unknown> {
    const now = Date.now();
    const trim = this.#behind || now - this.#lastTrim > 60_000;
    if (trim) {
      this.#lastTrim = now;
      this.#behind = false;
    }
    const announced = (target as RedisClient).tqAnnounceTask(
      this.#keys.tasksByCreation,
      this.#keys.tasksOfTypeByCreation(task.name),
      this.#keys.tasksByRuntime,
      task.createdAt,
      task.id,
      feed?.channel ?? '',
      trim ? String(now - this.keepSeconds * 1000) : '',
      feed?.message ?? '',
    );
    // A pipeline's answers come with its exec; a trim there that is left behind waits a minute.
    if (trim && announced instanceof Promise) void announced.then((behind) => behind === 1 && (this.#behind = true), () => undefined);
    return announced;
  }

  /**
   * Up to `count` entries after `after`, newest first (or oldest first with `ascending`), within
   * [from, to] of creation time; ties are ordered by id (descending, or ascending). With `by:
   * 'runtime'`: finished tasks, longest runtime first (shortest with `ascending`), of all types
   * and times (the caller checks those on the tasks).
   */
  async page(
    options: { name?: string; from?: number; to?: number; after?: Cursor; ascending?: boolean; by?: IndexOrder },
    count: number,
  ): Promise<Cursor[]> {
    const byRuntime = options.by === 'runtime';
    const key = byRuntime ? this.#keys.tasksByRuntime : options.name ? this.#keys.tasksOfTypeByCreation(options.name) : this.#keys.tasksByCreation;
    const { after, ascending } = options;
    const high = !ascending && after ? after.score : ((byRuntime ? undefined : options.to) ?? '+inf');
    const low = ascending && after ? after.score : ((byRuntime ? undefined : options.from) ?? '-inf');
    const found: Cursor[] = [];
    let offset = 0;
    while (found.length < count) {
      const batch = Math.max(count * 2, 50);
      const flat = ascending
        ? await this.redis.zrange(key, low, high, 'BYSCORE', 'LIMIT', offset, batch, 'WITHSCORES')
        : await this.redis.zrange(key, high, low, 'BYSCORE', 'REV', 'LIMIT', offset, batch, 'WITHSCORES');
      for (let i = 0; i < flat.length; i += 2) {
        const entry = { id: flat[i]!, score: Number(flat[i + 1]) };
        // Same score as the cursor: only ids beyond it (in the list's order) come after it.
        if (after && entry.score === after.score && (ascending ? entry.id <= after.id : entry.id >= after.id)) continue;
        found.push(entry);
      }
      if (flat.length < batch * 2) break;
      offset += batch;
    }
    return found.slice(0, count);
  }

  /**
   * Ids that start with `prefix` and their creation times, a batch of a Redis scan (about
   * PREFIX_SCAN_COUNT entries looked at) at a time, in no particular order: it reads the index
   * alone (no task), so finding the few tasks of a long prefix costs a pass over the index, not
   * a read of each task.
   */
  async *withPrefix(prefix: string): AsyncGenerator<Cursor[]> {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.zscan(this.#keys.tasksByCreation, cursor, 'MATCH', pattern, 'COUNT', PREFIX_SCAN_COUNT);
      cursor = next;
      const entries: Cursor[] = [];
      for (let i = 0; i < flat.length; i += 2) entries.push({ id: flat[i]!, score: Number(flat[i + 1]) });
      if (entries.length > 0) yield entries;
    } while (cursor !== '0');
  }

  /** Removes entries whose tasks have expired. */
  async forget(entries: readonly { id: string; name?: string }[]): Promise<void> {
    if (entries.length === 0) return;
    const multi = this.redis.multi();
    for (const entry of entries) {
      multi.zrem(this.#keys.tasksByCreation, entry.id);
      multi.zrem(this.#keys.tasksByRuntime, entry.id);
      if (entry.name) multi.zrem(this.#keys.tasksOfTypeByCreation(entry.name), entry.id);
    }
    await multi.exec();
  }
}
