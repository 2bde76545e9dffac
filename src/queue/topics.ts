import type { TaskEvent } from './task-record.ts';

/**
 * Every Redis pub/sub channel taskql uses, with the payload it carries. Channel names are
 * built here and nowhere else.
 */
export interface TopicPayloads {
  /** Every change of one task (state, progress), published by the worker that runs it. */
  taskUpdated: TaskEvent;
  /** cancelTask of a running task: every worker hears it; the one running the task aborts it. */
  cancelRequested: { id: string };
  /** Every change of every task (the live feed behind taskEvents and the dashboard). */
  taskFeed: FeedEvent;
}

/** A task event on the global feed: the event, plus which task it is. */
export interface FeedEvent extends TaskEvent {
  id: string;
  name: string;
  queue: string;
  /** The API token (name) that owns the task, when auth is on. */
  owner?: string;
}

/** Which task a feed event is about: FeedEvent's own fields. */
export type FeedTask = Pick<FeedEvent, 'id' | 'name' | 'queue' | 'owner'>;

/**
 * The feed's fields of a task, as every publisher of the feed writes them (taskql's Lua
 * scripts splice them in as JSON members; REVOKE_TASK, which knows only the task's id, reads
 * the same fields from the job hash).
 */
export const feedTask = (task: { id: string; name: string; queue: string; owner?: string | null }): FeedTask => ({
  id: task.id,
  name: task.name,
  queue: task.queue,
  owner: task.owner ?? undefined,
});

/** A task's event as the feed carries it (in the order the Lua scripts write it: seq, the task, the event). */
export function feedEvent(task: Parameters<typeof feedTask>[0], event: TaskEvent): FeedEvent {
  const { seq, ...change } = event;
  return { seq, ...feedTask(task), ...change };
}

export const topics = {
  taskUpdated: (prefix: string, taskId: string) => `${prefix}:task-updated:${taskId}`,
  cancelRequested: (prefix: string) => `${prefix}:cancel-requested`,
  taskFeed: (prefix: string) => `${prefix}:task-feed`,
} satisfies Record<keyof TopicPayloads, (prefix: string, ...ids: string[]) => string>;
