import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CLIENT_COMMANDS } from '../src/cli/usage.ts';
import { defineTask, TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import { CancelTask, GetTask, PauseQueue, ResumeQueue, RunTask, RunTasks } from './support/documents.ts';
import { Harness } from './support/taskql.ts';

/** Lets the test say when `chatty` goes on (its worker runs in this process). */
const release = new Map<string, () => void>();
/** Logs "first", waits for the test, logs "second", then waits for its signal (a cancel). */
const chatty = defineTask({
  name: 'chatty',
  description: 'Logs a line, waits for the test, logs another, then runs until cancelled.',
  input: z.object({ key: z.string() }),
  async run({ key }, ctx) {
    await ctx.log('first');
    await new Promise<void>((resolve) => release.set(key, resolve));
    await ctx.log('second');
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
  },
});

interface Cli {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npx taskql …` as a terminal user runs it (here without a terminal: one line per change).
 * `onOutput` sees all of its stdout and stderr so far, as they come, and may signal the process.
 */
async function taskql(url: string, args: string[], onOutput?: (out: { stdout: string; stderr: string }, kill: (signal: NodeJS.Signals) => void) => void): Promise<Cli> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/taskql.ts', ...args, '--url', url], { env: { ...process.env, TASKQL_URL: '' } });
  const out = { stdout: '', stderr: '' };
  const kill = (signal: NodeJS.Signals) => child.kill(signal);
  child.stdout.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
    onOutput?.(out, kill);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
    onOutput?.(out, kill);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, ...out };
}

const idIn = (stderr: string, type: string) => new RegExp(`${type} ([\\w-]+) queued`).exec(stderr)![1]!;

describe('the taskql CLI', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await Harness.start({ registry: new TaskRegistry([...taskTypes, chatty]) });
  });
  afterAll(() => api.stop());

  it('runs a task, shows its progress until it ends, prints the result and exits 0', async () => {
    // The queue waits until the CLI shows the task waiting (it follows it then): it sees every step.
    await api.data(PauseQueue, { name: 'default' });
    let resumed = false;
    const { code, stdout, stderr } = await taskql(api.url, ['run', 'divide', '{"x": 1, "y": 2, "delayMs": 40}'], ({ stderr }) => {
      if (resumed || !/0% PENDING/.test(stderr)) return;
      resumed = true;
      void api.data(ResumeQueue, { name: 'default' });
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toBe(0.5);
    expect(stderr).toMatch(/divide [\w-]+ queued/);
    expect(stderr).toMatch(/\[#{15}\.{15}\]\s+50% STARTED/);
    expect(stderr).toMatch(/\[#{30}\] 100% SUCCESS/);
  });

  it('exits 1 with the error when the task fails, and when the input is refused', async () => {
    const failed = await taskql(api.url, ['run', 'divide', '{"x": 1, "y": 0, "delayMs": 0}']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('FAILURE: ZeroDivisionError: division by zero');
    const refused = await taskql(api.url, ['run', 'divide', '{"x": 1}']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('BAD_USER_INPUT: Invalid input of "divide": y:');
  });

  it('shows a task, lists tasks and workers', async () => {
    const { stderr } = await taskql(api.url, ['run', 'noop', '{"hello": "cli"}']);
    const id = idIn(stderr, 'noop');
    const status = await taskql(api.url, ['status', id]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ id, state: 'SUCCESS', result: { hello: 'cli' } });
    const ls = await taskql(api.url, ['ls', '--name', 'noop']);
    expect(ls.stdout.split('\n')[0]).toMatch(/^ID\s+TYPE\s+STATE/);
    expect(ls.stdout).toMatch(new RegExp(`${id}\\s+noop\\s+SUCCESS`));
    const workers = await taskql(api.url, ['workers']);
    expect(workers.stdout).toMatch(/default,email\s+0\s+8/);
  });

  it('watches a task by the id the dashboard shows (its first 8 characters) with a progress bar, to its result', async () => {
    await api.data(PauseQueue, { name: 'default' });
    const { runTask } = await api.data(RunTask, { name: 'divide', input: { x: 3, y: 4, delayMs: 40 } });
    let resumed = false;
    const watched = await taskql(api.url, ['watch', runTask.id.slice(0, 8)], ({ stderr }) => {
      if (resumed || !/0% PENDING/.test(stderr)) return;
      resumed = true;
      void api.data(ResumeQueue, { name: 'default' });
    });
    expect(watched.code).toBe(0);
    expect(JSON.parse(watched.stdout)).toBe(0.75);
    expect(watched.stderr).toMatch(/\[\.{30}\]\s+0% PENDING/);
    expect(watched.stderr).toMatch(/\[#{15}\.{15}\]\s+50% STARTED/);
    expect(watched.stderr).toMatch(/\[#{30}\] 100% SUCCESS/);
    // A finished task: its end at once, and its exit code.
    const failed = await taskql(api.url, ['run', 'divide', '{"x": 1, "y": 0, "delayMs": 0}']);
    const again = await taskql(api.url, ['watch', idIn(failed.stderr, 'divide')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('FAILURE: ZeroDivisionError: division by zero');
  });

  it('says when an id prefix is ambiguous or matches nothing', async () => {
    // 17 ids: two of them start with the same hex digit.
    const { runTasks } = await api.data(RunTasks, { tasks: Array.from({ length: 17 }, () => ({ name: 'noop' })) });
    const counts = new Map<string, number>();
    for (const { id } of runTasks) counts.set(id[0]!, (counts.get(id[0]!) ?? 0) + 1);
    const shared = [...counts].find(([, count]) => count > 1)![0];
    const ambiguous = await taskql(api.url, ['status', shared]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr.trim()).toMatch(new RegExp(`^taskql: "${shared}" is ambiguous: it starts (two|more than two) task ids \\(${shared}[\\w-]+, ${shared}[\\w-]+.*\\); give more of the id$`));
    const none = await taskql(api.url, ['status', 'zz-no-such-task']);
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe('taskql: no task zz-no-such-task');
  });

  it('cancels a running task and retries it', async () => {
    const { runTask } = await api.data(RunTask, { name: 'sleep', input: { ms: 60_000 } });
    const cancelled = await taskql(api.url, ['cancel', runTask.id.slice(0, 8)]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout.trim()).toBe(`sleep ${runTask.id} REVOKED`);
    const again = await taskql(api.url, ['cancel', runTask.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('CONFLICT');

    const retried = await taskql(api.url, ['retry', runTask.id.slice(0, 8)]);
    expect(retried.code).toBe(0);
    expect(retried.stdout.trim()).toMatch(new RegExp(`^sleep ${runTask.id} (PENDING|STARTED) \\(follow it: taskql watch ${runTask.id}\\)$`));
    expect((await api.data(CancelTask, { id: runTask.id })).cancelTask.state).toBe('REVOKED');
  });

  it('prints a task\'s logs, and with --follow each new line until the task ends', async () => {
    const { runTask } = await api.data(RunTask, { name: 'chatty', input: { key: 'follow' } });
    let released = false;
    let cancelled: Promise<unknown> | undefined;
    const followed = taskql(api.url, ['logs', runTask.id.slice(0, 8), '--follow'], ({ stdout }) => {
      // The CLI has shown the first line, so it follows now: the second is logged while it does.
      if (!released && stdout.includes('first')) {
        released = true;
        release.get('follow')!();
      }
      // Then the task runs until cancelled: cancel it once the CLI has shown the second line.
      if (!cancelled && stdout.includes('second')) cancelled = api.data(CancelTask, { id: runTask.id });
    });
    const { code, stdout, stderr } = await followed;
    expect(code).toBe(0);
    expect(stdout).toBe('first\nsecond\n');
    expect(stderr.trim()).toBe(`taskql: chatty ${runTask.id} ended REVOKED`);
    await cancelled;
    const printed = await taskql(api.url, ['logs', runTask.id]);
    expect(printed.stdout).toBe('first\nsecond\n');
  });

  it('Ctrl-C during run stops following, says the task goes on and how to follow or cancel it', async () => {
    let id = '';
    const { code, stderr } = await taskql(api.url, ['run', 'sleep', '{"ms": 60000}'], ({ stderr }, kill) => {
      if (id || !/STARTED/.test(stderr)) return;
      id = idIn(stderr, 'sleep');
      kill('SIGINT');
    });
    expect(code).toBe(130);
    expect(stderr).toContain(`taskql: stopped following; sleep ${id} goes on. Follow it: taskql watch ${id}  Cancel it: taskql cancel ${id}`);
    expect((await api.data(GetTask, { id })).task?.state).toBe('STARTED');
    await api.data(CancelTask, { id });
  });

  it('says what is wrong in one line: unknown command, no server, a server that is not taskql', async () => {
    const unknown = await taskql(api.url, ['frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: taskql');
    const down = await taskql('http://127.0.0.1:1/graphql', ['ls']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:1\/graphql .*is taskql running/);

    // A web page where the API should be (a wrong port or path): not a JSON parse error.
    const page: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html></html>'));
    page.listen(0, '127.0.0.1');
    await once(page, 'listening');
    try {
      const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
      for (const args of [['ls'], ['status', 'abc'], ['run', 'noop']]) {
        const wrong = await taskql(url, args);
        expect(wrong.code).toBe(1);
        expect(wrong.stderr.trim().split('\n')).toEqual([`taskql: ${url} answered HTTP 200 (text/html), not GraphQL: is it a taskql API? (its URL ends in /graphql, e.g. http://localhost:4000/graphql)`]);
      }
    } finally {
      page.close();
    }
  });

  it('--help lists every mode and command', async () => {
    const { code, stdout } = await taskql(api.url, ['--help']);
    expect(code).toBe(0);
    for (const command of [...CLIENT_COMMANDS, 'dev', 'api', 'worker', 'schema']) expect(stdout).toContain(`taskql ${command} `);
  });
});

