/**
 * `npx tsx bench/bare-ws-server.ts <redis url> <prefix>`: the least a GraphQL server can do to
 * relay taskql's task events to subscribers, for bench/fanout-latency.ts (BARE=1) to compare
 * with taskql's API: graphql-ws's `useServer` on a `ws` server, graphql-js's own `subscribe`
 * over a three-field schema, one ioredis subscriber connection, and per subscription a plain
 * queue fed by the task's channel (a PENDING snapshot first, no read of the task, no auth, no
 * limits, no plugins, no sharing of executions). Prints `listening <url>` once it listens.
 */
import { createServer } from 'node:http';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { topics } from '../src/queue/topics.ts';

const [url, prefix] = process.argv.slice(2) as [string, string];
const FINAL = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);

interface Event {
  state?: string;
  progress?: { message: string | null } | null;
  /** In the channel's JSON, ms; in the schema, a date-time string as taskql's `DateTime`. */
  finishedAt?: number | string;
}

const schema = buildSchema(`
  type Progress { message: String }
  type Task { state: String, progress: Progress, finishedAt: String }
  type Query { ok: Boolean }
  type Subscription { taskUpdated(id: ID!): Task }
`);

const subscriber = new Redis(url);
/** Channel → the subscriptions' listeners. */
const listeners = new Map<string, Set<(event: Event) => void>>();
subscriber.on('message', (channel: string, message: string) => {
  const set = listeners.get(channel);
  if (!set) return;
  const event = JSON.parse(message) as Event;
  if (typeof event.finishedAt === 'number') event.finishedAt = new Date(event.finishedAt).toISOString();
  for (const listener of set) listener(event);
});

/** A task's events as an async iterator: the snapshot (PENDING), then each event until a final one. */
async function* follow(id: string): AsyncGenerator<{ taskUpdated: Event }> {
  const channel = topics.taskUpdated(prefix, id);
  const queue: Event[] = [];
  let wake: (() => void) | undefined;
  const listener = (event: Event) => {
    queue.push(event);
    wake?.();
  };
  let set = listeners.get(channel);
  if (!set) {
    listeners.set(channel, (set = new Set()));
    await subscriber.subscribe(channel);
  }
  set.add(listener);
  try {
    yield { taskUpdated: { state: 'PENDING', progress: null } };
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const event = queue.shift()!;
      yield { taskUpdated: event };
      if (event.state && FINAL.has(event.state)) return;
    }
  } finally {
    set.delete(listener);
    if (set.size === 0) {
      listeners.delete(channel);
      void subscriber.unsubscribe(channel);
    }
  }
}

const root = { taskUpdated: ({ id }: { id: string }) => follow(id) };
const server = createServer((_, res) => res.writeHead(404).end());
useServer({ schema, roots: { subscription: root } }, new WebSocketServer({ server, path: '/graphql' }));
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`listening http://127.0.0.1:${address.port}/graphql`);
});
process.on('SIGTERM', () => process.exit(0));
