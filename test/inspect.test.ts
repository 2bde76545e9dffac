import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RunTask, TaskUpdated } from './support/documents.ts';
import { closeRedis } from '../src/redis/connections.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, Harness, testRedis } from './support/taskql.ts';

/** A minimal Chrome DevTools Protocol session, as a debugger (DevTools, VS Code) holds one. */
class Debugger {
  #id = 0;
  readonly #pending = new Map<number, (result: Record<string, unknown>) => void>();
  readonly #listeners = new Set<(method: string, params: Record<string, unknown>) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; method?: string; params?: Record<string, unknown> };
      if (message.id !== undefined) this.#pending.get(message.id)?.(message.result ?? {});
      else for (const listener of this.#listeners) listener(message.method!, message.params ?? {});
    });
  }

  static async connect(url: string): Promise<Debugger> {
    const socket = new WebSocket(url);
    await once(socket, 'open');
    return new Debugger(socket);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = ++this.#id;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => this.#pending.set(id, resolve));
  }

  next(wanted: string, match: (params: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      const listener = (method: string, params: Record<string, unknown>) => {
        if (method !== wanted || !match(params)) return;
        this.#listeners.delete(listener);
        resolve(params);
      };
      this.#listeners.add(listener);
    });
  }

  close(): void {
    this.socket.close();
  }
}

describe('debugging a task handler (npm run worker -- --inspect)', () => {
  let taskql: Harness;
  let worker: TaskqlProcess;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
    worker = TaskqlProcess.spawn('worker', { REDIS_URL: taskql.redisUrl, TASKQL_PREFIX: taskql.prefix }, ['--inspect=127.0.0.1:0']);
  });
  afterAll(async () => {
    await worker.stop('SIGKILL');
    await taskql.stop();
  });

  it('says at start-up that running tasks are locked for an hour while the inspector is open', async () => {
    const said = await worker.waitForLog('inspector open: running tasks are locked');
    expect(said.lockDurationMs).toBe(3_600_000);
    expect(said.msg).toContain('locked for 3600 s instead of 30 s, so a task held at a breakpoint stays the same attempt');
  });

  it('pauses at a breakpoint inside a handler, shows its variables, and the task finishes after resume', async () => {
    const inspector = String((await worker.waitForLog('inspector open', (line) => line.url !== undefined)).url);
    await worker.waitForLog('worker started');
    const debug = await Debugger.connect(inspector);
    try {
      const parsed = debug.next('Debugger.scriptParsed', (p) => String(p.url).endsWith('/src/tasks/divide.ts'));
      await debug.send('Debugger.enable');
      const { scriptId } = await parsed;
      // tsx hands V8 compiled code with an inline source map (DevTools and VS Code map
      // breakpoints to the .ts lines through it); speaking raw CDP, find the statement in the
      // compiled code: line and column.
      const { scriptSource } = await debug.send('Debugger.getScriptSource', { scriptId });
      const lines = String(scriptSource).split('\n');
      const lineNumber = lines.findIndex((line) => /return\s*x\s*\/\s*y/.test(line));
      const columnNumber = lines[lineNumber]!.search(/return\s*x\s*\/\s*y/);
      expect(lineNumber).toBeGreaterThanOrEqual(0);
      await debug.send('Debugger.setBreakpoint', { location: { scriptId, lineNumber, columnNumber } });

      const paused = debug.next('Debugger.paused');
      const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 9, y: 3, delayMs: 0 } });
      const { callFrames } = (await paused) as { callFrames: { callFrameId: string; location: { scriptId: string } }[] };
      expect(callFrames[0]!.location.scriptId).toBe(scriptId); // paused in divide's handler
      const { result } = (await debug.send('Debugger.evaluateOnCallFrame', { callFrameId: callFrames[0]!.callFrameId, expression: 'x / y' })) as {
        result: { value: number };
      };
      expect(result.value).toBe(3);

      // Paused, the worker renews no lock: the one it took must outlast a debugging session
      // (with the default 30 s, a stall check would run the task again after at most a minute).
      const redis = await testRedis();
      try {
        expect(await redis.pttl(`${taskql.prefix}:default:${runTask.id}:lock`)).toBeGreaterThan(3_000_000);
      } finally {
        await closeRedis(redis);
      }

      await debug.send('Debugger.resume');
      const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
      expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: 3, attempts: 1 });
    } finally {
      debug.close();
    }
  });
});
