import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RunTask, TaskTypes, TaskUpdated } from '../support/documents.ts';
import { TaskqlProcess } from '../support/process.ts';
import { collect, TestClient, uniquePrefix } from '../support/taskql.ts';

const exec = promisify(execFile);
const REPO = process.cwd();
/** Does this Node run .ts files by itself (type stripping, Node >= 22.18)? */
const stripsTypes = Boolean((process.features as { typescript?: string }).typescript);

/**
 * taskql as a new user gets it: `npm pack` of this checkout, `npm install` of the tarball in a
 * fresh folder, their own task modules, and the installed bin on plain node (no tsx).
 */
describe('the installed taskql package', () => {
  let dir: string;
  /** The fresh folder the tarball is installed in (one install for every test here). */
  let project: string;
  /** examples/backend, copied into the project as a user copies it. */
  let example: string;
  const bin = () => join(project, 'node_modules', '.bin', 'taskql');
  const env = () => ({ REDIS_URL: inject('redisUrl'), TASKQL_PREFIX: uniquePrefix() });
  const clients: TestClient[] = [];
  const client = (url: string) => {
    const c = new TestClient(url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskql-package-'));
    // npm pack runs `prepare`: dist/ and the dashboard are built from this checkout.
    await exec('npm', ['pack', '--pack-destination', dir], { cwd: REPO });
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))!;
    project = join(dir, 'project');
    mkdirSync(project);
    // A project of its own: without a package.json, npm would install into the nearest folder
    // above that has one or a node_modules (a stray /tmp/node_modules took the install once).
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'taskql-user-project', private: true }, null, 2)}\n`);
    // Dependencies come from npm's cache (warm after npm ci); the registry is asked only for what it lacks.
    await exec('npm', ['install', join(dir, tarball), '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
    example = join(project, 'example');
    cpSync(join(REPO, 'examples', 'backend'), example, { recursive: true });
  });
  afterAll(async () => {
    for (const c of clients) await c.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has typed root exports, a taskql bin, and no TypeScript toolchain at run time', async () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/taskql/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const tool of ['typescript', 'tsx', 'ts-node', 'esbuild', 'vite']) {
      expect(installed.dependencies).not.toHaveProperty(tool);
      expect(existsSync(join(project, 'node_modules', tool))).toBe(false);
    }
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', "console.log(Object.keys(await import('taskql')).join(' '))"], {
      cwd: project,
    });
    expect(stdout.trim().split(' ')).toEqual(
      expect.arrayContaining(['defineTask', 'defineContract', 'implementTask', 'NonRetryableError', 'z', 'createApi', 'createWorker']),
    );

    // The .d.ts files: inputs are typed from the zod schema, settings by name.
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['typed.mts'] }),
    );
    writeFileSync(
      join(project, 'typed.mts'),
      `import { createApi, createWorker, defineContract, defineTask, implementTask, NonRetryableError, z, type TaskContext } from 'taskql';
