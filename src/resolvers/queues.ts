import { NotFoundError, BadUserInputError } from './errors.ts';
import type { Services } from './services.ts';

export interface QueueInfo {
  name: string;
  paused: boolean;
}

const queueOf = (services: Services, name: string) => {
  if (!services.store.queueNames().includes(name)) {
    throw new NotFoundError(`No queue "${name}". Queues: ${services.store.queueNames().join(', ')}.`);
  }
  return services.store.queue(name);
};

export async function listQueues(services: Services): Promise<QueueInfo[]> {
  return Promise.all(services.store.queueNames().map(async (name) => ({ name, paused: await services.store.queue(name).isPaused() })));
}

/** Workers stop taking tasks from the queue (running ones finish); runTask still queues. */
export async function pauseQueue(services: Services, name: string): Promise<QueueInfo> {
  await queueOf(services, name).pause();
  return { name, paused: true };
}

export async function resumeQueue(services: Services, name: string): Promise<QueueInfo> {
  await queueOf(services, name).resume();
  return { name, paused: false };
}

/** Removes every task waiting in the queue (not scheduled, running or finished ones); answers how many. */
export async function drainQueue(services: Services, name: string): Promise<number> {
  const queue = queueOf(services, name);
  const before = await queue.getJobCounts('wait', 'prioritized');
  await queue.drain(false);
  return Object.values(before).reduce((sum, n) => sum + n, 0);
}

/** Removes finished tasks older than `olderThanMs`; answers how many. */
export async function cleanQueue(services: Services, name: string, olderThanMs: number): Promise<number> {
  if (!Number.isInteger(olderThanMs) || olderThanMs < 0) throw new BadUserInputError('Invalid olderThanMs: a whole number of milliseconds, 0 or more.');
  const queue = queueOf(services, name);
  const limit = 100_000;
  const removed = await Promise.all([queue.clean(olderThanMs, limit, 'completed'), queue.clean(olderThanMs, limit, 'failed')]);
  return removed.flat().length;
}
