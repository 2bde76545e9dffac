import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, type RedisClient } from '../src/redis/connections.ts';
import { startRedisServer, type RedisServer } from '../src/redis/embedded.ts';
import { RunGroup, RunTask } from './support/documents.ts';
import { RawWsClient } from './support/raw-ws.ts';
import { Harness } from './support/taskql.ts';

/** Script calls (taskql's task reads among them) since the last reset. */
async function scriptCalls(redis: RedisClient): Promise<number> {
  return Number(/cmdstat_evalsha:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
}

/** A workflowUpdated subscription whose text is its own (so no two share a GraphQL execution). */
const watchWorkflow = (n: number) => `subscription W${n}($id: ID!) { w${n}: workflowUpdated(id: $id) { state } }`;

describe('many subscriptions to one workflow', () => {
  let dir: string;
  let server: RedisServer;
  let redis: RedisClient;
  let taskql: Harness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskql-fanout-'));
    server = await startRedisServer({ dir });
    redis = createRedis({ url: server.url }, 'command');
    taskql = await Harness.start({ redisUrl: server.url, worker: false });
  });
  afterAll(async () => {
    await taskql.stop();
    await closeRedis(redis);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follow its 100 steps once for all of them (5 sockets x 20 subscriptions), and all see it finish', async () => {
    const steps = Array.from({ length: 100 }, (_, i) => ({ name: 'noop', input: i }));
    const { runGroup } = await taskql.data(RunGroup, { steps });
    await redis.config('RESETSTAT');
    const sockets = await Promise.all(Array.from({ length: 5 }, () => RawWsClient.connect(taskql.wsUrl)));
    await Promise.all(sockets.map((socket) => socket.acked()));
    sockets.forEach((socket, s) => {
      for (let i = 0; i < 20; i++) socket.subscribe(String(i), watchWorkflow(s * 20 + i), { id: runGroup.id });
    });
    const first = await Promise.all(sockets.flatMap((socket) => Array.from({ length: 20 }, (_, i) => socket.answer(String(i)))));
    expect(first.every((m) => m.type === 'next')).toBe(true);
    // Each subscription reading every step would be 100 x 101 task reads (one script per queue).
    expect(await scriptCalls(redis)).toBeLessThan(1000);

    await taskql.startWorker();
    await Promise.all(sockets.flatMap((socket) => Array.from({ length: 20 }, (_, i) => socket.completed(String(i)))));
    const states = sockets.map((socket) => socket.messages.filter((m) => m.type === 'next').at(-1)?.payload);
    expect(states.every((payload) => JSON.stringify(payload).includes('"SUCCESS"'))).toBe(true);
    await Promise.all(sockets.map((socket) => socket.close()));
  });
});

describe('per-token caps on WebSockets and subscriptions', () => {
  const tokens = [
    { name: 'alice', token: 'alice-secret-0000000', scopes: ['run' as const, 'read' as const] },
    { name: 'bob', token: 'bob-secret-000000000', scopes: ['run' as const, 'read' as const] },
  ];
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ tokens, worker: false, limits: { MAX_SOCKETS_PER_TOKEN: 2, MAX_SUBSCRIPTIONS_PER_TOKEN: 3 } });
  });
  afterAll(() => taskql.stop());

  it('closes a token\'s WebSocket over MAX_SOCKETS_PER_TOKEN (4429) and refuses subscriptions over MAX_SUBSCRIPTIONS_PER_TOKEN', async () => {
    const alice = taskql.as(tokens[0]!.token);
    const { runTask } = await alice.data(RunTask, { name: 'sleep', input: { ms: 60_000 } });
    const query = 'subscription Watch($id: ID!) { taskUpdated(id: $id) { state } }';

    const [one, two] = await Promise.all([RawWsClient.connect(taskql.wsUrl, tokens[0]!.token), RawWsClient.connect(taskql.wsUrl, tokens[0]!.token)]);
    await Promise.all([one!.acked(), two!.acked()]);
    const three = await RawWsClient.connect(taskql.wsUrl, tokens[0]!.token);
    const closed = await three.closed;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/at most 2/);

    // Three subscriptions across the two sockets; the fourth is refused with a clear error.
    one!.subscribe('a', query, { id: runTask.id });
    one!.subscribe('b', query, { id: runTask.id });
    two!.subscribe('c', query, { id: runTask.id });
    expect((await Promise.all(['a', 'b'].map((id) => one!.answer(id)))).map((m) => m.type)).toEqual(['next', 'next']);
    expect((await two!.answer('c')).type).toBe('next');
    two!.subscribe('d', query, { id: runTask.id });
    const refused = await two!.answer('d');
    expect(refused.type).toBe('error');
    expect(JSON.stringify(refused.payload)).toMatch(/Too many subscriptions for this API token: at most 3/);
    expect(JSON.stringify(refused.payload)).toContain('BAD_USER_INPUT');

    // Another token is not held back by alice's.
    const bob = await RawWsClient.connect(taskql.wsUrl, tokens[1]!.token);
    await bob.acked();
    const bobs = await taskql.as(tokens[1]!.token).data(RunTask, { name: 'noop' });
    bob.subscribe('x', query, { id: bobs.runTask.id });
    expect((await bob.answer('x')).type).toBe('next');

    // Given back when a subscription ends and when a socket closes (the server says nothing
    // when it has: ask until it takes them).
    one!.socket.send(JSON.stringify({ id: 'a', type: 'complete' }));
    await two!.close();
    const again = await RawWsClient.connect(taskql.wsUrl, tokens[0]!.token);
    await again.acked();
    let accepted = 0;
    for (let n = 0; accepted < 2; n++) {
      again.subscribe(`e${n}`, query, { id: runTask.id });
      if ((await again.answer(`e${n}`)).type === 'next') accepted++;
    }
    expect(accepted).toBe(2);
    await Promise.all([one!.close(), again.close(), bob.close()]);
  });
});
