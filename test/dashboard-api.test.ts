import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STACK_LIMITS } from '../src/queue/task-record.ts';
import { defineTask, TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import {
  CancelTasks,
  ListWorkflows,
  RetryTask,
  RetryTasks,
  RunChain,
  RunTask,
  RunTasks,
  SearchTasks,
  TaskCount,
  TaskStory,
  TaskUpdated,
} from './support/documents.ts';
import type { SearchTasksQuery, SearchTasksQueryVariables } from './gql/graphql.ts';
import { collect, Harness, type TestClient } from './support/taskql.ts';

/** Fails with a stack far longer than taskql keeps. */
const deepStack = defineTask({
  name: 'deepStack',
  description: 'Fails with a 200-line stack.',
  input: z.object({}),
  run() {
    const error = new Error('deep down');
    error.stack = ['Error: deep down', ...Array.from({ length: 200 }, (_, i) => `    at level${i} (file.js:${i}:1)`)].join('\n');
    throw error;
  },
});
/** Fails its first attempt, then succeeds at once. */
const secondTime = defineTask({
  name: 'secondTime',
  description: 'Fails its first attempt, succeeds on the next.',
  input: z.object({}),
  run(_input, ctx) {
    if (ctx.attempt === 1) throw new Error('not yet');
    return 'done';
  },
});
/** Fails the first time it runs a task (in this process), then succeeds. */
const failedBefore = new Set<string>();
const failsOnce = defineTask({
  name: 'failsOnce',
  description: 'Fails the first time it runs a task, succeeds after.',
  input: z.object({}),
  run(_input, ctx) {
    if (failedBefore.has(ctx.id)) return 'done';
    failedBefore.add(ctx.id);
    throw new Error('first time');
  },
});
const registry = new TaskRegistry([...taskTypes, deepStack, secondTime, failsOnce]);

/** Resolves with the task's last state once it has finished. */
async function finished(client: TestClient, id: string): Promise<string | undefined> {
  const { values } = await collect(client.wsClient(), TaskUpdated, { id });
  return values.at(-1)?.taskUpdated.state;
}

/** Every page of a search, `first` at a time, following endCursor. */
async function allPages(client: TestClient, variables: Omit<SearchTasksQueryVariables, 'first' | 'after'>, first: number) {
  const seen: SearchTasksQuery['tasks']['nodes'] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const { tasks }: SearchTasksQuery = await client.data(SearchTasks, { ...variables, first, after });
    seen.push(...tasks.nodes);
    if (!tasks.pageInfo.hasNextPage) return seen;
    after = tasks.pageInfo.endCursor;
  }
}

