import type { TaskRecord } from '../queue/task-record.ts';
import type { Services } from './services.ts';

/** States in which a task waits for a worker to take it. */
const WAITING = new Set(['PENDING', 'RETRY']);

/**
 * Task.waitingFor: set while the task waits and no running worker knows its type on its queue
 * (a mixed fleet mid-deploy, or no worker for that queue at all): says what it waits for.
 */
export async function waitingFor(services: Services, task: Pick<TaskRecord, 'state' | 'name' | 'queue'>): Promise<string | null> {
  if (!WAITING.has(task.state)) return null;
  if (await services.fleet.knows(task.queue, task.name)) return null;
  return `a worker that runs task type "${task.name}" on queue "${task.queue}": no running worker does`;
}
