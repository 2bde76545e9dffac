import { FlowProducer, Job, Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJobHash } from '../src/queue/job-hash.ts';
import { TASKQL_FIELDS } from '../src/redis/fields.ts';
import { watchCancelMarks } from '../src/worker/cancel-marks.ts';
import { TaskStore } from '../src/queue/task-store.ts';
import { closeRedis, type RedisClient } from '../src/redis/connections.ts';
import { testRedis, uniquePrefix } from './support/taskql.ts';

/**
 * What taskql reads of BullMQ's private storage (the job hash's field names, the state lists,
 * the state names, the wait -> failed move of cancelTask) checked against BullMQ's own API.
 * A BullMQ upgrade that changes any of it fails here, so an upgrade is a deliberate step
 * (package.json pins BullMQ's minor version).
 */
describe('the BullMQ storage taskql reads', () => {
  const prefix = uniquePrefix();
  let redis: RedisClient;
  let workerRedis: RedisClient;
  let queue: Queue;
  let store: TaskStore;
  let flows: FlowProducer;
  let worker: Worker;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const started = new Map<string, () => void>();

  beforeAll(async () => {
    [redis, workerRedis] = await Promise.all([testRedis('command'), testRedis('worker')]);
    store = new TaskStore({ redis, prefix, queueNames: ['contract'] });
    queue = store.queue('contract');
    flows = new FlowProducer({ connection: redis, prefix });
    worker = new Worker(
      'contract',
      async (job) => {
        await job.updateProgress({ percent: 40, message: 'step' });
        started.get(job.id!)?.();
        if (job.name === 'hold') await held;
        if (job.name === 'fail') throw new Error('broken');
        return { echoed: job.data };
      },
      { connection: workerRedis, prefix, autorun: false, name: 'contract-worker' },
    );
  });
  afterAll(async () => {
    release();
    await worker.close();
    await flows.close();
    await store.close();
    await Promise.all([closeRedis(redis), closeRedis(workerRedis)]);
  });

  /** taskql's reading of a job beside BullMQ's own: the same fields, the same state. */
  const bothReadings = async (id: string) => {
    const job = (await Job.fromId(queue, id))!;
    const fields = decodeJobHash(id, queue.name, await redis.hgetall(queue.toKey(id)));
    return { job, fields, bullState: await job.getState(), task: await store.read(id) };
  };

  const expectSameFields = ({ job, fields }: Awaited<ReturnType<typeof bothReadings>>) => {
    expect(fields).toMatchObject({
      name: job.name,
      data: job.data,
      attemptsStarted: job.attemptsStarted,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      timestamp: job.timestamp,
      processedOn: job.processedOn,
      finishedOn: job.finishedOn,
      failedReason: job.failedReason || undefined,
    });
    expect(fields.progress ?? 0).toEqual(job.progress);
    expect(fields.returnvalue ?? null).toEqual(job.returnvalue ?? null);
  };

  it('reads waiting, prioritized and delayed jobs as BullMQ does', async () => {
    const waiting = await queue.add('noop', { input: { a: 1 } }, { attempts: 3 });
    const prioritized = await queue.add('noop', { input: {} }, { priority: 5 });
    const delayed = await queue.add('noop', { input: {} }, { delay: 3_600_000 });
    for (const [job, bullState, taskState] of [
      [waiting, 'waiting', 'PENDING'],
      [prioritized, 'prioritized', 'PENDING'],
      [delayed, 'delayed', 'SCHEDULED'],
    ] as const) {
      const reading = await bothReadings(job.id!);
      expect(reading.bullState).toBe(bullState);
      expect(reading.task?.state).toBe(taskState);
      expectSameFields(reading);
    }
    await queue.obliterate({ force: true });
  });

  it('reads a step waiting for its children as BullMQ does', async () => {
    const flow = await flows.add({ name: 'noop', queueName: 'contract', data: { input: {} }, children: [{ name: 'noop', queueName: 'contract', data: { input: {} } }] });
    const reading = await bothReadings(flow.job.id!);
    expect(reading.bullState).toBe('waiting-children');
    expect(reading.task?.state).toBe('PENDING');
    expectSameFields(reading);
    await queue.obliterate({ force: true });
  });

  it('reads active, completed and failed jobs, their progress, attempts and results, as BullMQ does', async () => {
    const hold = await queue.add('hold', { input: {} });
    const holding = new Promise<void>((resolve) => started.set(hold.id!, resolve));
    worker.run().catch(() => {});
    await holding;
    const active = await bothReadings(hold.id!);
    expect(active.bullState).toBe('active');
    expect(active.task).toMatchObject({ state: 'STARTED', progress: { percent: 40, message: 'step' } });
    expectSameFields(active);

    const finished = (job: Job) => new Promise<void>((resolve) => worker.on(job.name === 'fail' ? 'failed' : 'completed', (done: Job | undefined) => done?.id === job.id && resolve()));
    const ok = await queue.add('noop', { input: { b: 2 } });
    const bad = await queue.add('fail', { input: {} }, { attempts: 1 });
    const bothDone = Promise.all([finished(ok), finished(bad)]);
    release();
    await bothDone;
    const completed = await bothReadings(ok.id!);
    expect(completed.bullState).toBe('completed');
    expect(completed.task).toMatchObject({ state: 'SUCCESS', result: { echoed: { input: { b: 2 } } }, attempts: 1 });
    expectSameFields(completed);
    // The named worker that took it (its processedBy): a succeeded task's worker when taskql's own field is not written.
    expect(completed.job.processedBy).toBe('contract-worker');
    expect(completed.fields.processedBy).toBe('contract-worker');
    expect(completed.task?.worker).toBe('contract-worker');
    const failed = await bothReadings(bad.id!);
    expect(failed.bullState).toBe('failed');
    expect(failed.task?.state).toBe('FAILURE');
    expect(failed.fields.failedReason).toBe('broken');
    expectSameFields(failed);
  });

  it("moves a waiting job to BullMQ's failed set the way BullMQ's own API then reads it (cancelTask)", async () => {
    await worker.pause();
    const job = await queue.add('noop', { input: {} });
    expect(await store.revoke({ id: job.id!, queue: queue.name }, 'cancelled')).toBe('revoked');
    const reading = await bothReadings(job.id!);
    expect(reading.bullState).toBe('failed');
    expect(reading.task?.state).toBe('REVOKED');
    expect(await queue.getFailedCount()).toBeGreaterThan(0);
    expect((await queue.getFailed()).map((failed) => failed.id)).toContain(job.id);
  });
});

