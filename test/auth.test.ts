import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CancelTask, GetStats, GetTask, ListTasks, PauseQueue, RetryTask, RunTask, TaskTypes, TaskUpdated } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, Harness, uniquePrefix } from './support/taskql.ts';
import { inject } from 'vitest';

const tokens = [
  { name: 'alice', token: 'alice-secret-0000000', scopes: ['run' as const, 'read' as const] },
  { name: 'bob', token: 'bob-secret-000000000', scopes: ['run' as const, 'read' as const] },
  { name: 'viewer', token: 'viewer-secret-000000', scopes: ['read' as const] },
  { name: 'ops', token: 'ops-secret-000000000', scopes: ['admin' as const] },
];

describe('API tokens', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ tokens });
  });
  afterAll(() => taskql.stop());

  const alice = () => taskql.as('alice-secret-0000000');
  const bob = () => taskql.as('bob-secret-000000000');
  const ops = () => taskql.as('ops-secret-000000000');
  const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

  it('asks for a token: none is UNAUTHENTICATED (401), a wrong one too', async () => {
    const none = await fetch(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ taskTypes { name } }' }) });
    expect(none.status).toBe(401);
    expect(code((await none.json()) as never)).toBe('UNAUTHENTICATED');
    expect(code(await taskql.as('not-a-token-at-all!!').request(TaskTypes))).toBe('UNAUTHENTICATED');
    expect((await alice().data(TaskTypes)).taskTypes.length).toBeGreaterThan(0);
  });

  it('checks scopes: read cannot run, run cannot administer', async () => {
    expect(code(await taskql.as('viewer-secret-000000').request(RunTask, { name: 'noop' }))).toBe('FORBIDDEN');
    expect(code(await alice().request(GetStats))).toBe('FORBIDDEN');
    expect(code(await alice().request(PauseQueue, { name: 'default' }))).toBe('FORBIDDEN');
    expect((await ops().data(GetStats)).stats.queues.length).toBeGreaterThan(0);
  });

  it("shows and lets cancel a task only to the token that created it, or an admin", async () => {
    const { runTask } = await alice().data(RunTask, { name: 'sleep', input: { ms: 60_000 } });
    expect(runTask.id).toBeTruthy();
    expect((await bob().data(GetTask, { id: runTask.id })).task).toBeNull();
    expect(code(await bob().request(CancelTask, { id: runTask.id }))).toBe('NOT_FOUND');
    expect(code(await bob().request(RetryTask, { id: runTask.id }))).toBe('NOT_FOUND');
    const bobWatches = await collect(bob().wsClient(), TaskUpdated, { id: runTask.id });
    expect(bobWatches.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bobsList = (await bob().data(ListTasks, { first: 50 })).tasks.edges.map((e) => e.node.id);
    expect(bobsList).not.toContain(runTask.id);

    expect((await alice().data(GetTask, { id: runTask.id })).task?.id).toBe(runTask.id);
    expect((await alice().data(ListTasks, { first: 50 })).tasks.edges.map((e) => e.node.id)).toContain(runTask.id);
    expect((await ops().data(GetTask, { id: runTask.id })).task?.id).toBe(runTask.id);
    expect((await ops().data(CancelTask, { id: runTask.id })).cancelTask.state).toBe('REVOKED');
  });

  it('keeps idempotency keys per token: the same key gives each token its own task, and neither sees the other', async () => {
    const run = (client: ReturnType<typeof alice>, key: string, secret: string) =>
      client.data(RunTask, { name: 'noop', input: { secret }, options: { idempotencyKey: key } }).then((d) => d.runTask);
    // Bob with alice's key gets a task of his own, not hers (her input, her progress).
    const hers = await run(alice(), 'order-1', 'alice');
    const his = await run(bob(), 'order-1', 'bob');
    expect(his.id).not.toBe(hers.id);
    expect(his.input).toEqual({ secret: 'bob' });
    expect((await bob().data(GetTask, { id: hers.id })).task).toBeNull();
    // A key bob claimed first does not stop alice's task from being queued, nor show her his.
    const claimed = await run(bob(), 'order-2', 'bob');
    const aliceRuns = await run(alice(), 'order-2', 'alice');
    expect(aliceRuns.id).not.toBe(claimed.id);
    expect(aliceRuns.input).toEqual({ secret: 'alice' });
    const { values } = await collect(alice().wsClient(), TaskUpdated, { id: aliceRuns.id });
    expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: { secret: 'alice' } });
    // Within one token the key still means one task.
    expect((await run(alice(), 'order-1', 'again')).id).toBe(hers.id);
    expect((await run(alice(), 'order-1', 'again')).input).toEqual({ secret: 'alice' });
  });

  it('needs a valid token in connection_init for graphql-ws (else 4403)', async () => {
    const socket = new WebSocket(taskql.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    const [closeCode] = (await once(socket, 'close')) as [number];
    expect(closeCode).toBe(4403);
    const { runTask } = await alice().data(RunTask, { name: 'noop', input: 'mine' });
    const { values } = await collect(alice().wsClient(), TaskUpdated, { id: runTask.id });
    expect(values.at(-1)?.taskUpdated.state).toBe('SUCCESS');
  });

  it('keeps /metrics and bull-board for admins (bearer token, or the dashboard cookie)', async () => {
    expect((await fetch(new URL('/metrics', taskql.url))).status).toBe(401);
    expect((await fetch(new URL('/metrics', taskql.url), { headers: { authorization: 'Bearer alice-secret-0000000' } })).status).toBe(401);
    expect((await fetch(new URL('/metrics', taskql.url), { headers: { authorization: 'Bearer ops-secret-000000000' } })).status).toBe(200);
    expect((await fetch(new URL('/admin/queues', taskql.url))).status).toBe(401);
    const board = await fetch(new URL('/admin/queues', taskql.url), { headers: { cookie: 'taskql_token=ops-secret-000000000' } });
    expect(board.status).toBe(200);
  });
});

