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

export const topics = {
  taskUpdated: (prefix: string, taskId: string) => `${prefix}:task-updated:${taskId}`,
  cancelRequested: (prefix: string) => `${prefix}:cancel-requested`,
  taskFeed: (prefix: string) => `${prefix}:task-feed`,
} satisfies Record<keyof TopicPayloads, (prefix: string, ...ids: string[]) => string>;
