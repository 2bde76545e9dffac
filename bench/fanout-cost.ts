/**
 * What many workflowUpdated subscriptions on one workflow cost an API process: 10 sockets x 100
 * subscriptions (each with its own text, so none share a GraphQL execution) to one 100-step
 * group. Prints the API's RSS before and after and the Redis script calls the subscriptions
 * made (INFO commandstats on a redis-server of its own). `npx tsx bench/fanout-cost.ts`
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createLogger } from '../src/logger.ts';
import { closeRedis, createRedis } from '../src/redis/connections.ts';
import { startRedisServer } from '../src/redis/embedded.ts';
import { startApi } from '../src/server/api.ts';
import { TaskRegistry, taskTypes } from '../src/tasks/index.ts';

const SOCKETS = 10;
const PER_SOCKET = 100;
const dir = mkdtempSync(join(tmpdir(), 'taskql-fanout-bench-'));
const server = await startRedisServer({ dir });
const redis = createRedis({ url: server.url }, 'command');
const log = createLogger({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' });
const api = await startApi({ redisUrl: server.url, prefix: 'bench', host: '127.0.0.1', port: 0, commandTimeoutMs: 5000, registry: new TaskRegistry(taskTypes), log });
const post = async (query: string, variables?: unknown) =>
  (await (await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as {
    data: { runGroup: { id: string } };
  };
const steps = Array.from({ length: 100 }, (_, i) => ({ name: 'noop', input: i }));
const { data } = await post('mutation($steps: [WorkflowStep!]!) { runGroup(steps: $steps) { id } }', { steps });
global.gc?.();
const rssBefore = process.memoryUsage().rss;
await redis.config('RESETSTAT');

const sockets: WebSocket[] = [];
let answered = 0;
const all = new Promise<void>((resolve) => {
  for (let s = 0; s < SOCKETS; s++) {
    const socket = new WebSocket(api.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    sockets.push(socket);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string };
      if (message.type === 'connection_ack') {
        for (let i = 0; i < PER_SOCKET; i++) {
          const n = s * PER_SOCKET + i;
          const query = `subscription W${n}($id: ID!) { w${n}: workflowUpdated(id: $id) { state tasks { id state } } }`;
          socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query, variables: { id: data.runGroup.id } } }));
        }
      } else if (message.type === 'next' && ++answered === SOCKETS * PER_SOCKET) resolve();
    });
  }
});
await all;
global.gc?.();
const rssAfter = process.memoryUsage().rss;
const calls = Number(/cmdstat_evalsha:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
console.log(`${SOCKETS * PER_SOCKET} workflowUpdated subscriptions on a 100-step group: RSS ${(rssBefore / 2 ** 20).toFixed(0)} -> ${(rssAfter / 2 ** 20).toFixed(0)} MB, ${calls} Redis script calls`);
for (const socket of sockets) socket.close();
await Promise.all(sockets.map((socket) => (socket.readyState === WebSocket.CLOSED ? undefined : once(socket, 'close'))));
await api.stop();
await closeRedis(redis);
await server.stop();
rmSync(dir, { recursive: true, force: true });
