import { canSee, type Caller } from '../auth.ts';
import type { TaskRecord } from '../queue/task-record.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import type { Services } from './services.ts';

/**
 * Runs a FAILURE or REVOKED task again under the same id, as a fresh run: attempts count from
 * zero again, with the same maxAttempts. Anything else is CONFLICT.
 */
export async function retryTask(services: Services, id: string, caller?: Caller): Promise<TaskRecord> {
  const task = await services.store.read(id);
  if (!task || !canSee(caller, task.owner)) throw new NotFoundError(`No task with id "${id}"`);
  const conflict = () =>
    new ConflictError(`Task "${id}" is ${task.state}; only a FAILURE or REVOKED task can be retried.`);
  if (task.state !== 'FAILURE' && task.state !== 'REVOKED') throw conflict();
  if (!(await services.store.retry(task))) throw conflict();
  return (await services.store.read(id)) ?? task;
}
