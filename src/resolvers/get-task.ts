import type { TaskRecord } from '../queue/task-record.ts';
import type { Services } from './services.ts';

/** The task as stored now; null for an id nobody knows (never a made-up PENDING). */
export function getTask(services: Services, id: string): Promise<TaskRecord | null> {
  return services.store.read(id);
}

/** The lines the task's handler wrote with ctx.log, oldest first. */
export function getTaskLogs(services: Services, task: TaskRecord): Promise<string[]> {
  return services.store.logs(task);
}
