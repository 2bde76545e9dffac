import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { printTaskqlSchema, schemaFor } from '../src/schema/index.ts';
import { isStateStream } from '../src/server/shared-subscriptions.ts';
import { defineTask, TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import { DivideTaskQuery, DivideUpdated, GetTask, RunDivide, RunSendEmail, RunTask, SendEmailUpdated, TaskUpdated } from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';
import { report, typedRegistry } from './support/typed-test-tasks.ts';

/** An operation on a user's own task types (not in schema.graphql, so not typed by codegen). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads the answer as a client would
const op = (source: string) => parse(source) as TypedDocumentNode<any, Record<string, unknown>>;

const follow = op(`subscription ($id: ID!) { reportUpdated(id: $id) { state result { url pages format } progress { percent message data { step done } } } }`);

describe('typed contracts: the shipped types', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start();
  });
  afterAll(() => taskql.stop());

  it('runs divide through runDivide and returns result as a number, typed in the schema', async () => {
    const { runDivide } = await taskql.data(RunDivide, { input: { x: 1, y: 4, delayMs: 0 } });
    expect(runDivide).toMatchObject({ name: 'divide', state: 'PENDING', input: { x: 1, y: 4, delayMs: 0 } });
    const { values, errors } = await collect(taskql.wsClient(), DivideUpdated, { id: runDivide.id });
    expect(errors).toBeUndefined();
    expect(values.at(-1)?.divideUpdated).toMatchObject({ state: 'SUCCESS', result: 0.25, progress: { percent: 100 } });
    const { divideTask } = await taskql.data(DivideTaskQuery, { id: runDivide.id });
    expect(divideTask).toEqual({ id: runDivide.id, state: 'SUCCESS', result: 0.25, input: { x: 1, y: 4 } });
    // Beside it, the generic fields see the same task, unchanged.
    const { task } = await taskql.data(GetTask, { id: runDivide.id });
    expect(task).toMatchObject({ name: 'divide', result: 0.25 });

    const type = schemaFor(taskql.registry).getType('DivideTask');
    expect(printSchema(schemaFor(taskql.registry))).toContain('runDivide(input: DivideInput!, options: TaskOptions): DivideTask!');
    expect(String((type as unknown as { getFields(): Record<string, { type: unknown }> }).getFields().result?.type)).toBe('Float');
  });

  it('fills a default the client left out, as zod would (and GraphQL shows it)', async () => {
    const { runDivide } = await taskql.data(RunDivide, { input: { x: 3, y: 1 } });
    expect(runDivide.input).toEqual({ x: 3, y: 1, delayMs: 1000 });
    await taskql.data(op(`mutation ($id: ID!) { cancelTask(id: $id) { id } }`), { id: runDivide.id });
  });

  it('refuses a wrong input field before anything is queued: y as a string, an unknown field, a missing x', async () => {
    const queue = taskql.queue();
    const before = await queue.getJobCountByTypes('waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed');
    for (const input of [{ x: 1, y: '2' }, { x: 1, y: 2, z: 3 }, { y: 2 }]) {
      const result = await taskql.request(RunDivide, { input: input as never });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/"\$input" got invalid value .*(at "input.y"|"z"|"x")/);
    }
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed')).toBe(before);
  });

  it('checks with zod what GraphQL cannot say: an email GraphQL accepts is refused by zod with BAD_USER_INPUT naming the field', async () => {
    const bad = await taskql.request(RunSendEmail, { input: { to: 'a@example.com', subject: '' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('subject');
    const notEmail = await taskql.request(RunSendEmail, { input: { to: 'not-an-address', subject: 'hi' } });
    expect(notEmail.errors?.[0]?.message).toMatch(/EmailAddress|email/);
  });

  it('takes an explicit null for an optional field as "not given" (generated clients send null)', async () => {
    const { runSendEmail } = await taskql.data(RunSendEmail, { input: { to: 'a@example.com', subject: 'hi', body: null } });
    expect(runSendEmail.input).toEqual({ to: 'a@example.com', subject: 'hi', body: null });
    const { values } = await collect(taskql.wsClient(), SendEmailUpdated, { id: runSendEmail.id });
    expect(values.at(-1)?.sendEmailUpdated).toMatchObject({ state: 'SUCCESS', result: { messageId: expect.stringMatching(/^<.+@taskql\.local>$/) } });
    const { task } = await taskql.data(GetTask, { id: runSendEmail.id });
    expect(task?.input).toEqual({ to: 'a@example.com', subject: 'hi' });
  });

  it('reads and follows only tasks of its own type: divideTask is null and divideUpdated NOT_FOUND for a noop task', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: { a: 1 } });
    expect((await taskql.data(DivideTaskQuery, { id: runTask.id })).divideTask).toBeNull();
    const { values, errors } = await collect(taskql.wsClient(), DivideUpdated, { id: runTask.id });
    expect(values).toHaveLength(0);
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await collect(taskql.wsClient(), DivideUpdated, { id: 'no-such-task' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe("typed contracts: a user's own task types", () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry: typedRegistry });
  });
  afterAll(() => taskql.stop());

  it('types input, result and progress data as the schemas say, and streams progress data typed and generic', async () => {
    const run = op(`mutation ($input: ReportInput!) { runReport(input: $input) { id input { title format recipients since layout { pages landscape } tags } } }`);
    const { runReport } = await taskql.data(run, {
      input: { title: 'Q3', recipients: ['a@example.com'], since: '2026-01-02T03:04:05Z', layout: { pages: 7 }, tags: { team: 'ops' } },
    });
    expect(runReport.input).toEqual({
      title: 'Q3',
      format: 'pdf',
      recipients: ['a@example.com'],
      since: '2026-01-02T03:04:05.000Z',
      layout: { pages: 7, landscape: null },
      tags: { team: 'ops' },
    });
    const { values, errors } = await collect(taskql.wsClient(), follow, { id: runReport.id });
    expect(errors).toBeUndefined();
    const updates = values.map((v) => v.reportUpdated);
    expect(updates.find((u) => u.progress)?.progress).toEqual({ percent: 50, message: 'rendering', data: { step: 'render', done: 1 } });
    expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', result: { url: 'https://reports.example/Q3.pdf', pages: 7, format: 'pdf' } });
    // The generic path keeps the latest progress with its data too.
    const { task } = await taskql.data(GetTask, { id: runReport.id });
    expect(task?.progress).toMatchObject({ percent: 50 });
    const generic = await taskql.data(op(`query ($id: ID!) { task(id: $id) { progress { data } } }`), { id: runReport.id });
    expect(generic.task.progress.data).toEqual({ step: 'render', done: 1 });
  });

  it('fails a task whose handler returns what its result schema refuses, naming the field, without retrying', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'liar', input: { lie: true } });
    const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
    expect(values.at(-1)?.taskUpdated).toMatchObject({
      state: 'FAILURE',
      result: null,
      attempts: 1,
      error: { name: 'ResultSchemaError', message: expect.stringContaining('status: expected number, received string') },
    });
    const honest = await taskql.data(RunTask, { name: 'liar', input: { lie: false } });
    const done = await collect(taskql.wsClient(), op(`subscription ($id: ID!) { liarUpdated(id: $id) { state result { status bytes } } }`), {
      id: honest.runTask.id,
    });
    expect(done.values.at(-1)?.liarUpdated).toEqual({ state: 'SUCCESS', result: { status: 200, bytes: 3 } });
  });

  it('refuses progress data its progress schema refuses: the report throws in the handler, the task fails saying why', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'badProgress' });
    const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
    expect(values.at(-1)?.taskUpdated).toMatchObject({
      state: 'FAILURE',
      progress: { percent: 10 },
      error: { name: 'ProgressDataError', message: expect.stringContaining('done: expected number') },
    });
  });

  it('keeps auth scopes on typed fields: a read-only token cannot runReport', async () => {
    const guarded = await Harness.start({
      registry: typedRegistry,
      worker: false,
      tokens: [{ name: 'viewer', token: 'viewer-secret-000000', scopes: ['read'] }],
    });
    try {
      const result = await guarded.as('viewer-secret-000000').request(op(`mutation { runReport(input: { title: "x" }) { id } }`));
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.errors?.[0]?.message).toContain('runReport');
    } finally {
      await guarded.stop();
    }
  });
});

describe('typed contracts: what zod says, GraphQL says', () => {
  const sdl = printTaskqlSchema([report]);

  it('maps required, optional, defaults, enums, nested objects, arrays, Int, format scalars and descriptions', () => {
    expect(sdl).toContain('runReport(input: ReportInput!, options: TaskOptions): ReportTask!');
    expect(sdl).toContain('reportTask(id: ID!): ReportTask');
    expect(sdl).toContain('reportUpdated(id: ID!): ReportTask!');
    const input = sdl.slice(sdl.indexOf('input ReportInput {'), sdl.indexOf('}', sdl.indexOf('input ReportInput {')) + 1);
    expect(input).toContain('format: ReportInputFormat = pdf');
    expect(input).toContain('layout: ReportInputLayout\n');
    expect(input).toContain('recipients: [EmailAddress!]\n');
    expect(input).toContain('since: DateTime\n');
    expect(input).toContain('tags: JSON\n'); // a record: any keys, checked by zod
    expect(input).toContain('"""Shown on the first page."""\n  title: String!');
    expect(sdl).toMatch(/input ReportInputLayout \{\n {2}landscape: Boolean\n {2}pages: Int!\n\}/);
    expect(sdl).toMatch(/enum ReportInputFormat \{\n {2}csv\n {2}pdf\n\}/);
    expect(sdl).toMatch(/type ReportResult \{\n {2}format: ReportResultFormat!\n {2}pages: Int!\n {2}url: URL!\n\}/);
    expect(sdl).toMatch(/type ReportProgressData \{\n {2}done: Int!\n {2}step: String!\n\}/);
    expect(sdl).toMatch(/type ReportTask \{[^}]*\n {2}progress: ReportProgress\n[^}]*\n {2}result: ReportResult\n/);
  });

  it('falls back to JSON for unions of scalars, tuples and recursive schemas, and types without a result schema keep result: JSON', () => {
    type Tree = { name: string; children: Tree[] };
    const tree: z.ZodType<Tree> = z.object({ name: z.string(), get children() { return z.array(tree); } });
    const odd = defineTask({
      name: 'odd',
      description: 'Odd shapes.',
      input: z.object({ either: z.union([z.string(), z.number()]), pair: z.tuple([z.string(), z.int()]), tree: tree.optional() }),
      run: () => null,
    });
    const text = printTaskqlSchema([odd]);
    expect(text).toMatch(/input OddInput \{\n {2}either: JSON!\n {2}pair: JSON!\n {2}tree: JSON\n\}/);
    expect(text).toMatch(/type OddTask \{[^}]*\n {2}result: JSON\n/);
  });

  it('marks typed follow fields as state streams, so graphql-ws shares them as it shares taskUpdated', () => {
    const schema = schemaFor(new TaskRegistry(taskTypes));
    const stream = (source: string) => isStateStream(schema, parse(source), undefined);
    expect(stream('subscription { divideUpdated(id: "1") { id } }')).toBe(true);
    expect(stream('subscription { taskUpdated(id: "1") { id } }')).toBe(true);
    expect(stream('subscription { taskEvents { id } }')).toBe(false);
  });

  it('names types from the task name, as the docs say: processData → ProcessDataInput', () => {
    const text = printSchema(schemaFor(new TaskRegistry(taskTypes)));
    expect(text).toContain('input ProcessDataInput {');
    expect(text).toContain('runProcessData(input: ProcessDataInput!, options: TaskOptions): ProcessDataTask!');
    expect(text).toContain('type Task {'); // the generic type stays as it is
  });

  it('refuses at start-up a task name that cannot make a GraphQL name, and one whose names are taken', async () => {
    const named = (name: string) => defineTask({ name, description: '', input: z.object({ a: z.string() }), run: () => null });
    expect(() => printTaskqlSchema([named('resize-image')])).toThrow(/Task type name "resize-image" cannot make GraphQL names/);
    // `task` would make runTask (and taskUpdated), which taskql has already.
    expect(() => printTaskqlSchema([named('task')])).toThrow(/"runTask", which taskql's field Mutation.runTask already is/);
    expect(() => printTaskqlSchema([named('send_email'), named('sendEmail')])).toThrow(/"SendEmailTask", which the task object of task type "send_email" already is/);
    // The registry already refuses it, naming the rule (a task type's name becomes GraphQL names).
    expect(() => new TaskRegistry([...taskTypes, named('resize-image')])).toThrow(/"resize-image".*letters, digits and _ only/);
    await expect(Harness.start({ registry: new TaskRegistry([...taskTypes, named('task')]), worker: false })).rejects.toThrow(/"runTask"/);
  });
});
