import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RunTask } from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

const WatchState = parse('subscription WatchState($id: ID!) { taskUpdated(id: $id) { state } }') as TypedDocumentNode<
  { taskUpdated: { state: string } },
  { id: string }
>;

interface Message {
  id?: string;
  type: string;
  payload?: { data?: { taskUpdated: { state: string; progress: { percent: number } | null } } };
}

/** A graphql-ws client on a raw socket, so that the test can stop reading it. */
async function rawSubscriber(url: string, query: string, variables: Record<string, unknown>) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  await once(socket, 'open');
  const messages: Message[] = [];
  const waiters: { match: (m: Message) => boolean; resolve: () => void }[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (!waiter.match(message)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const next = (match: (m: Message) => boolean) => new Promise<void>((resolve) => (messages.some(match) ? resolve() : waiters.push({ match, resolve })));
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await next((m) => m.type === 'connection_ack');
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
  await next((m) => m.type === 'next');
  // The underlying TCP socket of ws: pausing it stops reading, as a stuck client would.
  const tcp = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return {
    messages,
    pause: () => tcp.pause(),
    resume: () => tcp.resume(),
    completed: () => next((m) => m.type === 'complete' && m.id === '1'),
    close: () => socket.close(),
  };
}

describe('subscribers that do not read', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('get the latest state when they read again, not every step held for them (taskUpdated)', async () => {
    const steps = 200;
    // Big values (the input is 200 kB): a few fill the socket's buffers.
    const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'x'.repeat(200_000), steps, stepMs: 0 } });
    const slow = await rawSubscriber(
      taskql.wsUrl,
      'subscription Slow($id: ID!) { taskUpdated(id: $id) { state input progress { percent } } }',
      { id: runTask.id },
    );
    slow.pause();
    // Someone who reads sees the task through.
    const watching = collect(taskql.wsClient(), WatchState, { id: runTask.id });
    await taskql.startWorker();
    expect((await watching).values.at(-1)?.taskUpdated.state).toBe('SUCCESS');

    slow.resume();
    await slow.completed();
    const values = slow.messages.filter((m) => m.type === 'next').map((m) => m.payload!.data!.taskUpdated);
    // Every step would be 1 + 200 + 1 values; the server kept a bounded few for this reader.
    expect(values.length).toBeLessThan(steps / 2);
    expect(values.at(-1)?.state).toBe('SUCCESS');
    const percents = values.flatMap((v) => (v.progress ? [v.progress.percent] : []));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    slow.close();
  });
});