describe('searching tasks as the dashboard does', () => {
  let taskql: Harness;
  let ids: string[];
  beforeAll(async () => {
    taskql = await Harness.start({ registry, worker: false });
    const { runTasks } = await taskql.data(RunTasks, {
      tasks: Array.from({ length: 30 }, (_, i) => ({ name: 'noop', input: { n: i, site: i % 3 === 0 ? 'https://example.com/a' : 'https://other.org', tags: { team: i % 2 ? 'odd' : 'even' } } })),
    });
    ids = runTasks.map((task) => task.id);
  });
  afterAll(() => taskql.stop());

  const everyPage = (variables: Omit<SearchTasksQueryVariables, 'first' | 'after'>) => allPages(taskql, variables, 7);

  it('finds a task by the first 8 characters of its id, and by its whole id', async () => {
    const id = ids[17]!;
    const byPrefix = await taskql.data(SearchTasks, { filter: { idPrefix: id.slice(0, 8) } });
    expect(byPrefix.tasks.nodes.map((t) => t.id)).toEqual([id]);
    const whole = await taskql.data(SearchTasks, { filter: { idPrefix: id.toUpperCase() } });
    expect(whole.tasks.nodes.map((t) => t.id)).toEqual([id]);
    expect(whole.tasks.pageInfo.hasNextPage).toBe(false);
    const other = await taskql.data(SearchTasks, { filter: { idPrefix: id, name: 'divide' } });
    expect(other.tasks.nodes).toEqual([]);
  });

  it('finds tasks by a field of their input: a text it contains, a value it equals, a dotted path', async () => {
    const contains = await everyPage({ filter: { input: { field: 'site', contains: 'EXAMPLE.com' } } });
    expect(contains.map((t) => (t.input as { n: number }).n).sort((a, b) => a - b)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    const equals = await everyPage({ filter: { input: { field: 'n', equals: 4 } } });
    expect(equals.map((t) => t.id)).toEqual([ids[4]]);
    const nested = await everyPage({ filter: { input: { field: 'tags.team', equals: 'odd' } } });
    expect(nested).toHaveLength(15);
  });

  it('refuses a bad input match, naming the field', async () => {
    const both = await taskql.request(SearchTasks, { filter: { input: { field: 'n', equals: 1, contains: '1' } } });
    expect(both.errors?.[0]).toMatchObject({ message: expect.stringContaining('filter.input'), extensions: { code: 'BAD_USER_INPUT' } });
    const proto = await taskql.request(SearchTasks, { filter: { input: { field: '__proto__.x', equals: 1 } } });
    expect(proto.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages oldest first as well as newest first, each task once, in opposite orders', async () => {
    const newest = await everyPage({ filter: { name: 'noop' } });
    const oldest = await everyPage({ filter: { name: 'noop' }, order: 'OLDEST_FIRST' });
    expect(newest).toHaveLength(30);
    expect(new Set(oldest.map((t) => t.id)).size).toBe(30);
    expect(oldest.map((t) => t.id)).toEqual(newest.map((t) => t.id).reverse());
  });
});

describe('sorting tasks by duration, and finding a task by id prefix, on the server', () => {
  let taskql: Harness;
  const sleeps = [0, 200, 50, 400, 100];
  beforeAll(async () => {
    taskql = await Harness.start({ registry, limits: { MAX_SCAN_PER_REQUEST: 20 } });
  });
  afterAll(() => taskql.stop());

  const everyPage = (variables: Omit<SearchTasksQueryVariables, 'first' | 'after'>) => allPages(taskql, variables, 2);

  it('lists finished tasks longest first and shortest first, each once, leaving out unfinished ones', async () => {
    const ran = await Promise.all(sleeps.map((ms) => taskql.data(RunTask, { name: 'sleep', input: { ms } })));
    for (const { runTask } of ran) expect(await finished(taskql, runTask.id)).toBe('SUCCESS');
    const waiting = await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });

    const longest = await everyPage({ filter: { name: 'sleep' }, order: 'LONGEST_FIRST' });
    const durations = longest.map((task) => task.durationMs!);
    expect(new Set(longest.map((task) => task.id))).toEqual(new Set(ran.map(({ runTask }) => runTask.id)));
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    expect(longest[0]!.durationMs).toBeGreaterThanOrEqual(400);
    expect(longest.map((task) => task.id)).not.toContain(waiting.runTask.id);
    const shortest = await everyPage({ filter: { name: 'sleep' }, order: 'SHORTEST_FIRST' });
    expect(shortest.map((task) => task.id)).toEqual(longest.map((task) => task.id).reverse());
  });

  it("finds a task by its id's first characters however many newer tasks there are (the index is scanned, not the tasks)", async () => {
    const { runTasks } = await taskql.data(RunTasks, { tasks: Array.from({ length: 60 }, (_, n) => ({ name: 'noop', input: { n }, options: { delayMs: 3_600_000 } })) });
    // The oldest of 60: reading the list newest first, the scan budget (20 tasks) ends 40 tasks short of it.
    const oldest = runTasks[0]!.id;
    const found = await taskql.data(SearchTasks, { filter: { idPrefix: oldest.slice(0, 8) } });
    expect(found.tasks.nodes.map((task) => task.id)).toEqual([oldest]);
    expect(found.tasks.pageInfo.hasNextPage).toBe(false);
  });
});

