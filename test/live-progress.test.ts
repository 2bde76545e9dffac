import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../src/queue/topics.ts';
import { GetTask, RunTask, TaskUpdated } from './support/documents.ts';
import { collect, Harness, subscriberCount } from './support/taskql.ts';

describe('taskUpdated: live progress over graphql-ws', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start();
  });
  afterAll(() => taskql.stop());

  it('runs divide(1, 2) and streams the snapshot, STARTED, each progress step and SUCCESS 0.5, then completes', async () => {
    // No worker until the subscriber has its snapshot: every change after it must arrive.
    const idle = await Harness.start({ worker: false });
    const { runTask } = await idle.data(RunTask, { name: 'divide', input: { x: 1, y: 2, delayMs: 200 } });
    const { values, errors } = await collect(idle.wsClient(), TaskUpdated, { id: runTask.id }, (_v, index) => {
      if (index === 0) void idle.startWorker();
    }).finally(() => idle.stop());

    expect(errors).toBeUndefined();
    const updates = values.map((v) => v.taskUpdated);
    expect(updates.every((u) => u.id === runTask.id)).toBe(true);
    const states = updates.map((u) => u.state);
    expect(states[0]).toBe('PENDING');
    expect(states.at(-1)).toBe('SUCCESS');
    expect(states.filter((s) => s === 'SUCCESS')).toHaveLength(1);
    const percents = updates.filter((u) => u.state === 'STARTED' && u.progress).map((u) => u.progress!.percent);
    expect(percents).toEqual([25, 50, 75, 100]);
    expect(updates.at(-1)).toMatchObject({ result: 0.5, error: null, attempts: 1, progress: { percent: 100 } });
  });

  it('ends divide(1, 0) in FAILURE with "division by zero", and that is not a GraphQL error', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y: 0, delayMs: 20 } });
    const { values, errors } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
    expect(errors).toBeUndefined();
    expect(values.at(-1)?.taskUpdated).toMatchObject({
      state: 'FAILURE',
      result: null,
      error: { name: 'ZeroDivisionError', message: 'division by zero' },
    });
    const { task } = await taskql.data(GetTask, { id: runTask.id });
    expect(task).toMatchObject({ state: 'FAILURE', error: { message: 'division by zero' } });
    expect(task?.finishedAt).not.toBeNull();
  });

  it('sends a late subscriber exactly one event, the terminal one, then completes', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: { hello: 'world' } });
    const client = taskql.wsClient();
    await collect(client, TaskUpdated, { id: runTask.id }); // wait for the end

    const late = await collect(client, TaskUpdated, { id: runTask.id });
    expect(late.values).toHaveLength(1);
    expect(late.values[0]?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: { hello: 'world' } });
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const { values, errors } = await collect(taskql.wsClient(), TaskUpdated, { id: 'no-such-task' });
    expect(values).toHaveLength(0);
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.message).toContain('no-such-task');
  });

  it('answers BAD_USER_INPUT for a missing or null id, and the socket serves on', async () => {
    const client = taskql.wsClient();
    for (const variables of [{}, { id: null }]) {
      const { values, errors } = await collect(client, TaskUpdated, variables as unknown as { id: string });
      expect(values).toHaveLength(0);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain('$id');
    }
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: {} });
    expect((await collect(client, TaskUpdated, { id: runTask.id })).values.at(-1)?.taskUpdated.state).toBe('SUCCESS');
  });

  it('answers a subscription over server-sent events with a null id as HTTP 400, BAD_USER_INPUT', async () => {
    const query = 'subscription ($id: ID!) { taskUpdated(id: $id) { state } }';
    const response = await fetch(`${taskql.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent('{"id":null}')}`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('BAD_USER_INPUT');
    expect(body).toContain('$id');
  });

  it('gives the task channel back when its only subscriber over server-sent events goes away', async () => {
    const idle = await Harness.start({ worker: false });
    try {
      const { runTask } = await idle.data(RunTask, { name: 'noop', input: {} });
      const channel = topics.taskUpdated(idle.prefix, runTask.id);
      const listeners = () => subscriberCount(idle.api.redis, channel);
      const query = `subscription { taskUpdated(id: "${runTask.id}") { state } }`;
      const leave = new AbortController();
      const response = await fetch(`${idle.url}?query=${encodeURIComponent(query)}`, { headers: { accept: 'text/event-stream' }, signal: leave.signal });
      const reader = response.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('"state":"PENDING"');
      expect(await listeners()).toBe(1);
      leave.abort(); // the client goes away: its connection closes
      await expect.poll(listeners).toBe(0);
    } finally {
      await idle.stop();
    }
  });

  it('gives every subscriber of a task the same stream, whenever it joins, with nothing lost or repeated', async () => {
    const steps = 40;
    const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'abc', steps, stepMs: 5 } });
    const client = taskql.wsClient();
    const first = collect(client, TaskUpdated, { id: runTask.id });
    // Join more subscribers while progress is flowing: each joins on an event of the one before.
    const joiners = await new Promise<ReturnType<typeof collect<unknown, { id: string }>>[]>((resolve) => {
      const later: ReturnType<typeof collect<unknown, { id: string }>>[] = [];
      void collect(client, TaskUpdated, { id: runTask.id }, (_value, index) => {
        if (index % 5 === 2 && later.length < 4) later.push(collect(client, TaskUpdated, { id: runTask.id }));
        if (later.length === 4) resolve(later);
      }).then(() => resolve(later));
    });

    for (const result of [await first, ...((await Promise.all(joiners)) as Awaited<typeof first>[])]) {
      const updates = result.values.map((v) => v.taskUpdated);
      const last = updates.at(-1);
      expect(last).toMatchObject({ state: 'SUCCESS', result: 'Processed: abc', progress: { percent: 100 } });
      const running = updates.filter((u) => u.state === 'STARTED' && u.progress).map((u) => u.progress!.percent);
      // Progress only goes up, one report per step, none repeated, none skipped after joining.
      for (let i = 1; i < running.length; i++) expect(running[i]! - running[i - 1]!).toBeCloseTo(100 / steps);
      expect(updates.filter((u) => u.state === 'SUCCESS')).toHaveLength(1);
    }
    const full = (await first).values.map((v) => v.taskUpdated).filter((u) => u.progress && u.state === 'STARTED');
    expect(full.length).toBeGreaterThanOrEqual(steps - 1);
  });

  it('fails an attempt that passes timeoutMs with TimeoutError, aborting the handler', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 60_000 }, options: { timeoutMs: 50 } });
    const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
    expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'FAILURE', error: { name: 'TimeoutError' } });
  });

  it('streams a task whose input fails in the worker to FAILURE', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'fetchUrl', input: { url: 'http://127.0.0.1:1/nothing' } });
    const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
    expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'FAILURE', error: { name: 'FetchRefusedError' } });
  });
});