describe('production mode', () => {
  it('turns off GraphiQL and introspection, and shows no stack traces', async () => {
    const taskql = await Harness.start({ worker: false, mode: { graphiql: false, introspection: false } });
    try {
      const page = await fetch(taskql.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('graphiql');
      const introspection = await taskql.request(TaskTypes as never);
      expect(introspection.errors).toBeUndefined(); // ordinary queries still work
      const schema = await fetch(taskql.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      const body = (await schema.json()) as { errors?: { message: string }[] };
      expect(body.errors?.[0]?.message).toMatch(/introspection/i);
      // Nor over a WebSocket.
      const overWs = taskql.wsClient().iterate({ query: '{ __schema { types { name } } }' });
      await expect(overWs.next()).rejects.toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/introspection/i) })]));
      // A "simple" cross-site request (no preflight, no JSON body) is refused.
      const simple = await fetch(taskql.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: 'mutation { runTask(name: "noop") { id } }' }),
      });
      expect(simple.status).toBe(403);
      const failed = await taskql.request(RunTask, { name: 'nope' });
      expect(JSON.stringify(failed)).not.toMatch(/\bat \w+ \(|\.ts:\d+/);
    } finally {
      await taskql.stop();
    }
  });

  it('listens on loopback only when no API token is configured, and says so', async () => {
    const api = TaskqlProcess.spawn('api', { REDIS_URL: inject('redisUrl'), TASKQL_PREFIX: uniquePrefix(), HOST: '0.0.0.0', PORT: '0' });
    try {
      const warning = await api.waitForLog('no API tokens');
      expect(warning.msg).toContain('listening on 127.0.0.1 only');
      expect(String((await api.waitForLog('API listening')).url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    } finally {
      await api.stop('SIGKILL');
    }
  });
});
