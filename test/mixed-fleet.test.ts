import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import { CancelTask, GetStats, GetTask, RunTask, TaskUpdated, Workers } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, Harness } from './support/taskql.ts';
import { newcomer } from './support/test-tasks.ts';

/**
 * A rolling deploy: the API already knows the new task type `newcomer`, the running worker (A)
 * is of the previous release and does not; a newer worker (B) comes up later. Separate OS
 * processes with different registries.
 */
describe('a fleet whose workers know different task types', () => {
  let taskql: Harness;
  let older: TaskqlProcess;
  let newer: TaskqlProcess | undefined;

  beforeAll(async () => {
    taskql = await Harness.start({ worker: false, registry: new TaskRegistry([...taskTypes, newcomer]) });
    older = TaskqlProcess.spawnScript('test/support/worker-with-registry.ts', { ...taskql.env, TEST_REGISTRY: 'shipped', LOG_LEVEL: 'debug' });
    await older.waitForLog('worker started');
  });
  afterAll(async () => {
    await older.stop('SIGKILL');
    await newer?.stop('SIGKILL');
    await taskql.stop();
  });

  it('lets a task that waits for a worker knowing its type be cancelled: REVOKED at once', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'newcomer', input: { who: 'nobody' } });
    await older.waitForLog('handed back a task of an unknown type', (line) => line.taskId === runTask.id);
    const { cancelTask } = await taskql.data(CancelTask, { id: runTask.id });
    expect(cancelTask).toMatchObject({ state: 'REVOKED', attempts: 0, waitingFor: null });
    const { stats } = await taskql.data(GetStats);
    expect(stats.types.find((type) => type.name === 'newcomer')?.live).toEqual({ pending: 0, awaitingWorker: 0 });
  });

  it('leaves a task of a type only a newer worker knows waiting, visibly, until one starts; then it succeeds, never FAILURE', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'newcomer', input: { who: 'fleet' } });
    let subscribed: () => void = () => {};
    const snapshot = new Promise<void>((resolve) => (subscribed = resolve));
    const watching = collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (_value, index) => {
      if (index === 0) subscribed();
    });
    // The subscription is live (it has sent its snapshot) before anything else happens.
    await snapshot;

    // The old worker takes it, does not know it, and hands it back, more than once (and not in a busy loop).
    const ended = watching.then(({ values }) => {
      throw new Error(`the task ended while only the old worker ran: ${JSON.stringify(values.at(-1)?.taskUpdated)}`);
    });
    const handBack = (count: number) =>
      Promise.race([older.waitForLog('handed back a task of an unknown type', (line) => line.taskId === runTask.id && line.handBacks === count), ended]);
    const [first, second] = [await handBack(1), await handBack(2)];
    expect(second.delayMs).toBeGreaterThan(Number(first.delayMs));
    expect(older.lines.map((line) => line.msg)).toContain('task type "newcomer" is unknown to this worker: its tasks are left to a worker that knows it');

    const { task } = await taskql.data(GetTask, { id: runTask.id });
    expect(task).toMatchObject({ state: 'PENDING', attempts: 0, startedAt: null, worker: null, error: null });
    expect(task?.waitingFor).toBe('a worker that runs task type "newcomer" on queue "default": no running worker does');
    const { stats } = await taskql.data(GetStats);
    expect(stats.types.find((type) => type.name === 'newcomer')?.live).toEqual({ pending: 1, awaitingWorker: 1 });
    expect(stats.queues.find((queue) => queue.name === 'default')?.live).toMatchObject({ pending: 1, awaitingWorker: 1 });
    expect(stats.total.live).toMatchObject({ pending: 1, scheduled: 0, awaitingWorker: 1 });
    const { workers } = await taskql.data(Workers);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.taskTypes).toContain('divide');
    expect(workers[0]?.taskTypes).not.toContain('newcomer');

    // A task the old worker knows still runs on it meanwhile, and is not said to wait for anyone.
    const known = await collect(taskql.wsClient(), TaskUpdated, { id: (await taskql.data(RunTask, { name: 'noop', input: 'old' })).runTask.id });
    expect(known.values.map((v) => v.taskUpdated.waitingFor)).toEqual(known.values.map(() => null));
    expect(known.values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: 'old' });

    newer = TaskqlProcess.spawnScript('test/support/worker-with-registry.ts', { ...taskql.env, TEST_REGISTRY: 'newer', TEST_HEARTBEAT_MS: '200' });
    const newerId = (await newer.waitForLog('worker started')).id;
    const { values } = await watching;
    const updates = values.map((v) => v.taskUpdated);
    const states = updates.map((u) => u.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['PENDING', 'STARTED', 'SUCCESS']);
    expect(new Set(updates.filter((u) => u.state === 'STARTED').map((u) => u.worker))).toEqual(new Set([newerId]));
    expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', result: 'hello, fleet', attempts: 1, worker: newerId, waitingFor: null });
    const after = await taskql.data(GetStats);
    expect(after.stats.types.find((type) => type.name === 'newcomer')?.live).toEqual({ pending: 0, awaitingWorker: 0 });
  });
});
