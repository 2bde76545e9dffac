/** The bench's fan-out workload: many `taskUpdated` subscriptions to `tick` tasks, each event timed. */
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const WATCH = 'subscription Watch($id: ID!) { taskUpdated(id: $id) { state progress { message } finishedAt } }';
const SOCKETS = 100;

/**
 * Subscribes `subscribers` times to each of `ids` over 100 graphql-ws sockets to `url`; resolves
 * once every subscription has its snapshot, with the latency of each later event (see sentAt;
 * the final states' also apart) and `done` for when all have completed.
 */
export async function fanOut(
  url: string,
  ids: readonly string[],
  subscribers: number,
): Promise<{ sockets: Client[]; latencies: number[]; finalLatencies: number[]; done: Promise<void> }> {
  const sockets = Array.from({ length: SOCKETS }, () => createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 }));
  const latencies: number[] = [];
  /** Of those, the final states' alone. */
  const finalLatencies: number[] = [];
  let open = 0;
  let ended = 0;
  const total = ids.length * subscribers;
  let allOpen: () => void = () => {};
  let allEnded: () => void = () => {};
  const opened = new Promise<void>((resolve) => (allOpen = resolve));
  const done = new Promise<void>((resolve) => (allEnded = resolve));
  for (let k = 0; k < total; k++) {
    let first = true;
    sockets[k % SOCKETS]!.subscribe<{ taskUpdated: Watched }>(
      { query: WATCH, variables: { id: ids[k % ids.length] } },
      {
        next: ({ data }) => {
          if (first) {
            first = false;
            if (++open === total) allOpen();
            return;
          }
          const sent = data && sentAt(data.taskUpdated);
          if (!sent) return;
          latencies.push(Date.now() - sent);
          if (data.taskUpdated.finishedAt) finalLatencies.push(Date.now() - sent);
        },
        error: (error) => console.error(error),
        complete: () => ++ended === total && allEnded(),
      },
    );
  }
  await opened;
  return { sockets, latencies, finalLatencies, done };
}

interface Watched {
  state: string;
  progress: { message: string | null } | null;
  finishedAt: string | null;
}

/**
 * When the event a value stands for happened, in ms: a final state's when the task finished (its
 * finishedAt); any other's, its progress message (a `tick` sends its send time). A final state
 * still carries the last progress message, which is not its own event's time.
 */
export function sentAt(task: Pick<Watched, 'progress' | 'finishedAt'>): number | undefined {
  if (task.finishedAt) return Date.parse(task.finishedAt);
  return Number(task.progress?.message) || undefined;
}

/** A process's resident memory now, in MiB (Linux). */
export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
