import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunTask, TaskUpdated } from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';

/** Subscribes while the task waits (no worker yet), then starts one: every change is seen. */
async function runWatched(taskql: Harness, name: string, input: unknown) {
  const { runTask } = await taskql.data(RunTask, { name, input });
  const client = taskql.wsClient();
  let snapshot: () => void = () => {};
  const subscribed = new Promise<void>((resolve) => (snapshot = resolve));
  const collected = collect(client, TaskUpdated, { id: runTask.id }, (_, index) => index === 0 && snapshot());
  await subscribed;
  const worker = await taskql.startWorker();
  const { values } = await collected;
  await worker.stop();
  return { id: runTask.id, updates: values.map((value) => value.taskUpdated) };
}

describe('STARTED, sent without holding up the handler', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('still reaches subscribers of a task that ends at once, before its final state, with the worker that ran it', async () => {
    const { id, updates } = await runWatched(taskql, 'noop', 'quick');
    expect(updates.map((u) => u.state)).toEqual(['PENDING', 'STARTED', 'SUCCESS']);
    expect(updates[1]!.worker).not.toBeNull();
    const stored = await taskql.api.services.store.read(id);
    expect(stored).toMatchObject({ state: 'SUCCESS', seq: 2, worker: updates[1]!.worker });
  });

  it('reaches subscribers of a longer task while it runs, and goes before its first progress report', async () => {
    const { updates } = await runWatched(taskql, 'divide', { x: 1, y: 4, delayMs: 400 });
    const states = updates.map((u) => u.state);
    expect(states.slice(0, 2)).toEqual(['PENDING', 'STARTED']);
    expect(updates[1]!.progress).toBeNull();
    expect(states.at(-1)).toBe('SUCCESS');
    expect(updates.filter((u) => u.progress).map((u) => u.progress!.percent)).toEqual([25, 50, 75, 100, 100]);
  });
});
