import { NotFoundError, BadUserInputError } from './errors.ts';
import type { Services } from './services.ts';

export interface QueueInfo {
  name: string;
  paused: boolean;
}

/** The queue's name, once it is known to exist. */
const known = ({ queues }: Services, name: string): string => {
  if (!queues.has(name)) throw new NotFoundError(`No queue "${name}". Queues: ${queues.names().join(', ')}.`);
  return name;
};

export async function listQueues({ queues }: Services): Promise<QueueInfo[]> {
  return Promise.all(queues.names().map(async (name) => ({ name, paused: await queues.isPaused(name) })));
}

/** Workers stop taking tasks from the queue (running ones finish); runTask still queues. */
export async function pauseQueue(services: Services, name: string): Promise<QueueInfo> {
  await services.queues.pause(known(services, name));
  return { name, paused: true };
}

export async function resumeQueue(services: Services, name: string): Promise<QueueInfo> {
  await services.queues.resume(known(services, name));
  return { name, paused: false };
}

/** Removes every task waiting in the queue (not scheduled, running or finished ones); answers how many. */
export function drainQueue(services: Services, name: string): Promise<number> {
  return services.queues.drainWaiting(known(services, name));
}

/** Removes finished tasks older than `olderThanMs`; answers how many. */
export function cleanQueue(services: Services, name: string, olderThanMs: number): Promise<number> {
  if (!Number.isInteger(olderThanMs) || olderThanMs < 0) throw new BadUserInputError('Invalid olderThanMs: a whole number of milliseconds, 0 or more.');
  return services.queues.cleanFinished(known(services, name), olderThanMs);
}
