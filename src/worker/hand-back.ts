import { DelayedError, type Job } from 'bullmq';
import type { Logger } from '../logger.ts';
import { taskqlKeys } from '../queue/keys.ts';
import type { TaskJobData } from '../queue/task-record.ts';
import type { TaskStore } from '../queue/task-store.ts';
import type { RedisClient } from '../redis/connections.ts';

/**
 * Mixed fleets. A worker takes whatever task comes first from the queues it serves (a BullMQ
 * Worker cannot pick by task type), so during a rolling deploy an old worker gets tasks of a
 * type only new workers know. It does not fail them: it hands them back, uncounted, for a worker
 * that knows the type, and lists them as awaiting one (`awaitingWorker`); a worker that knows the
 * type offers them again at once when it starts and on each of its heartbeats.
 */

/** What `awaitingWorker` holds per task. */
export interface AwaitingEntry {
  name: string;
  queue: string;
}

/**
 * How long a handed-back task stays out of its queue before any worker may take it again, after
 * its first hand-back; it doubles with each further one, up to HAND_BACK_MAX_DELAY_MS. So an old
 * worker alone does not spin on such tasks; a worker that knows the type does not wait for this.
 * @defaultValue 500
 */
export const HAND_BACK_FIRST_DELAY_MS = 500;
/** @defaultValue 60000 */
export const HAND_BACK_MAX_DELAY_MS = 60_000;

export const handBackDelayMs = (handBacks: number): number =>
  Math.min(HAND_BACK_MAX_DELAY_MS, HAND_BACK_FIRST_DELAY_MS * 2 ** Math.max(0, handBacks - 1));

/**
 * Gives a task this worker cannot run back to its queue (through BullMQ's delayed set), without
 * counting an attempt. Resolves with the DelayedError the processor must throw, so that BullMQ
 * neither completes nor fails the task; or with 'revoke' when cancelTask marked the task while
 * this worker held it (nothing handed back: the caller revokes it).
 */
export async function handBack(
  redis: RedisClient,
  prefix: string,
  job: Job<TaskJobData>,
  jobKey: string,
  token: string,
  log: Logger,
): Promise<DelayedError | 'revoke'> {
  const entry: AwaitingEntry = { name: job.name, queue: job.queueName };
  const handBacks = await redis.tqHandBack(jobKey, taskqlKeys(prefix).awaitingWorker, job.id!, JSON.stringify(entry));
  if (handBacks < 0) return 'revoke';
  const delayMs = handBackDelayMs(handBacks);
  try {
    await job.moveToDelayed(Date.now() + delayMs, token);
  } catch (error) {
    // Its lock is gone (the task is someone else's now): leave it alone all the same.
    log.warn({ err: error }, 'could not hand back a task of an unknown type');
  }
  log.debug({ handBacks, delayMs }, 'handed back a task of an unknown type');
  return new DelayedError();
}

/**
 * Offers the tasks awaiting a worker that knows their type to this worker's queues again now
 * (a worker of `knows` may take them; others hand them back once more). One HGETALL when there
 * are none.
 */
export async function offerAwaiting(
  store: TaskStore,
  knows: (entry: AwaitingEntry) => boolean,
  log: Logger,
): Promise<number> {
  const key = taskqlKeys(store.prefix).awaitingWorker;
  const entries = Object.entries(await store.redis.hgetall(key));
  let offered = 0;
  for (const [id, json] of entries) {
    const entry = JSON.parse(json) as AwaitingEntry;
    if (!knows(entry)) continue;
    const job = await store.queue(entry.queue).getJob(id);
    if (!job) {
      await store.redis.hdel(key, id);
      continue;
    }
    // Not delayed any more: offered already, or running (its STARTED removes the entry).
    if (!(await job.isDelayed())) continue;
    await job.promote().then(
      () => offered++,
      (error: unknown) => log.debug({ err: error, taskId: id }, 'could not offer a task awaiting a worker'),
    );
  }
  if (offered > 0) log.info({ offered }, 'took over tasks that awaited a worker knowing their type');
  return offered;
}
