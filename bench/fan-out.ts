/** The bench's fan-out workload: many `taskUpdated` subscriptions to `tick` tasks, each event timed. */
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const WATCH = 'subscription Watch($id: ID!) { taskUpdated(id: $id) { state progress { message } } }';
const SOCKETS = 100;

/**
 * Subscribes `subscribers` times to each of `ids` over 100 graphql-ws sockets to `url`; resolves
 * once every subscription has its snapshot, with the latency of each later event (a `tick`
 * progress message carries its send time) and `done` for when all have completed.
 */
export async function fanOut(url: string, ids: readonly string[], subscribers: number): Promise<{ sockets: Client[]; latencies: number[]; done: Promise<void> }> {
  const sockets = Array.from({ length: SOCKETS }, () => createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 }));
  const latencies: number[] = [];
  let open = 0;
  let ended = 0;
  const total = ids.length * subscribers;
  let allOpen: () => void = () => {};
  let allEnded: () => void = () => {};
  const opened = new Promise<void>((resolve) => (allOpen = resolve));
  const done = new Promise<void>((resolve) => (allEnded = resolve));
  for (let k = 0; k < total; k++) {
    let first = true;
    sockets[k % SOCKETS]!.subscribe<{ taskUpdated: { progress: { message: string | null } | null } }>(
      { query: WATCH, variables: { id: ids[k % ids.length] } },
      {
        next: ({ data }) => {
          if (first) {
            first = false;
            if (++open === total) allOpen();
            return;
          }
          const sent = Number(data?.taskUpdated.progress?.message);
          if (sent) latencies.push(Date.now() - sent);
        },
        error: (error) => console.error(error),
        complete: () => ++ended === total && allEnded(),
      },
    );
  }
  await opened;
  return { sockets, latencies, done };
}

/** A process's resident memory now, in MiB (Linux). */
export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
