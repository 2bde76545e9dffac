import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { ConfigError, loadTokens } from '../src/config.ts';
import { minuteOf } from '../src/queue/keys.ts';
import { CancelTask, GetTask, RunTask, RunTasks, TaskUpdated } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { Harness } from './support/taskql.ts';

/** Per-token limits an operator sets in TASKQL_TOKENS (limits: { maxRunning, maxSubmitPerMinute, maxPriority }). */
const tokens = [
  { name: 'greedy', token: 'greedy-secret-000000', scopes: ['run' as const, 'read' as const], limits: { maxRunning: 2 } },
  { name: 'other', token: 'other-secret-0000000', scopes: ['run' as const, 'read' as const] },
  { name: 'chatty', token: 'chatty-secret-000000', scopes: ['run' as const, 'read' as const], limits: { maxSubmitPerMinute: 3 } },
  { name: 'humble', token: 'humble-secret-000000', scopes: ['run' as const, 'read' as const], limits: { maxPriority: 5 } },
  { name: 'ops', token: 'ops-secret-000000000', scopes: ['admin' as const] },
];

const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

describe('per-token limits in TASKQL_TOKENS', () => {
  const entry = (limits: unknown) => JSON.stringify([{ name: 'a', token: 'a-secret-0000000000', scopes: ['run'], limits }]);

  it('are read with the token, and a bad one stops the start naming it', () => {
    expect(loadTokens({ TASKQL_TOKENS: entry({ maxRunning: 2, maxSubmitPerMinute: 60, maxPriority: 10 }) })[0]?.limits).toEqual({
      maxRunning: 2,
      maxSubmitPerMinute: 60,
      maxPriority: 10,
    });
    expect(() => loadTokens({ TASKQL_TOKENS: entry({ maxPriority: 1000 }) })).toThrow(/0\.limits\.maxPriority/);
    expect(() => loadTokens({ TASKQL_TOKENS: entry({ maxRunning: 0 }) })).toThrow(ConfigError);
    expect(() => loadTokens({ TASKQL_TOKENS: entry({ maxRuning: 2 }) })).toThrow(/maxRuning/);
  });
});

describe('per-token limits', () => {
  let taskql: Harness;
  const workers: TaskqlProcess[] = [];
  beforeAll(async () => {
    taskql = await Harness.start({ tokens, worker: false });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await taskql.stop();
  });
  const as = (name: string) => taskql.as(tokens.find((t) => t.name === name)!.token);

  it("refuses a priority above the token's highest (FORBIDDEN), queuing nothing", async () => {
    const humble = as('humble');
    const refused = await humble.request(RunTask, { name: 'noop', options: { priority: 6 } });
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/priority 6 .* highest, 5/);
    const batch = await humble.request(RunTasks, { tasks: [{ name: 'noop' }, { name: 'noop', options: { priority: 999 } }] });
    expect(code(batch)).toBe('FORBIDDEN');
    expect(await taskql.queue().getJobCountByTypes('wait', 'prioritized', 'delayed')).toBe(0);
    expect((await humble.data(RunTask, { name: 'noop', options: { priority: 5 } })).runTask.state).toBe('PENDING');
    // Tokens without the limit may use any priority.
    expect((await as('other').data(RunTask, { name: 'noop', options: { priority: 999 } })).runTask.state).toBe('PENDING');
  });

  it('limits submissions per minute (RATE_LIMITED with retryAfter), across the whole request', async () => {
    const chatty = as('chatty');
    const tooMany = await chatty.request(RunTasks, { tasks: [{ name: 'noop' }, { name: 'noop' }, { name: 'noop' }, { name: 'noop' }] });
    expect(code(tooMany)).toBe('RATE_LIMITED');
    // Counted in one-minute windows: if one ended between these calls, the next has room again.
    for (;;) {
      const minute = minuteOf(Date.now());
      expect((await chatty.data(RunTasks, { tasks: [{ name: 'noop' }, { name: 'noop' }, { name: 'noop' }] })).runTasks).toHaveLength(3);
      const fourth = await chatty.request(RunTask, { name: 'noop' });
      if (minuteOf(Date.now()) !== minute) continue;
      expect(code(fourth)).toBe('RATE_LIMITED');
      const retryAfter = fourth.errors?.[0]?.extensions?.retryAfter as number;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(fourth.errors?.[0]?.message).toMatch(/3 per minute/);
      break;
    }
    // Others are not limited by chatty's count.
    expect((await as('other').data(RunTask, { name: 'noop' })).runTask.state).toBe('PENDING');
  });

  it("keeps other tenants' tasks running when one token queues long tasks (maxRunning, two worker processes)", async () => {
    // Drain what the tests above queued, then two workers with 2 slots each: 4 slots in all.
    const env = { ...taskql.env, SHUTDOWN_GRACE_MS: '0' };
    workers.push(TaskqlProcess.spawn('worker', env, ['-c', '2']), TaskqlProcess.spawn('worker', env, ['-c', '2']));
    await Promise.all(workers.map((worker) => worker.waitForLog('worker started')));

    const greedy = as('greedy');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await greedy.data(RunTask, { name: 'sleep', input: { ms: 60_000 } })).runTask.id);
    // Who has started so far (a deferred task never does).
    const started = new Set<string>();
    const client = greedy.wsClient();
    let twoStarted!: () => void;
    const twoRunning = new Promise<void>((resolve) => (twoStarted = resolve));
    let thirdStarted!: () => void;
    const third = new Promise<void>((resolve) => (thirdStarted = resolve));
    for (const id of ids) {
      client.subscribe<{ taskUpdated: { state: string } }>(
        { query: print(TaskUpdated), variables: { id } },
        {
          next: ({ data }) => {
            if (data?.taskUpdated.state !== 'STARTED') return;
            started.add(id);
            if (started.size === 2) twoStarted();
            if (started.size === 3) thirdStarted();
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    }
    await twoRunning;

    // Another tenant's task still gets a slot and finishes.
    const other = as('other');
    const { runTask } = await other.data(RunTask, { name: 'noop', input: 'mine' });
    const watched = await new Promise<string>((resolve, reject) =>
      other.wsClient().subscribe<{ taskUpdated: { state: string } }>(
        { query: print(TaskUpdated), variables: { id: runTask.id } },
        { next: ({ data }) => data?.taskUpdated.state === 'SUCCESS' && resolve('SUCCESS'), error: reject, complete: () => undefined },
      ),
    );
    expect(watched).toBe('SUCCESS');
    expect(started.size).toBe(2);
    const waiting = ids.find((id) => !started.has(id))!;
    const task = (await greedy.data(GetTask, { id: waiting })).task!;
    expect(['PENDING', 'STARTED']).toContain(task.state); // STARTED only while a worker checks its turn

    // A slot given back goes to the owner's next task: nothing is lost.
    const running = [...started][0]!;
    expect((await greedy.data(CancelTask, { id: running })).cancelTask.id).toBe(running);
    await third;
    expect(started.size).toBe(3);
    await Promise.all(ids.map((id) => as('ops').request(CancelTask, { id })));
  });
});
