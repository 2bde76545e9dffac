import type { Redis } from 'ioredis';
import { taskqlKeys } from './keys.ts';

/** A position in a task list: creation time, then id (both descending). */
export interface Cursor {
  createdAt: number;
  id: string;
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(`${cursor.createdAt}:${cursor.id}`).toString('base64url');

export function decodeCursor(text: string): Cursor | null {
  const raw = Buffer.from(text, 'base64url').toString();
  const colon = raw.indexOf(':');
  const createdAt = Number(raw.slice(0, colon));
  return colon > 0 && Number.isFinite(createdAt) ? { createdAt, id: raw.slice(colon + 1) } : null;
}

/**
 * Task ids by creation time, all together and per task type, for newest-first lists. Written
 * when tasks are created (in the same round trip), trimmed by age; entries whose task has
 * expired are skipped by readers and removed then.
 */
export class TaskIndex {
  readonly #keys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** Entries older than this (seconds) are trimmed. */
    private readonly keepSeconds: number,
  ) {
    this.#keys = taskqlKeys(prefix);
  }

  /** Adds tasks; fire-and-forget friendly (the connection keeps order). */
  add(tasks: readonly { id: string; name: string; createdAt: number }[]): Promise<unknown> {
    const multi = this.redis.multi();
    const oldest = Date.now() - this.keepSeconds * 1000;
    for (const task of tasks) {
      multi.zadd(this.#keys.tasksByCreation, 'NX', task.createdAt, task.id);
      multi.zadd(this.#keys.tasksOfTypeByCreation(task.name), 'NX', task.createdAt, task.id);
    }
    multi.zremrangebyscore(this.#keys.tasksByCreation, '-inf', `(${oldest}`);
    for (const name of new Set(tasks.map((task) => task.name))) {
      multi.zremrangebyscore(this.#keys.tasksOfTypeByCreation(name), '-inf', `(${oldest}`);
    }
    return multi.exec();
  }

  /**
   * Up to `count` entries after `after` (newest first), within [from, to]; ties in creation time
   * are ordered by id, descending.
   */
  async page(
    options: { name?: string; from?: number; to?: number; after?: Cursor },
    count: number,
  ): Promise<Cursor[]> {
    const key = options.name ? this.#keys.tasksOfTypeByCreation(options.name) : this.#keys.tasksByCreation;
    const max = options.after ? options.after.createdAt : (options.to ?? '+inf');
    const min = options.from ?? '-inf';
    const found: Cursor[] = [];
    let offset = 0;
    while (found.length < count) {
      const batch = Math.max(count * 2, 50);
      const flat = await this.redis.zrange(key, max, min, 'BYSCORE', 'REV', 'LIMIT', offset, batch, 'WITHSCORES');
      for (let i = 0; i < flat.length; i += 2) {
        const entry = { id: flat[i]!, createdAt: Number(flat[i + 1]) };
        // Same time as the cursor: only ids below it come after it.
        if (options.after && entry.createdAt === options.after.createdAt && entry.id >= options.after.id) continue;
        found.push(entry);
      }
      if (flat.length < batch * 2) break;
      offset += batch;
    }
    return found.slice(0, count);
  }

  /** Removes entries whose tasks have expired. */
  async forget(entries: readonly { id: string; name?: string }[]): Promise<void> {
    if (entries.length === 0) return;
    const multi = this.redis.multi();
    for (const entry of entries) {
      multi.zrem(this.#keys.tasksByCreation, entry.id);
      if (entry.name) multi.zrem(this.#keys.tasksOfTypeByCreation(entry.name), entry.id);
    }
    await multi.exec();
  }
}
