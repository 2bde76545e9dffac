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
  return [created, ...recorded, ...(task.state === 'SUCCESS' && !recorded.some((entry) => entry.state === 'SUCCESS') ? lastAttempt(task) : [])];
}

/**
 * The STARTED and SUCCESS of a task's last attempt, from its own fields: a worker stores no
 * entries for an attempt that succeeded before its STARTED went out (TaskWorker#emit).
 */
function lastAttempt(task: TaskRecord): TimelineEntry[] {
  const by = { attempt: task.attempts, ...(task.worker !== null && { worker: task.worker }) };
  return [
    ...(task.startedAt ? [{ state: 'STARTED' as const, at: task.startedAt.getTime(), ...by }] : []),
    ...(task.finishedAt ? [{ state: 'SUCCESS' as const, at: task.finishedAt.getTime(), ...by }] : []),
  ];
}

/** A failure's stack is for operators: admins see it (everyone, with auth off); others get null. */
export const taskErrorStack = (task: TaskRecord, authEnabled: boolean, caller: Caller | undefined): string | null =>
  !authEnabled || isAdmin(caller) ? task.errorStack : null;