export const greet = defineTask({
  name: 'greet',
  description: 'Greets.',
  input: z.object({ who: z.string() }),
  run: ({ who }, ctx: TaskContext) => \`hello \${who} (attempt \${ctx.attempt})\`,
});
const double = defineContract({ name: 'double', description: 'Doubles.', input: z.object({ n: z.number() }) });
export const doubled = implementTask(double, ({ n }) => n * 2);
const result: string = await greet.run({ who: 'x' }, {} as TaskContext);
// @ts-expect-error who is a string
await greet.run({ who: 1 }, {} as TaskContext);
// @ts-expect-error the contract's n is a number
implementTask(double, ({ n }: { n: string }) => n);
export const api = createApi({ tasks: [double], config: { PORT: 0 } });
export const worker = createWorker({ tasks: [greet, doubled], redis: { url: 'redis://127.0.0.1:6379' }, config: { CONCURRENCY: 2 } });
// @ts-expect-error not a setting
createApi({ config: { PORTT: 1 } });
export { NonRetryableError, result };
`,
    );
    const tsc = await exec(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', project]).catch((error: { stdout: string }) => error);
    expect(tsc.stdout).toBe('');
  });

  it('lists every mode and command in taskql --help', async () => {
    const { stdout } = await exec(bin(), ['--help']);
    for (const command of ['dev', 'api', 'worker', 'schema', 'run', 'status', 'ls', 'workers']) expect(stdout).toContain(`taskql ${command} `);
    for (const flag of ['--tasks <module>', '--port N', '--host H', '--concurrency N', '--queues a,b']) expect(stdout).toContain(flag);
  });

  it("runs a one-file tasks module with npx taskql dev --tasks, live over graphql-ws: taskTypes lists the project's types only", async () => {
    writeFileSync(
      join(project, 'tasks.mjs'),
      `import { defineTask, z } from 'taskql';

export default [
  defineTask({
    name: 'greet',
    description: 'Greets someone, halfway there first.',
    input: z.object({ who: z.string() }),
    async run({ who }, ctx) {
      await ctx.progress(50, 'thinking');
      return 'hello ' + who;
    },
  }),
];
`,
    );
    const dev = TaskqlProcess.command(['npx', '--no', 'taskql', 'dev', '--tasks', './tasks.mjs', '--port', '0'], env(), project, true);
    try {
      const { url } = (await dev.waitForLog('API listening')) as unknown as { url: string };
      await dev.waitForLog('worker started');
      const api = client(url);
      const { taskTypes } = await api.data(TaskTypes);
      expect(taskTypes.map((type) => type.name)).toEqual(['greet']);

      const { runTask } = await api.data(RunTask, { name: 'greet', input: { who: 'world' } });
      const { values } = await collect(api.wsClient(), TaskUpdated, { id: runTask.id });
      expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: 'hello world', progress: { percent: 50, message: 'thinking' } });

      const refused = await api.request(RunTask, { name: 'greet', input: { who: 7 } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      // The dashboard ships with the package and is served at /.
      const dashboard = await fetch(new URL('/', url));
      expect(dashboard.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await dashboard.text()).toContain('<title>taskql dashboard</title>');
    } finally {
      await dev.stop('SIGTERM');
    }
    expect(dev.lines.map((line) => line.msg)).toContain('SIGTERM: shutting down');
  });

  it('splits the example project into taskql api (given contracts only: no handler code loaded) and taskql worker', async () => {
    const shared = env();
    const api = TaskqlProcess.command([bin(), 'api', '--tasks', './src/contracts.mjs', '--port', '0'], shared, example);
    const worker = TaskqlProcess.command([bin(), 'worker', '--tasks', './src/tasks.mjs'], shared, example);
    try {
      const { url } = (await api.waitForLog('API listening')) as unknown as { url: string };
      await worker.waitForLog('worker started');
      const gql = client(url);
      const { taskTypes } = await gql.data(TaskTypes);
      expect(taskTypes.map((type) => type.name).sort()).toEqual(['countWords', 'renderReport']);
      expect(taskTypes.find((type) => type.name === 'renderReport')).toMatchObject({ queue: 'reports', attempts: 3 });

      const rows = [
        { label: 'apples', value: 3 },
        { label: 'pears', value: 5 },
      ];
      const { runTask } = await gql.data(RunTask, { name: 'renderReport', input: { title: 'Fruit', rows } });
      const { values } = await collect(gql.wsClient(), TaskUpdated, { id: runTask.id });
      const last = values.at(-1)?.taskUpdated;
      expect(last).toMatchObject({ state: 'SUCCESS', progress: { percent: 100, message: 'row 2 of 2' } });
      expect((last?.result as { text: string }).text).toMatch(/^Fruit\napples\.+ 3\npears\.+ 5$/);

      const words = await gql.data(RunTask, { name: 'countWords', input: { text: 'one two  three' } });
      const counted = await collect(gql.wsClient(), TaskUpdated, { id: words.runTask.id });
      expect(counted.values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: { words: 3 } });

      // The handler's heavy dependency ran in the worker; the API never loaded it.
      expect(worker.stderr.join('\n')).toContain('report renderer loaded');
      expect(api.stderr.join('\n')).not.toContain('report renderer loaded');
    } finally {
      expect(await api.stop('SIGTERM')).toBe(0);
      expect(await worker.stop('SIGTERM')).toBe(0);
    }
  });

  it("runs the example project's own script: npm run dev (taskql dev --tasks ./src/tasks.mjs)", async () => {
    const dev = TaskqlProcess.command(['npm', 'run', '--silent', 'dev', '--', '--port', '0'], env(), example, true);
    try {
      const { url } = (await dev.waitForLog('API listening')) as unknown as { url: string };
      await dev.waitForLog('worker started');
      const gql = client(url);
      const { taskTypes } = await gql.data(TaskTypes);
      expect(taskTypes.map((type) => type.name).sort()).toEqual(['countWords', 'renderReport']);
      const { runTask } = await gql.data(RunTask, { name: 'countWords', input: { text: 'a b' } });
      const { values } = await collect(gql.wsClient(), TaskUpdated, { id: runTask.id });
      expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: { words: 2 } });
    } finally {
      await dev.stop('SIGTERM');
    }
  });

  it('refuses a worker given contracts alone, naming the types without a handler', async () => {
    const worker = TaskqlProcess.command([bin(), 'worker', '--tasks', './src/contracts.mjs'], env(), example);
    expect(await worker.exited()).toBe(1);
    expect(worker.stderr).toEqual([expect.stringMatching(/^taskql: task types "countWords", "renderReport" have no handler/)]);
  });

  it(`loads a .ts tasks module ${stripsTypes ? 'on this Node (it strips types)' : 'with a loader (tsx), and says in one line what to do without one'}`, async () => {
    writeFileSync(
      join(project, 'tasks.ts'),
      `import { defineTask, z, type TaskContext } from 'taskql';

export const tasks = [
  defineTask({
    name: 'shout',
    description: 'Upper-cases a text.',
    input: z.object({ text: z.string() }),
    run: ({ text }: { text: string }, _ctx: TaskContext) => text.toUpperCase(),
  }),
];
`,
    );
    const start = (loader: string[]) =>
      TaskqlProcess.command([process.execPath, ...loader, join(project, 'node_modules/taskql/dist/bin/taskql.js'), 'api', '--tasks', './tasks.ts', '--port', '0'], env(), project);
    if (!stripsTypes) {
      const plain = start([]);
      expect(await plain.exited()).toBe(1);
      expect(plain.stderr).toEqual([expect.stringMatching(/^taskql: cannot load \.\/tasks\.ts: Node v[\d.]+ does not run TypeScript by itself; use Node >= 22\.18 .*--import tsx/)]);
    }
    // tsx is not a dependency of the project: its loader comes from this checkout, as a user's own would from theirs.
    const api = start(stripsTypes ? [] : ['--import', resolve(REPO, 'node_modules/tsx/dist/loader.mjs')]);
    try {
      const loaded = (await api.waitForLog('task types loaded')) as unknown as { types: string[] };
      expect(loaded.types).toEqual(['shout']);
      await api.waitForLog('API listening');
    } finally {
      expect(await api.stop('SIGTERM')).toBe(0);
    }
  });
});
