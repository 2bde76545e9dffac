import type { TaskRecord } from '../queue/task-record.ts';
import type { Services } from './services.ts';

/** The task as stored now; null for an id nobody knows (never a made-up PENDING). */
export function getTask(services: Services, id: string): Promise<TaskRecord | null> {
  return services.store.read(id);
}
