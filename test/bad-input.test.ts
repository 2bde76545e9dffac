import fc from 'fast-check';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RunTask, TaskUpdated } from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';

const CODES_FOR_BAD_INPUT = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST'];

describe('bad input is refused clearly, and nothing is queued', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  const queued = async () => Object.values(await taskql.queue().getJobCounts()).reduce((sum, n) => sum + n, 0);
  const stillServes = async () => expect((await fetch(new URL('/health', taskql.url))).status).toBe(200);

  it('answers any task input either by queueing it or with BAD_USER_INPUT (property)', async () => {
    const names = ['divide', 'processData', 'sendEmail', 'fetchUrl', 'noop', 'sleep', 'sum', 'nope'];
    let accepted = 0;
    const before = await queued();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 4 }), async (name, input) => {
        const result = await taskql.request(RunTask, { name, input });
        if (result.data?.runTask) {
          accepted++;
          expect(result.data.runTask.name).toBe(name);
        } else {
          expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
          expect(result.errors?.[0]?.message).toMatch(/^(Invalid input of "\w+": .+|Unknown task type "nope"\..*)$/);
        }
      }),
      { numRuns: 150 },
    );
    expect(await queued()).toBe(before + accepted);
    await stillServes();
  });

  it('answers any options either by queueing or with BAD_USER_INPUT (property)', async () => {
    const option = fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double(), fc.string(), fc.boolean(), fc.constant(null));
    const options = fc.record(
      { delayMs: option, priority: option, attempts: option, backoffMs: option, timeoutMs: option, idempotencyKey: option, runAt: option },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(options, async (opts) => {
        const result = await taskql.request(RunTask, { name: 'noop', input: {}, options: opts as never });
        if (!result.data?.runTask) expect(CODES_FOR_BAD_INPUT).toContain(result.errors?.[0]?.extensions?.code);
      }),
      { numRuns: 150 },
    );
    await stillServes();
  });

  it('answers any raw HTTP body with a 4xx and a JSON error, never a 5xx (property)', async () => {
    const body = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.constant('{"query": "mutation { runTask(name: \\"noop\\") { id } }"'), // cut short
      fc.constant(Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d])), // invalid UTF-8
    );
    const before = await queued();
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await fetch(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
        const json = (await response.json()) as { errors?: unknown[]; data?: unknown };
        expect(json.errors ?? json.data).toBeDefined();
      }),
      { numRuns: 150 },
    );
    expect(await queued()).toBe(before);
    await stillServes();
  });

  it('refuses a task input over MAX_INPUT_BYTES', async () => {
    const before = await queued();
    const result = await taskql.request(RunTask, { name: 'noop', input: { blob: 'x'.repeat(300 << 10) } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/Invalid input of "noop": \d+ bytes as JSON, at most 262144/);
    expect(await queued()).toBe(before);
  });

  it('refuses a task input nested deeper than MAX_INPUT_DEPTH, however deep', async () => {
    const before = await queued();
    for (const levels of [65, 5_000, 100_000]) {
      const input = '{"a":'.repeat(levels) + '{}' + '}'.repeat(levels);
      const body = `{"query": "mutation ($i: JSON) { runTask(name: \\"noop\\", input: $i) { id } }", "variables": {"i": ${input}}}`;
      const response = await fetch(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const result = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toBe('Invalid input of "noop": nested more than 64 levels deep.');
    }
    expect(await queued()).toBe(before);
  });

  it('refuses a body over MAX_BODY_BYTES with 413', async () => {
    const huge = JSON.stringify({ query: 'mutation ($i: JSON) { runTask(name: "noop", input: $i) { id } }', variables: { i: 'x'.repeat(2 << 20) } });
    const response = await fetch(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(response.status).toBe(413);
    await stillServes();
  });

  it('refuses queries that are too deep, too wide with aliases, or too long', async () => {
    const post = async (query: string) => {
      const response = await fetch(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    };
    // The schema has no cycles; introspection does (ofType), and the tools' own query is ~21 deep:
    // it has a limit of its own (see test/introspection.test.ts); __type is held to the general one.
    const ofTypes = (levels: number) => 'ofType { '.repeat(levels) + 'name' + ' }'.repeat(levels);
    expect((await post(`{ __schema { types { fields { type { ${ofTypes(8)} } } } } }`)).errors).toBeUndefined();
    const tooDeep = await post(`{ __type(name: "Task") { fields { type { ${ofTypes(13)} } } } }`);
    expect(tooDeep.errors?.[0]?.message).toMatch(/depth limit of 15/i);
    const aliases = await post(`{ ${Array.from({ length: 60 }, (_, i) => `a${i}: taskTypes { name }`).join(' ')} }`);
    expect(aliases.errors?.[0]?.message).toMatch(/alias/i);
    const tokens = await post(`{ ${'taskTypes { name } '.repeat(1500)} }`);
    expect(tokens.errors?.[0]?.message).toMatch(/token/i);
    await stillServes();
  });

  it('refuses more than MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions on one WebSocket', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });
    const client = taskql.wsClient();
    // 101 at once: 100 open (each gets its snapshot), one is refused.
    let opened = 0;
    let allOpen: () => void = () => {};
    const hundred = new Promise<void>((resolve) => (allOpen = resolve));
    const all = Array.from({ length: 101 }, () =>
      collect(client, TaskUpdated, { id: runTask.id }, (_value, index) => {
        if (index === 0 && ++opened === 100) allOpen();
      }),
    );
    const refused = await Promise.race(all);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/Too many subscriptions on this connection: at most 100/);
    await hundred;
    expect(opened).toBe(100);
  });

  it('answers operations over a WebSocket that name none of their document with an error, costing the connection nothing', async () => {
    const client = taskql.wsClient();
    const unnamed = () =>
      new Promise<readonly { message: string }[] | undefined>((resolve, reject) =>
        client.subscribe(
          { query: 'query A { taskTypes { name } } query B { taskTypes { name } }', operationName: 'C' },
          { next: (result) => resolve(result.errors), error: (error) => (Array.isArray(error) ? resolve(error) : reject(error as Error)), complete: () => resolve(undefined) },
        ),
      );
    // More than the connection may have open at once (100): none of them stays counted.
    const answers = await Promise.all(Array.from({ length: 150 }, unnamed));
    expect(answers.every((errors) => errors?.[0]?.message === 'Unable to identify operation')).toBe(true);
    const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });
    let snapshot: () => void = () => {};
    const got = new Promise<void>((resolve) => (snapshot = resolve));
    const watching = collect(client, TaskUpdated, { id: runTask.id }, () => snapshot());
    await got;
    expect(await Promise.race([watching, 'open'])).toBe('open');
  });

  it('closes a WebSocket that sends a message over MAX_WS_MESSAGE_BYTES (1009)', async () => {
    const socket = new WebSocket(taskql.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send('x'.repeat((1 << 20) + 1));
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(1009);
    await stillServes();
  });
});