describe("BullMQ's take of a job, where taskql reads its cancel mark", () => {
  it('answers the whole job hash, taskql fields too, both when a worker takes its first job and when finishing one takes the next', async () => {
    const prefix = uniquePrefix();
    const [redis, workerRedis] = await Promise.all([testRedis('command'), testRedis('worker')]);
    const queue = new Queue('marks', { connection: redis, prefix });
    const seen = new Map<string, boolean>();
    let allSeen: () => void = () => {};
    const done = new Promise<void>((resolve) => (allSeen = resolve));
    const worker: Worker = new Worker(
      'marks',
      async (job) => {
        seen.set(job.name, marks.marked(job.id!));
        if (seen.size === 3) allSeen();
      },
      { connection: workerRedis, prefix, autorun: false, concurrency: 1 },
    );
    const marks = watchCancelMarks(worker);
    try {
      for (const name of ['first', 'second', 'third']) {
        const job = await queue.add(name, { input: {} });
        if (name !== 'second') await redis.hset(queue.toKey(job.id!), TASKQL_FIELDS.cancelRequested, '1');
      }
      worker.run().catch(() => {});
      await done;
      expect(Object.fromEntries(seen)).toEqual({ first: true, second: false, third: true });
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await Promise.all([closeRedis(redis), closeRedis(workerRedis)]);
    }
  });
});
