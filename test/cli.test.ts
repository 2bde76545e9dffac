import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PauseQueue, ResumeQueue } from './support/documents.ts';
import { Harness } from './support/taskql.ts';

/**
 * `npx taskql …` as a terminal user runs it (here without a terminal: one line per change).
 * `onStderr` sees each chunk of its stderr as it comes.
 */
async function taskql(url: string, args: string[], onStderr?: (text: string) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/taskql.ts', ...args, '--url', url], { env: { ...process.env, TASKQL_URL: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('the taskql CLI', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await Harness.start();
  });
  afterAll(() => api.stop());

  it('runs a task, shows its progress until it ends, prints the result and exits 0', async () => {
    // The queue waits until the CLI shows the task waiting (it follows it then): it sees every step.
    await api.data(PauseQueue, { name: 'default' });
    let resumed = false;
    const { code, stdout, stderr } = await taskql(api.url, ['run', 'divide', '{"x": 1, "y": 2, "delayMs": 40}'], (text) => {
      if (resumed || !/0% PENDING/.test(text)) return;
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
    const id = /noop ([\w-]+) queued/.exec(stderr)![1]!;
    const status = await taskql(api.url, ['status', id]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ id, state: 'SUCCESS', result: { hello: 'cli' } });
    const ls = await taskql(api.url, ['ls', '--name', 'noop']);
    expect(ls.stdout.split('\n')[0]).toMatch(/^ID\s+TYPE\s+STATE/);
    expect(ls.stdout).toMatch(new RegExp(`${id}\\s+noop\\s+SUCCESS`));
    const workers = await taskql(api.url, ['workers']);
    expect(workers.stdout).toMatch(/default,email\s+0\s+8/);
  });

  it('says what is wrong: unknown task, unknown command, no server', async () => {
    expect((await taskql(api.url, ['status', 'nope'])).code).toBe(1);
    const unknown = await taskql(api.url, ['frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: taskql');
    const down = await taskql('http://127.0.0.1:1/graphql', ['ls']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:1\/graphql .*is taskql running/);
  });
});