describe('bulk retry and cancel over a filter', () => {
  const tokens = [
    { name: 'alice', token: 'alice-secret-0000000', scopes: ['run' as const, 'read' as const] },
    { name: 'bob', token: 'bob-secret-000000000', scopes: ['run' as const, 'read' as const] },
    { name: 'ops', token: 'ops-secret-000000000', scopes: ['admin' as const] },
  ];
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry, tokens });
  });
  afterAll(() => taskql.stop());

  it("counts, then retries only the caller's own failed tasks of the filter; an admin's reach everyone's", async () => {
    const alice = taskql.as('alice-secret-0000000');
    const bob = taskql.as('bob-secret-000000000');
    const ops = taskql.as('ops-secret-000000000');
    const fail = (client: TestClient) => client.data(RunTask, { name: 'divide', input: { x: 1, y: 0, delayMs: 0 } });
    const mine = await Promise.all([fail(alice), fail(alice), fail(alice)]);
    const theirs = await fail(bob);
    for (const { runTask } of [...mine, theirs]) await finished(ops, runTask.id);

    const filter = { name: 'divide', state: 'FAILURE' as const };
    expect((await alice.data(TaskCount, { filter, action: 'RETRY' })).taskCount).toEqual({ count: 3, complete: true });
    expect((await ops.data(TaskCount, { filter, action: 'RETRY' })).taskCount).toEqual({ count: 4, complete: true });
    expect((await alice.data(TaskCount, { filter, action: 'CANCEL' })).taskCount.count).toBe(0);

    const { retryTasks } = await alice.data(RetryTasks, { filter });
    expect(retryTasks).toEqual({ matched: 3, changed: 3, skipped: 0, complete: true });
    for (const { runTask } of mine) expect(await finished(ops, runTask.id)).toBe('FAILURE');
    const { task } = await ops.data(TaskStory, { id: mine[0]!.runTask.id });
    expect(task?.timeline.map((e) => e.state)).toEqual(['PENDING', 'STARTED', 'FAILURE', 'PENDING', 'STARTED', 'FAILURE']);
    // Bob's task was not retried: one run only.
    const bobs = await ops.data(TaskStory, { id: theirs.runTask.id });
    expect(bobs.task?.timeline.filter((e) => e.state === 'STARTED')).toHaveLength(1);
  });

  it('cancels every unfinished task of a filter, bounded by limit', async () => {
    const ops = taskql.as('ops-secret-000000000');
    const sleepers = await Promise.all(Array.from({ length: 3 }, () => ops.data(RunTask, { name: 'sleep', input: { ms: 60_000 }, options: { delayMs: 60_000 } })));
    const filter = { name: 'sleep', state: 'SCHEDULED' as const };
    const first = await ops.data(CancelTasks, { filter, limit: 2 });
    expect(first.cancelTasks).toEqual({ matched: 2, changed: 2, skipped: 0, complete: false });
    const rest = await ops.data(CancelTasks, { filter });
    expect(rest.cancelTasks).toEqual({ matched: 1, changed: 1, skipped: 0, complete: true });
    for (const { runTask } of sleepers) {
      const { task } = await ops.data(TaskStory, { id: runTask.id });
      expect(task?.state).toBe('REVOKED');
      expect(task?.timeline.at(-1)).toMatchObject({ state: 'REVOKED', note: 'Cancelled by cancelTask' });
    }
    const tooMany = await ops.request(CancelTasks, { filter, limit: 5000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const viewer = await taskql.as('alice-secret-0000000').data(TaskCount, { filter: { state: 'REVOKED' }, action: 'RETRY' });
    expect(viewer.taskCount.count).toBe(0);
  });

  it("keeps the last attempt's stack, trimmed, for admins only; the timeline names attempts and the worker", async () => {
    const alice = taskql.as('alice-secret-0000000');
    const ops = taskql.as('ops-secret-000000000');
    const { runTask } = await alice.data(RunTask, { name: 'deepStack', options: { attempts: 2, backoffMs: 1 } });
    expect(await finished(alice, runTask.id)).toBe('FAILURE');
    const { task } = await ops.data(TaskStory, { id: runTask.id });
    const stack = task!.errorStack!;
    expect(stack.split('\n').slice(0, 2)).toEqual(['Error: deep down', '    at level0 (file.js:0:1)']);
    expect(stack).toContain('(trimmed)');
    expect(stack.split('\n').length).toBeLessThanOrEqual(STACK_LIMITS.lines + 1);
    expect((await alice.data(TaskStory, { id: runTask.id })).task?.errorStack).toBeNull();

    const steps = task!.timeline.map((e) => [e.state, e.attempt]);
    expect(steps).toEqual([
      ['PENDING', null],
      ['STARTED', 1],
      ['RETRY', 1],
      ['STARTED', 2],
      ['FAILURE', 2],
    ]);
    expect(task!.timeline.slice(1).every((e) => e.worker)).toBe(true);
    expect(task!.timeline.at(-1)?.note).toBe('Error: deep down');
  });
});

