import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunTask } from './support/documents.ts';
import { RawWsClient } from './support/raw-ws.ts';
import { collect, Harness } from './support/taskql.ts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { z } from 'zod';
import { defineTask, TaskRegistry, taskTypes } from '../src/tasks/index.ts';

/** Reports `steps` progress values at once (the shipped demo types are capped far lower). */
const chatty = defineTask({
  name: 'chatty',
  description: 'Reports progress steps times, without pause.',
  input: z.object({ data: z.string(), steps: z.number().int().min(1) }),
  async run({ data, steps }, ctx) {
    for (let step = 1; step <= steps; step++) await ctx.progress((step / steps) * 100);
    return data.length;
  },
});

const WatchState = parse('subscription WatchState($id: ID!) { taskUpdated(id: $id) { state } }') as TypedDocumentNode<
  { taskUpdated: { state: string } },
  { id: string }
>;

describe('subscribers that do not read', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false, registry: new TaskRegistry([...taskTypes, chatty]) });
  });
  afterAll(() => taskql.stop());

  it('get the latest state when they read again, not every step held for them (taskUpdated)', async () => {
    const steps = 200;
    // Big values (the input is 200 kB): a few fill the socket's buffers.
    const { runTask } = await taskql.data(RunTask, { name: 'chatty', input: { data: 'x'.repeat(200_000), steps } });
    const slow = await RawWsClient.connect(taskql.wsUrl);
    await slow.acked();
    slow.subscribe('1', 'subscription Slow($id: ID!) { taskUpdated(id: $id) { state input progress { percent } } }', { id: runTask.id });
    await slow.answer('1');
    slow.tcp.pause();
    // Someone who reads sees the task through.
    const watching = collect(taskql.wsClient(), WatchState, { id: runTask.id });
    await taskql.startWorker();
    expect((await watching).values.at(-1)?.taskUpdated.state).toBe('SUCCESS');

    slow.tcp.resume();
    await slow.completed('1');
    type Value = { data: { taskUpdated: { state: string; progress: { percent: number } | null } } };
    const values = slow.messages.filter((m) => m.type === 'next').map((m) => (m.payload as Value).data.taskUpdated);
    // Every step would be 1 + 200 + 1 values; the server kept a bounded few for this reader.
    expect(values.length).toBeLessThan(steps / 2);
    expect(values.at(-1)?.state).toBe('SUCCESS');
    const percents = values.flatMap((v) => (v.progress ? [v.progress.percent] : []));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    await slow.close();
  });
});
