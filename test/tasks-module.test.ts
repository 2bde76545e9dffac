import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApi, createWorker, defineContract, defineTask, implementTask, z, type TaskqlApi, type TaskqlWorker } from '../src/index.ts';
import { RunGroup, TaskTypes, WorkflowUpdated } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, TestClient, uniquePrefix } from './support/taskql.ts';

const exec = promisify(execFile);
const FIXTURES = 'test/fixtures/tasks';

/** `taskql <mode> --tasks <fixture>` that must fail at start-up: its exit code and stderr. */
async function refused(mode: string, fixture: string): Promise<{ code: number | null; stderr: string[] }> {
  // No Redis answers here: the module is checked before anything connects.
  const taskql = TaskqlProcess.spawn(mode, { REDIS_URL: 'redis://127.0.0.1:1' }, ['--tasks', `${FIXTURES}/${fixture}`]);
  return { code: await taskql.exited(), stderr: taskql.stderr };
}

describe('a --tasks module that cannot be served fails start-up, saying which type and why', () => {
  it('names a malformed type and what is wrong with it', async () => {
    expect(await refused('dev', 'malformed.mjs')).toEqual({
      code: 1,
      stderr: [
        `taskql: task type "broken" (${FIXTURES}/malformed.mjs, entry 2) is malformed: input: must be a zod 4 schema (use the \`z\` that taskql exports)`,
      ],
    });
  });

  it('names a type defined twice, and one that takes the name of an internal type', async () => {
    expect(await refused('api', 'duplicate.mjs')).toEqual({
      code: 1,
      stderr: [`taskql: task type "resizeImage" is defined twice (${FIXTURES}/duplicate.mjs)`],
    });
    expect((await refused('worker', 'internal-name.mjs')).stderr).toEqual([
      `taskql: task type "collectResults" (${FIXTURES}/internal-name.mjs) has the name of one of taskql's own types: choose another name`,
    ]);
  });

  it('says when the module gives no task types, or is not there', async () => {
    expect((await refused('dev', 'no-tasks.mjs')).stderr).toEqual([
      `taskql: the tasks module ${FIXTURES}/no-tasks.mjs gives no task types: it has no default export and no \`tasks\` export; write \`export default [myTask, …]\``,
    ]);
    expect((await refused('dev', 'missing.mjs')).stderr).toEqual([
      expect.stringMatching(/^taskql: cannot find the tasks module test\/fixtures\/tasks\/missing\.mjs \(no file \/.*missing\.mjs\)$/),
    ]);
  });
});

describe('taskql schema --tasks', () => {
  let api: TaskqlProcess;
  afterAll(() => api?.stop());

  it('prints the SDL that a server with those task types serves', async () => {
    // graphql-js's full introspection query is deeper than the default limit (GraphiQL's is not).
    const env = { REDIS_URL: inject('redisUrl'), TASKQL_PREFIX: uniquePrefix(), PORT: '0', MAX_QUERY_DEPTH: '30' };
    api = TaskqlProcess.spawn('api', env, ['--tasks', `${FIXTURES}/contracts.mjs`]);
    const { url } = (await api.waitForLog('API listening')) as unknown as { url: string };
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery({ specifiedByUrl: true, directiveIsRepeatable: true }) }),
    });
    const { data } = (await response.json()) as { data: IntrospectionQuery };
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'src/main.ts', 'schema', '--tasks', `${FIXTURES}/contracts.mjs`]);
    expect(stdout.trim()).toBe(printSchema(buildClientSchema(data)).trim());
  });
});

describe('createApi and createWorker: taskql in your own process', () => {
  const double = defineContract({ name: 'double', description: 'Doubles n.', input: z.object({ n: z.number() }) });
  const half = defineTask({ name: 'half', description: 'Halves n.', input: z.object({ n: z.number() }), run: ({ n }) => n / 2 });
  let api: TaskqlApi;
  let worker: TaskqlWorker;
  let client: TestClient;

  beforeAll(async () => {
    const redis = { url: inject('redisUrl') };
    const config = { TASKQL_PREFIX: uniquePrefix(), PORT: 0, LOG_LEVEL: 'silent' as const };
    // The API gets the contract alone; the worker its implementation.
    api = createApi({ tasks: [double, half], redis, config });
    worker = createWorker({ tasks: [implementTask(double, ({ n }) => n * 2), half], redis, config });
    client = new TestClient(await api.start());
    await worker.start();
  });
  afterAll(async () => {
    await client.stop();
    await worker.stop();
    await api.stop();
  });

  it("serves the given types alone, and workflows still run (taskql's internal types are always there)", async () => {
    const { taskTypes } = await client.data(TaskTypes);
    expect(taskTypes.map((type) => type.name).sort()).toEqual(['double', 'half']);
    const { runGroup } = await client.data(RunGroup, {
      steps: [
        { name: 'double', input: { n: 21 } },
        { name: 'half', input: { n: 8 } },
      ],
    });
    const { values } = await collect(client.wsClient(), WorkflowUpdated, { id: runGroup.id });
    expect(values.at(-1)?.workflowUpdated).toMatchObject({ state: 'SUCCESS', result: [42, 4] });
  });

  it('refuses a worker given a contract without its handler, before connecting', () => {
    expect(() => createWorker({ tasks: [double] })).toThrow('task type "double" has no handler (a contract alone)');
  });
});
