import { canSee, isAdmin, type Caller } from '../auth.ts';
import type { TimelineEntry } from '../queue/task-timeline.ts';
import type { TaskRecord } from '../queue/task-record.ts';
import type { Services } from './services.ts';

/**
 * The task as stored now; null for an id nobody knows (never a made-up PENDING), and for a
 * task of another token (unless the caller is admin).
 */
export async function getTask(services: Services, id: string, caller?: Caller): Promise<TaskRecord | null> {
  const task = await services.store.read(id);
  return task && canSee(caller, task.owner) ? task : null;
}

/** The lines the task's handler wrote with ctx.log, oldest first. */
export function getTaskLogs(services: Services, task: TaskRecord): Promise<string[]> {
  return services.store.logs(task);
}

/** The task's state changes, oldest first: its creation, then what workers and the API recorded. */
export async function getTaskTimeline(services: Services, task: TaskRecord): Promise<TimelineEntry[]> {
  const created: TimelineEntry = { state: 'PENDING', at: task.createdAt.getTime(), note: 'created' };
  const recorded = await services.store.timeline.read(task.id);
  return [created, ...recorded, ...untold(task, recorded)];
}

/**
 * The STARTED and SUCCESS of a successful task's last attempt that its timeline does not hold:
 * a worker stores no entries for an attempt that succeeded before its STARTED went out
 * (TaskWorker#emit), and they are the task's own fields. Only what is missing for that attempt
 * since the task was last queued again (retryTask's PENDING): a STARTED stored on its own is not
 * told twice, nor a SUCCESS whose write is still on its way. (An attempt that left no entries and
 * was then run again from bull-board, which keeps counting attempts, is not told: its fields are
 * the later attempt's now.)
 */
function untold(task: TaskRecord, recorded: readonly TimelineEntry[]): TimelineEntry[] {
  if (task.state !== 'SUCCESS') return [];
  const since = recorded.slice(recorded.findLastIndex((entry) => entry.state === 'PENDING') + 1);
  const has = (state: 'STARTED' | 'SUCCESS') => since.some((entry) => entry.state === state && entry.attempt === task.attempts && entry.percent === undefined);
  const by = { attempt: task.attempts, ...(task.worker !== null && { worker: task.worker }) };
  return [
    ...(task.startedAt && !has('STARTED') && !has('SUCCESS') ? [{ state: 'STARTED' as const, at: task.startedAt.getTime(), ...by }] : []),
    ...(task.finishedAt && !has('SUCCESS') ? [{ state: 'SUCCESS' as const, at: task.finishedAt.getTime(), ...by }] : []),
  ];
}

/** A failure's stack is for operators: admins see it (everyone, with auth off); others get null. */
export const taskErrorStack = (task: TaskRecord, authEnabled: boolean, caller: Caller | undefined): string | null =>
  !authEnabled || isAdmin(caller) ? task.errorStack : null;
