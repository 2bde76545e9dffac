import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelTask, RunTask, TaskUpdated } from '../support/documents.ts';
import { TaskqlProcess } from '../support/process.ts';
import { collect, TestClient } from '../support/taskql.ts';
import { Network } from './network.ts';

type Task = { id: string; state: string; worker?: string | null; attempts: number };

/**
 * taskql across five network hosts on one machine (Linux network namespaces on one bridge):
 * Redis on one, API A and API B on two more, a worker on each of the last two. The test talks
 * to the APIs over the network, as clients on another machine would.
 */
describe('taskql on several hosts', () => {
  const network = new Network();
  const processes: TaskqlProcess[] = [];
  const token = 'hosts-test-token-0123456789';
  let apiA: TestClient;
  let apiB: TestClient;

  beforeAll(async () => {
    await network.create();
    for (const host of ['redis-host', 'api-host-a', 'api-host-b', 'worker-host-1', 'worker-host-2']) await network.addHost(host);
    const redisUrl = await network.startRedis('redis-host');
    const env = {
      REDIS_URL: redisUrl,
      TASKQL_PREFIX: 'tq-hosts',
      TASKQL_TOKENS: JSON.stringify([{ name: 'ops', token, scopes: ['admin'] }]),
      // A worker cut off loses its hold on a task after 2 s; the other takes it over within 1 s.
      LOCK_DURATION_MS: '2000',
      STALLED_INTERVAL_MS: '1000',
    };
    const api = (host: string) => {
      const address = network.hosts.get(host)!.address;
      const process = TaskqlProcess.spawn('api', { ...env, HOST: address, PORT: '4000' }, [], network.on(host));
      processes.push(process);
      return process.waitForLog('API listening').then(() => new TestClient(`http://${address}:4000/graphql`, token));
    };
    const worker = (host: string) => {
      const process = TaskqlProcess.spawn('worker', { ...env, CONCURRENCY: '1' }, [], network.on(host));
      processes.push(process);
      return process.waitForLog('worker started');
    };
    [apiA, apiB] = await Promise.all([api('api-host-a'), api('api-host-b'), worker('worker-host-1'), worker('worker-host-2')]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([apiA?.stop(), apiB?.stop()]);
    await Promise.all(processes.map((process) => process.stop('SIGKILL')));
    await network.destroy();
  });

  /** Runs a task through API A and follows it through API B; `until` picks the value to wait for. */
  async function runAndWatch(input: unknown, until: (task: Task) => boolean) {
    const { runTask } = await apiA.data(RunTask, { name: 'sleep', input });
    let reached: (task: Task) => void = () => {};
    const seen = new Promise<Task>((resolve) => (reached = resolve));
    const watching = collect(apiB.wsClient(), TaskUpdated, { id: runTask.id }, ({ taskUpdated }) => until(taskUpdated) && reached(taskUpdated));
    return { id: runTask.id, seen, watching };
  }

  // A task reads STARTED as soon as a worker takes it; its worker comes with the STARTED event.
  const host = (task: Task) => task.worker?.split(':')[0];

  it('queues through API A, streams through API B, and runs tasks on both worker hosts', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, () => runAndWatch({ ms: 200 }, (task) => task.state === 'SUCCESS')));
    const finals = await Promise.all(runs.map((run) => run.seen));
    expect(finals.map((task) => task.state)).toEqual(Array(6).fill('SUCCESS'));
    expect(new Set(finals.map(host))).toEqual(new Set(['worker-host-1', 'worker-host-2']));
  });

  it('stops a task running on worker host 2 when API B is asked to cancel it', async () => {
    const runs = await Promise.all([0, 1].map(() => runAndWatch({ ms: 60_000 }, (task) => task.state === 'STARTED' && task.worker !== null)));
    const started = await Promise.all(runs.map((run) => run.seen));
    const onHost2 = runs[started.findIndex((task) => host(task) === 'worker-host-2')]!;
    const onHost1 = runs[started.findIndex((task) => host(task) === 'worker-host-1')]!;

    expect((await apiB.data(CancelTask, { id: onHost2.id })).cancelTask.id).toBe(onHost2.id);
    const { values } = await onHost2.watching;
    expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'REVOKED', worker: expect.stringMatching(/^worker-host-2:/) });

    await apiB.data(CancelTask, { id: onHost1.id });
    await onHost1.watching;
  });

  it('finishes a task on the other host when its worker host is cut off mid-task', async () => {
    const runs = await Promise.all([0, 1].map(() => runAndWatch({ ms: 2500 }, (task) => task.state === 'STARTED' && task.worker !== null)));
    const started = await Promise.all(runs.map((run) => run.seen));
    const cut = runs[started.findIndex((task) => host(task) === 'worker-host-1')]!;

    await network.setLink('worker-host-1', 'down');
    try {
      const { values } = await cut.watching;
      const states = values.map(({ taskUpdated }) => taskUpdated.state);
      expect(states.at(-1)).toBe('SUCCESS');
      expect(values.at(-1)?.taskUpdated).toMatchObject({ worker: expect.stringMatching(/^worker-host-2:/), attempts: 2 });
      // It ran again: STARTED on host 2 after STARTED on host 1.
      expect(values.map(({ taskUpdated }) => host(taskUpdated)).filter(Boolean)).toContain('worker-host-1');
      await Promise.all(runs.map((run) => run.watching));
    } finally {
      await network.setLink('worker-host-1', 'up');
    }
  }, 60_000);
});