describe('the story of a task that succeeds before its STARTED goes out', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry, worker: false });
    // STARTED only ever goes out with the final event: the worker stores no entries for an
    // attempt that succeeds, and the timeline is told from the task's own fields.
    await taskql.startWorker({ startedEventDelayMs: 60_000 });
  });
  afterAll(() => taskql.stop());

  it('tells its creation, its start and its success, with its worker', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: { n: 1 } });
    expect(await finished(taskql, runTask.id)).toBe('SUCCESS');
    const { task } = await taskql.data(TaskStory, { id: runTask.id });
    expect(task!.timeline.map((e) => [e.state, e.attempt, e.note])).toEqual([
      ['PENDING', null, 'created'],
      ['STARTED', 1, null],
      ['SUCCESS', 1, null],
    ]);
    expect(task!.timeline.slice(1).every((e) => e.worker)).toBe(true);
  });

  it('tells every attempt of one that succeeds on its second, once each', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'secondTime', options: { attempts: 2, backoffMs: 1 } });
    expect(await finished(taskql, runTask.id)).toBe('SUCCESS');
    const { task } = await taskql.data(TaskStory, { id: runTask.id });
    expect(task!.timeline.map((e) => [e.state, e.attempt])).toEqual([
      ['PENDING', null],
      ['STARTED', 1],
      ['RETRY', 1],
      ['STARTED', 2],
      ['SUCCESS', 2],
    ]);
  });

  it('tells a task retried with retryTask from its failure to its success', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'failsOnce', options: { attempts: 1 } });
    expect(await finished(taskql, runTask.id)).toBe('FAILURE');
    await taskql.data(RetryTask, { id: runTask.id });
    expect(await finished(taskql, runTask.id)).toBe('SUCCESS');
    const { task } = await taskql.data(TaskStory, { id: runTask.id });
    expect(task!.timeline.map((e) => [e.state, e.attempt])).toEqual([
      ['PENDING', null],
      ['STARTED', 1],
      ['FAILURE', 1],
      ['PENDING', null],
      ['STARTED', 1],
      ['SUCCESS', 1],
    ]);
  });
});

describe('a task story and the workflows list', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry });
  });
  afterAll(() => taskql.stop());

  it("keeps progress reports with a message in the timeline, after the attempt's start", async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'x', steps: 3, stepMs: 1 } });
    expect(await finished(taskql, runTask.id)).toBe('SUCCESS');
    const { task } = await taskql.data(TaskStory, { id: runTask.id });
    const progress = task!.timeline.filter((e) => e.percent !== null);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((e) => e.note && e.attempt === 1)).toBe(true);
    expect(task!.timeline.at(-1)?.state).toBe('SUCCESS');
    expect(task!.errorStack).toBeNull();
  });

  it('lists workflows newest first with their steps', async () => {
    const step = { name: 'noop', input: {} };
    const first = await taskql.data(RunChain, { steps: [step, step] });
    const second = await taskql.data(RunChain, { steps: [step, step, step] });
    const { workflows } = await taskql.data(ListWorkflows, { first: 2 });
    expect(workflows.map((w) => [w.id, w.tasks.length])).toEqual([
      [second.runChain.id, 3],
      [first.runChain.id, 2],
    ]);
  });
});
