import type { RedisClient } from '../redis/connections.ts';
import { taskqlKeys } from './keys.ts';
import type { TaskState } from './task-record.ts';

/** One state change of a task, as its timeline keeps it. */
export interface TimelineEntry {
  state: TaskState;
  /** When (ms since the epoch). */
  at: number;
  /** The attempt it belongs to (1 for the first), when there was one. */
  attempt?: number;
  /** The worker process that reported it (STARTED and the outcome of an attempt). */
  worker?: string;
  /** What happened, for failures, retries, cancels ("name: message"), or a progress report's message. */
  note?: string;
  /** Set for a progress report that had a message (the task is STARTED then): its percent. */
  percent?: number;
}

/**
 * Entries kept per task (the newest).
 * @defaultValue 100
 */
export const TIMELINE_LENGTH = 100;

/** A timeline outlives its task's retention by this much (a task may run for a while). */
const MARGIN_SECONDS = 7 * 86_400;

/** How long a timeline is kept, for tasks kept `retentionSeconds`. */
export const timelineSeconds = (retentionSeconds: number): number => retentionSeconds + MARGIN_SECONDS;

/**
 * Each task's state changes with their times, attempts and workers, and its progress reports
 * that carry a message (its creation is the task's own createdAt): a Redis list per task,
 * appended by whoever changes the state (workers for attempts, the API for cancels and
 * retries), trimmed, expiring after the task's retention.
 * A worker's entries go out in the same Lua call as the event they record (TaskEventPublisher),
 * so a subscriber that sees the event finds the entry; this class writes the API's and reads.
 * An attempt that succeeds before its STARTED goes out stores none: its STARTED and SUCCESS are
 * the task's own fields, which getTaskTimeline reads them from (most short tasks then keep no list).
 */
export class TaskTimeline {
  readonly #keys;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    /** How long finished tasks stay readable, in seconds (see TaskStoreSettings.retentionSeconds). */
    private readonly retentionSeconds: number,
  ) {
    this.#keys = taskqlKeys(prefix);
  }

  /** Appends one entry, in one write (a pipeline: no MULTI needed for one list). */
  async append(id: string, entry: TimelineEntry): Promise<void> {
    const key = this.#keys.timeline(id);
    await this.redis
      .pipeline()
      .rpush(key, JSON.stringify(entry))
      .ltrim(key, -TIMELINE_LENGTH, -1)
      .expire(key, timelineSeconds(this.retentionSeconds))
      .exec();
  }

  /** The entries, oldest first. */
  async read(id: string): Promise<TimelineEntry[]> {
    const lines = await this.redis.lrange(this.#keys.timeline(id), 0, -1);
    return lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as TimelineEntry];
      } catch {
        return [];
      }
    });
  }
}
