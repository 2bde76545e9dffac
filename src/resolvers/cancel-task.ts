import type { Caller } from '../auth.ts';
import { taskLogger } from '../logger.ts';
import { activeTraceId } from '../telemetry/task-tracing.ts';
import { isTerminal, type TaskRecord } from '../queue/task-record.ts';
import { CANCELLED_MESSAGE } from '../tasks/index.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import type { Services } from './services.ts';
import { watchTask } from './watch-task.ts';

/**
 * How long cancelTask waits for the worker running a task to confirm the cancel. A task no
 * worker holds (its worker died) stays marked, is revoked when it is picked up again, and
 * cancelTask answers it as it is.
 * @defaultValue 5000
 */
export const CANCEL_WAIT_MS = 5000;

/**
 * PENDING, SCHEDULED or RETRY: leaves its queue and is REVOKED at once. STARTED: the worker
 * running it, on whatever machine, aborts it and it ends REVOKED. Finished: CONFLICT.
 */
export async function cancelTask(services: Services, id: string, caller?: Caller, waitMs = CANCEL_WAIT_MS): Promise<TaskRecord> {
  // Follow the task first, so the outcome cannot slip by between acting and looking.
  const updates = (await watchTask(services, id, caller))[Symbol.asyncIterator]();
  try {
    const first = await updates.next();
    const task = first.value as TaskRecord;
    if (isTerminal(task.state)) throw finished(task);

    const { store, cancelRequests, log } = services;
    const outcome = await store.revoke(task, CANCELLED_MESSAGE);
    if (outcome === 'unknown') throw new NotFoundError(`No task with id "${id}"`);
    if (outcome === 'revoked') await store.revokeDependents(task.dependents, `Step "${task.name}" (${id}) was revoked`);
    if (outcome === 'active') {
      await cancelRequests.send(id);
      taskLogger(log, { taskId: id, taskType: task.name, traceId: activeTraceId() }).info('cancel requested from the worker running the task');
    }
    const final = (await finalStateWithin(updates, waitMs)) ?? (await store.read(id)) ?? task;
    if (isTerminal(final.state) && final.state !== 'REVOKED') throw finished(final);
    return final;
  } finally {
    await updates.return?.();
  }
}

const finished = (task: TaskRecord) =>
  new ConflictError(`Task "${task.id}" has already finished (${task.state}); only an unfinished task can be cancelled.`);

/** The final state the stream reaches within `waitMs`, or undefined. */
async function finalStateWithin(updates: AsyncIterator<TaskRecord>, waitMs: number): Promise<TaskRecord | undefined> {
  const deadline = setTimeout(() => void updates.return?.(), waitMs);
  try {
    for (;;) {
      const { value, done } = await updates.next();
      if (done) return undefined;
      if (isTerminal(value.state)) return value;
    }
  } finally {
    clearTimeout(deadline);
  }
}
