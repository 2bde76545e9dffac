import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFetchSettings, type FetchSettings } from '../src/config.ts';
import { exampleTaskTypes, TaskRegistry } from '../src/tasks/index.ts';
import { GetTaskLogs, RunTask, TaskTypes, TaskUpdated } from './support/documents.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';
import { collect, Harness } from './support/taskql.ts';

/** Runs fetchUrl through the API and follows it to its end, as a client would. */
async function fetchUrl(taskql: Harness, url: string, options?: { attempts?: number; timeoutMs?: number }) {
  const { runTask } = await taskql.data(RunTask, { name: 'fetchUrl', input: { url }, options });
  const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
  return values.at(-1)!.taskUpdated;
}

const harnessWith = (settings: Partial<FetchSettings>) =>
  Harness.start({ registry: new TaskRegistry(exampleTaskTypes({ ...defaultFetchSettings(), ...settings })) });

describe('fetchUrl with the default settings: internal addresses are refused', () => {
  let taskql: Harness;
  let target: HttpTarget;
  beforeAll(async () => {
    taskql = await Harness.start();
    // On `::`, so a connection to 127.0.0.1 or to ::1 would both show up here.
    target = await startHttpTarget((_, res) => res.end('secret'), '::');
  });
  afterAll(async () => {
    await taskql.stop();
    await target.close();
  });

  const loopback = (shown: string) => new RegExp(`^refused: ${shown} is a loopback address; set FETCH_ALLOW_PRIVATE=true`);
  it.each([
    ['loopback by name', () => target.url('/', 'localhost'), /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
    ['127.0.0.1', () => target.url('/', '127.0.0.1'), loopback('127\\.0\\.0\\.1')],
    ['2130706433 (127.0.0.1 as one number)', () => `http://2130706433:${target.port}/`, loopback('127\\.0\\.0\\.1')],
    ['0x7f.1 (hex, short form)', () => `http://0x7f.1:${target.port}/`, loopback('127\\.0\\.0\\.1')],
    ['0177.0.0.1 (octal)', () => `http://0177.0.0.1:${target.port}/`, loopback('127\\.0\\.0\\.1')],
    ['[::1]', () => target.url('/', '::1'), loopback('::1')],
    ['[::ffff:127.0.0.1] (IPv4-mapped)', () => target.url('/', '::ffff:127.0.0.1'), loopback('::ffff:7f00:1 \\(127\\.0\\.0\\.1\\)')],
    ['0.0.0.0', () => `http://0.0.0.0:${target.port}/`, /^refused: 0\.0\.0\.0 is an unspecified \("this network"\) address, which reaches this host; /],
  ])('refuses %s: FAILURE at the first attempt saying why, and the server sees no connection', async (_, url, why) => {
    const task = await fetchUrl(taskql, url(), { attempts: 3 });
    expect(task).toMatchObject({ state: 'FAILURE', attempts: 1, maxAttempts: 3, result: null, error: { name: 'FetchRefusedError' } });
    expect(task.error?.message).toMatch(why);
    expect(target.connections).toBe(0);
  });

  it('has a default time limit of 30 s, shown in taskTypes', async () => {
    const { taskTypes } = await taskql.data(TaskTypes);
    expect(taskTypes.find((type) => type.name === 'fetchUrl')).toMatchObject({ timeoutMs: 30_000 });
  });
});

describe('fetchUrl with 127.0.0.1 allowed (FETCH_ALLOWED_NETWORKS)', () => {
  const BIG = 500 << 20;
  let taskql: Harness;
  let allowed: HttpTarget;
  let other: HttpTarget;
  /** How each watched response ended, by path: body bytes the server wrote, and whether it sent all. */
  const ended = new Map<string, Promise<{ sent: number; finished: boolean }>>();
  const watch = (path: string, res: ServerResponse, sent = () => 0) =>
    ended.set(path, new Promise((resolve) => res.once('close', () => resolve({ sent: sent(), finished: res.writableFinished }))));

  /** Writes `bytes` of body as fast as the client reads it. */
  const stream = (path: string, res: ServerResponse, bytes: number) => {
    const chunk = Buffer.alloc(64 << 10, 'x');
    let left = bytes;
    watch(path, res, () => bytes - left);
    const write = () => {
      while (left > 0 && !res.destroyed) {
        left -= chunk.length;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  };

  beforeAll(async () => {
    // The whole of 127/8 is loopback: 127.0.0.2 is "another internal service" that is not allowed.
    other = await startHttpTarget((_, res) => res.end('internal'), '127.0.0.2');
    allowed = await startHttpTarget((req, res) => {
      const path = req.url ?? '/';
      const redirect = (location: string) => res.writeHead(302, { location }).end();
      if (path === '/ok') return res.end('hello');
      if (path === '/hop') return redirect('/ok');
      if (path === '/to-internal') return redirect(other.url('/'));
      if (path === '/to-file') return redirect('file:///etc/passwd');
      if (path === '/loop') return redirect('/loop');
      if (path === '/huge') return stream(path, res.writeHead(200), BIG);
      if (path === '/huge-declared') return stream(path, res.writeHead(200, { 'content-length': BIG }), BIG);
      watch(path, res);
      if (path === '/drip') {
        res.writeHead(200);
        const drip = setInterval(() => res.write('x'), 100);
        return void res.once('close', () => clearInterval(drip));
      }
      // '/hang': headers never come.
    });
    taskql = await harnessWith({ FETCH_ALLOWED_NETWORKS: ['127.0.0.1'], FETCH_RESPONSE_TIMEOUT_MS: 1000, FETCH_TIMEOUT_MS: 3000 });
  });
  afterAll(async () => {
    await taskql.stop();
    await Promise.all([allowed.close(), other.close()]);
  });

  it('fetches an allowed server and follows its redirects: status, bytes and the final URL', async () => {
    const task = await fetchUrl(taskql, allowed.url('/hop'));
    expect(task).toMatchObject({ state: 'SUCCESS', result: { status: 200, bytes: 5, url: allowed.url('/ok') } });
    const { task: logged } = await taskql.data(GetTaskLogs, { id: task.id });
    expect(logged?.logs).toEqual([`redirected (302) to ${allowed.url('/ok')}`]);
  });

  it('refuses a redirect from the allowed server to another internal address, which sees no connection', async () => {
    const task = await fetchUrl(taskql, allowed.url('/to-internal'));
    expect(task).toMatchObject({ state: 'FAILURE', error: { name: 'FetchRefusedError' } });
    expect(task.error?.message).toMatch(/^refused: 127\.0\.0\.2 is a loopback address; /);
    expect(other.connections).toBe(0);
  });

  it('follows only http and https redirects, and at most FETCH_MAX_REDIRECTS of them', async () => {
    expect(await fetchUrl(taskql, allowed.url('/to-file'))).toMatchObject({
      state: 'FAILURE',
      error: { name: 'FetchRefusedError', message: 'refused: a redirect to file:///etc/passwd; only http and https URLs are followed' },
    });
    expect(await fetchUrl(taskql, allowed.url('/loop'))).toMatchObject({
      state: 'FAILURE',
      error: { name: 'NonRetryableError', message: expect.stringMatching(/^stopped after 5 redirects \(FETCH_MAX_REDIRECTS\)/) },
    });
  });

  it.each([
    ['streamed without a length', '/huge', /passed FETCH_MAX_BYTES \(10485760 bytes\); stopped reading/],
    ['declared in Content-Length', '/huge-declared', /\(524288000 bytes\) is larger than FETCH_MAX_BYTES \(10485760 bytes\)/],
  ])('stops reading a 500 MB body %s at FETCH_MAX_BYTES: the task fails and the server is hung up on early', async (_, path, why) => {
    const task = await fetchUrl(taskql, allowed.url(path), { attempts: 2 });
    expect(task).toMatchObject({ state: 'FAILURE', attempts: 1, error: { name: 'ResponseTooLargeError' } });
    expect(task.error?.message).toMatch(why);
    // The worker read about the cap and then closed the socket: most of the body was never sent.
    const { sent, finished } = await ended.get(path)!;
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(BIG / 5);
  });

  it('gives up on a server that sends nothing for FETCH_RESPONSE_TIMEOUT_MS, and hangs up', async () => {
    const task = await fetchUrl(taskql, allowed.url('/hang'));
    expect(task).toMatchObject({
      state: 'FAILURE',
      error: { name: 'ResponseTimeoutError', message: `127.0.0.1:${allowed.port} sent nothing for 1000 ms (FETCH_RESPONSE_TIMEOUT_MS)` },
    });
    expect(await ended.get('/hang')).toMatchObject({ finished: false });
  });

  it('ends a download that never finishes at the default time limit (FETCH_TIMEOUT_MS), and hangs up', async () => {
    const task = await fetchUrl(taskql, allowed.url('/drip'));
    expect(task).toMatchObject({ state: 'FAILURE', error: { name: 'TimeoutError' } });
    expect(await ended.get('/drip')).toMatchObject({ finished: false });
  });

  it('keeps FETCH_TIMEOUT_MS as the limit when a caller asks for a longer one', async () => {
    const task = await fetchUrl(taskql, allowed.url('/drip'), { timeoutMs: 86_400_000 });
    expect(task).toMatchObject({
      state: 'FAILURE',
      error: { name: 'ResponseTimeoutError', message: `127.0.0.1:${allowed.port} did not finish within 3000 ms (FETCH_TIMEOUT_MS)` },
    });
    expect(await ended.get('/drip')).toMatchObject({ finished: false });
  });
});
