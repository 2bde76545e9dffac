import type { TaskEvent } from '../queue/task-record.ts';

/**
 * Every Redis pub/sub channel taskql uses, with the payload it carries. Channel names are
 * built here and nowhere else.
 */
export interface TopicPayloads {
  /** Every change of one task (state, progress), published by the worker that runs it. */
  taskUpdated: TaskEvent;
  /** cancelTask of a running task: every worker hears it; the one running the task aborts it. */
  cancelRequested: { id: string };
}

export const topics = {
  taskUpdated: (prefix: string, taskId: string) => `${prefix}:task-updated:${taskId}`,
  cancelRequested: (prefix: string) => `${prefix}:cancel-requested`,
} satisfies Record<keyof TopicPayloads, (prefix: string, ...ids: string[]) => string>;
