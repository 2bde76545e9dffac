import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis } from '../src/redis/connections.ts';
import { GetTask, RunTask, TaskUpdated, WorkflowUpdated } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, Harness, redisTarget, TestClient, uniquePrefix } from './support/taskql.ts';
import { inject } from 'vitest';

/** A span as test/support/otel-in-memory.ts writes it. */
interface ExportedSpan {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  status: { code: SpanStatusCode; message?: string };
  attributes: Record<string, unknown>;
  events: { name: string; attributes?: Record<string, unknown> }[];
}

const TASKS = 'test/fixtures/tasks/traced.ts';

/** A taskql process with an OpenTelemetry SDK (in-memory exporter) registered before it starts. */
const traced = (mode: string, env: Record<string, string>, spansFile: string, args: string[] = []) =>
  TaskqlProcess.command(
    [process.execPath, '--import', 'tsx', '--import', './test/support/otel-in-memory.ts', 'src/main.ts', mode, '--tasks', TASKS, ...args],
    { ...env, OTEL_SPANS_FILE: spansFile },
  );

describe('OpenTelemetry: one trace per task, from runTask in the API process to the handler in a worker process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-otel-'));
  const env = { REDIS_URL: inject('redisUrl'), TASKQL_PREFIX: uniquePrefix() };
  let api: TaskqlProcess;
  let worker: TaskqlProcess;
  let client: TestClient;
  let apiSpans: ExportedSpan[];
  let workerSpans: ExportedSpan[];
  // The caller's own trace (a frontend's, say), sent as a W3C traceparent header.
  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  let ok: { id: string };
  let broken: { id: string };
  let chain: { id: string; steps: string[] };

  beforeAll(async () => {
    api = traced('api', env, join(dir, 'api.json'), ['--port', '0']);
    worker = traced('worker', env, join(dir, 'worker.json'));
    const url = String((await api.waitForLog('API listening')).url);
    await worker.waitForLog('worker started');
    client = new TestClient(url);
    // A request made in the caller's trace.
    const post = async <T>(query: string, variables: Record<string, unknown>, operationName: string): Promise<T> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpanId}-01` },
        body: JSON.stringify({ query, variables, operationName }),
      });
      return ((await response.json()) as { data: T }).data;
    };
    const run = async (name: string, input: unknown, options?: unknown) => {
      const data = await post<{ runTask: { id: string } }>(
        'mutation RunTask($name: String!, $input: JSON, $options: TaskOptions) { runTask(name: $name, input: $input, options: $options) { id } }',
        { name, input, options },
        'RunTask',
      );
      // Followed to its end: by then the worker has ended (so exported) every span of the task.
      const { values } = await collect(client.wsClient(), TaskUpdated, { id: data.runTask.id });
      return { id: data.runTask.id, state: values.at(-1)?.taskUpdated.state };
    };
    const done = await run('traced', { n: 21 });
    expect(done.state).toBe('SUCCESS');
    const failed = await run('tracedFailure', {}, { attempts: 2, backoffMs: 0 });
    expect(failed.state).toBe('FAILURE');
    ok = done;
    broken = failed;
    const { runChain } = await post<{ runChain: { id: string } }>(
      'mutation RunChain($steps: [WorkflowStep!]!) { runChain(steps: $steps) { id } }',
      { steps: [{ name: 'traced', input: { n: 1 } }, { name: 'traced', input: { n: 2 } }] },
      'RunChain',
    );
    const { values } = await collect(client.wsClient(), WorkflowUpdated, { id: runChain.id });
    expect(values.at(-1)?.workflowUpdated?.state).toBe('SUCCESS');
    chain = { id: runChain.id, steps: values.at(-1)!.workflowUpdated!.tasks.map((task) => task.id) };
    await worker.waitForLog('task attempt failed', (line) => line.attempt === 2);
    // Each process writes what its exporter holds when it exits.
    await Promise.all([api.stop(), worker.stop()]);
    await client.stop();
    apiSpans = JSON.parse(readFileSync(join(dir, 'api.json'), 'utf8')) as ExportedSpan[];
    workerSpans = JSON.parse(readFileSync(join(dir, 'worker.json'), 'utf8')) as ExportedSpan[];
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await worker?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const spansOf = (id: string) => {
    const enqueue = apiSpans.find((span) => span.name.startsWith('enqueue') && span.attributes['taskql.task.id'] === id)!;
    const operation = apiSpans.find((span) => span.spanId === enqueue?.parentSpanId)!;
    const attempts = workerSpans.filter((span) => span.attributes['taskql.task.id'] === id).sort((a, b) => Number(a.attributes['taskql.task.attempt']) - Number(b.attributes['taskql.task.attempt']));
    return { operation, enqueue, attempts };
  };

  it('links the GraphQL operation, the enqueue span and the attempt in the worker, in the caller\'s trace', () => {
    const { operation, enqueue, attempts } = spansOf(ok.id);
    expect(operation).toMatchObject({ name: 'mutation RunTask', kind: SpanKind.SERVER, traceId, parentSpanId: callerSpanId });
    expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'RunTask' });
    expect(enqueue).toMatchObject({ name: 'enqueue traced', kind: SpanKind.PRODUCER, traceId });
    expect(enqueue.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'messaging.destination.name': 'default', 'taskql.task.name': 'traced' });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ name: 'process traced', kind: SpanKind.CONSUMER, traceId, parentSpanId: enqueue.spanId, status: { code: SpanStatusCode.UNSET } });
    expect(attempts[0]!.attributes).toMatchObject({ 'taskql.task.attempt': 1, 'messaging.message.id': ok.id });
    // The handler's own span (made with @opentelemetry/api in the task's code) is the attempt's child.
    const handler = workerSpans.find((span) => span.name === 'double it')!;
    expect(handler).toMatchObject({ traceId, parentSpanId: attempts[0]!.spanId, attributes: { n: 21 } });
  });

  it('puts progress reports on the attempt span as events', () => {
    const [attempt] = spansOf(ok.id).attempts;
    expect(attempt!.events).toEqual([
      { name: 'progress', attributes: { 'taskql.progress.percent': 50, 'taskql.progress.message': 'half way' } },
      { name: 'progress', attributes: { 'taskql.progress.percent': 100, 'taskql.progress.message': 'done' } },
    ]);
  });

  it('gives each attempt its own span, the failure recorded on it, and says so in log lines that carry task id, type, attempt and trace id', async () => {
    const { enqueue, attempts } = spansOf(broken.id);
    expect(attempts.map((span) => span.attributes['taskql.task.attempt'])).toEqual([1, 2]);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ traceId, parentSpanId: enqueue.spanId, status: { code: SpanStatusCode.ERROR, message: 'Error: broken on purpose' } });
      expect(attempt.events).toContainEqual(expect.objectContaining({ name: 'exception', attributes: expect.objectContaining({ 'exception.message': 'broken on purpose' }) }));
    }
    const lines = worker.lines.filter((line) => line.msg === 'task attempt failed');
    expect(lines.map((line) => [line.taskId, line.taskType, line.attempt, line.traceId])).toEqual([
      [broken.id, 'tracedFailure', 1, traceId],
      [broken.id, 'tracedFailure', 2, traceId],
    ]);
  });

  it("puts every step of a workflow in the trace of the request that queued it, under one enqueue span", () => {
    const enqueue = apiSpans.filter((span) => span.name.startsWith('enqueue') && span.attributes['taskql.workflow.id'] === chain.id);
    expect(enqueue).toHaveLength(1);
    expect(enqueue[0]).toMatchObject({ name: 'enqueue traced', kind: SpanKind.PRODUCER, traceId });
    const operation = apiSpans.find((span) => span.spanId === enqueue[0]!.parentSpanId);
    expect(operation).toMatchObject({ name: 'mutation RunChain', traceId, parentSpanId: callerSpanId });
    expect(chain.steps).toHaveLength(2);
    for (const step of chain.steps) {
      const attempts = workerSpans.filter((span) => span.attributes['taskql.task.id'] === step);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ name: 'process traced', traceId, parentSpanId: enqueue[0]!.spanId });
    }
  });

  it('traces GraphQL subscriptions (graphql-ws) too', () => {
    const subscribe = apiSpans.filter((span) => span.name === 'subscription TaskUpdated');
    expect(subscribe.length).toBeGreaterThanOrEqual(2);
    expect(subscribe[0]!.attributes).toMatchObject({ 'graphql.operation.type': 'subscription' });
  });
});

describe('OpenTelemetry without an SDK (the no-op tracer)', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start();
  });
  afterAll(() => taskql.stop());

  it('records nothing and leaves the job as it was: no trace context in its data', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: { a: 1 } });
    const connection = createRedis(redisTarget(), 'worker');
    const queue = new Queue('default', { connection, prefix: taskql.prefix });
    try {
      const job = await queue.getJob(runTask.id);
      expect(job?.data).toEqual({ input: { a: 1 } });
    } finally {
      await queue.close();
      await closeRedis(connection);
    }
    expect((await taskql.data(GetTask, { id: runTask.id })).task?.id).toBe(runTask.id);
  });
});
