import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Children started as the leader of their own process group. */
const groups = new WeakSet<ChildProcessWithoutNullStreams>();
/** Every process a test started and that still runs: a failing test must not leave one behind. */
const running = new Set<ChildProcessWithoutNullStreams>();
process.once('exit', () => {
  for (const child of running) {
    try {
      // A process group (see `command`'s `group`) goes as a whole.
      if (groups.has(child)) process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

export interface LogLine {
  msg: string;
  [field: string]: unknown;
}

/** `src/main.ts <mode>` as its own OS process, with JSON logs to read from. */
export class TaskqlProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  private readonly waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      this.lines.push(line);
      for (const waiter of [...this.waiters]) {
        if (!waiter.match(line)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    });
    createInterface({ input: child.stderr }).on('line', (text) => this.stderr.push(text));
  }

  /** `wrap`: a command the process runs under, e.g. `ip netns exec <name>` (another network host). */
  static spawn(mode: string, env: Record<string, string>, args: string[] = [], wrap: string[] = []): TaskqlProcess {
    return TaskqlProcess.spawnScript('src/main.ts', env, [mode, ...args], wrap);
  }

  /** Another entry file than src/main.ts (e.g. a worker with a test registry), run the same way. */
  static spawnScript(script: string, env: Record<string, string>, args: string[] = [], wrap: string[] = []): TaskqlProcess {
    return TaskqlProcess.command([...wrap, process.execPath, '--import', 'tsx', script, ...args], env);
  }

  /**
   * Any command that runs taskql (e.g. an installed package's bin), in `cwd`. `group`: for a
   * wrapper such as npx or `npm run`, which does not pass signals on to taskql through its
   * shell: the command leads a process group of its own, and `stop` signals the whole group.
   */
  static command(command: string[], env: Record<string, string>, cwd?: string, group = false): TaskqlProcess {
    const child = spawn(command[0]!, command.slice(1), {
      cwd,
      detached: group,
      env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    });
    if (group) groups.add(child);
    running.add(child);
    child.once('exit', () => running.delete(child));
    return new TaskqlProcess(child);
  }

  /** The OS process id. */
  get pid(): number {
    return this.child.pid!;
  }

  /**
   * Resolves with the first log line (already seen or to come) whose message contains `text`
   * (and, when given, that `where` accepts).
   */
  waitForLog(text: string, where: (line: LogLine) => boolean = () => true): Promise<LogLine> {
    const match = (line: LogLine) => String(line.msg).includes(text) && where(line);
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    const exited = once(this.child, 'exit').then(([code]) => {
      throw new Error(`process exited (${code}) before logging "${text}": ${this.stderr.join('\n')}`);
    });
    return Promise.race([new Promise<LogLine>((resolve) => this.waiters.push({ match, resolve })), exited]);
  }

  /** Resolves with the exit code once the process has exited by itself. */
  /** True once the process has ended (by itself or by a signal). */
  get ended(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async exited(): Promise<number | null> {
    if (this.ended) return this.child.exitCode;
    const [code] = (await once(this.child, 'exit')) as [number | null];
    return code;
  }

  /** Sends `signal` and resolves with the exit code (of a group: once every process of it has ended). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (groups.has(this.child)) return this.stopGroup(signal);
    if (this.ended) return this.child.exitCode;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    const [code] = (await exited) as [number | null];
    return code;
  }

  private async stopGroup(signal: NodeJS.Signals): Promise<number | null> {
    const pgid = this.child.pid!;
    const alive = () => {
      try {
        process.kill(-pgid, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(-pgid, signal);
    // The group's other processes are not our children: no event says when they end.
    while (alive()) await new Promise((resolve) => setTimeout(resolve, 50));
    running.delete(this.child);
    return this.child.exitCode;
  }
}
