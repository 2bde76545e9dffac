import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CancelTask, FollowLogs, FollowTask, ListTasks, ListWorkers, ResolveTaskId, RetryTask, RunTask, TaskLogs, TaskName, TaskStatus } from './documents.ts';
import type { CliRunTaskMutationVariables, CliTaskFieldsFragment, TypedDocumentString } from './gql/graphql.ts';
import { USAGE } from './usage.ts';

/**
 * The client commands of `taskql`, for terminal users; they talk to a taskql API (--url, or
 * TASKQL_URL). Each is listed in USAGE. An id may be a unique prefix, as the dashboard shows it.
 * Exit codes: 0 success; 1 the task failed or was revoked, or an error; 2 bad usage; 130 Ctrl-C.
 */

const DEFAULT_URL = 'http://localhost:4000/graphql';
/** What a shell reports for a process ended by Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;

class UsageError extends Error {}

/** Runs one client command; resolves with the exit code. */
export async function runClient(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (error) {
    console.error(`taskql: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return error instanceof UsageError ? 2 : 1;
  }
}

async function runCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      options: { type: 'string' },
      state: { type: 'string' },
      name: { type: 'string' },
      first: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const api = new Api(values.url || process.env.TASKQL_URL || DEFAULT_URL);
  const id = async () => {
    if (!rest[0]) throw new UsageError(`taskql ${command} <id>`);
    return resolveId(api, rest[0]);
  };
  switch (command) {
    case 'run':
      return run(api, rest, values.options);
    case 'watch': {
      const { task } = await api.request(TaskName, { id: await id() });
      return follow(api, task!);
    }
    case 'status': {
      const { task } = await api.request(TaskStatus, { id: await id() });
      console.log(JSON.stringify(task, null, 2));
      return 0;
    }
    case 'logs':
      return values.follow ? followLogs(api, await id()) : printLogs(api, await id());
    case 'cancel': {
      const { cancelTask: task } = await api.request(CancelTask, { id: await id() });
      // A running task is aborted by its worker; cancelTask waits a little for that.
      console.log(task.state === 'REVOKED' ? `${task.name} ${task.id} REVOKED` : `${task.name} ${task.id} ${task.state}: its worker is asked to stop it`);
      return 0;
    }
    case 'retry': {
      const { retryTask: task } = await api.request(RetryTask, { id: await id() });
      console.log(`${task.name} ${task.id} ${task.state} (follow it: taskql watch ${task.id})`);
      return 0;
    }
    case 'ls': {
      // The server checks the state's name (an enum), as it does everything else a user types.
      const filter = { state: values.state?.toUpperCase() as TaskState | undefined, name: values.name };
      const first = values.first ? Number(values.first) : 20;
      const { tasks } = await api.request(ListTasks, { filter, first });
      table(
        ['ID', 'TYPE', 'STATE', 'PROGRESS', 'CREATED', 'DURATION'],
        tasks.nodes.map((t) => [t.id, t.name, t.state, t.progress ? `${Math.round(t.progress.percent)}%` : '', t.createdAt, t.durationMs === null ? '' : `${t.durationMs} ms`]),
      );
      return 0;
    }
    case 'workers': {
      const { workers } = await api.request(ListWorkers);
      table(
        ['ID', 'ONLINE', 'QUEUES', 'ACTIVE', 'CONCURRENCY', 'PROCESSED', 'FAILED', 'LAST SEEN'],
        workers.map((w) => [w.id, w.online ? 'yes' : 'no', w.queues.join(','), w.active, w.concurrency, w.processed, w.failed, w.lastSeenAt]),
      );
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** A task as the commands show it (CliTaskFields in documents.ts). */
type Task = CliTaskFieldsFragment;
type TaskState = Task['state'];

const TERMINAL: ReadonlySet<TaskState> = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);

/**
 * The full id of `given`: itself when a task has that id, else the one task whose id starts
 * with it (ids as the dashboard shortens them). None, or more than one: an error that says so.
 */
async function resolveId(api: Api, given: string): Promise<string> {
  const { task, tasks } = await api.request(ResolveTaskId, { id: given, prefix: given });
  if (task) return task.id;
  const taskIds = tasks.nodes.map((node) => node.id);
  if (taskIds.length === 1) return taskIds[0]!;
  if (taskIds.length === 0) throw new Error(`no task ${given}`);
  throw new Error(`"${given}" is ambiguous: it starts ${taskIds.length > 2 ? 'more than two task ids' : 'two task ids'} (${taskIds.slice(0, 2).join(', ')}${taskIds.length > 2 ? ', …' : ''}); give more of the id`);
}

async function run(api: Api, [type, json]: string[], optionsJson: string | undefined): Promise<number> {
  if (!type) throw new UsageError("taskql run <type> ['<json input>']");
  const input = parseJson(json ?? '{}', 'input');
  const options = optionsJson ? parseJson(optionsJson, '--options') : undefined;
  const { runTask } = await api.request(RunTask, { name: type, input, options: options as CliRunTaskMutationVariables['options'] });
  console.error(`${type} ${runTask.id} queued`);
  return follow(api, { id: runTask.id, name: type });
}

/**
 * Follows a task with a progress bar until it ends: the result on stdout and 0 for SUCCESS, the
 * error and 1 otherwise. Ctrl-C stops following (the task goes on) and says how to go on.
 */
async function follow(api: Api, task: Pick<Task, 'id' | 'name'>): Promise<number> {
  const final = await untilInterrupted(task, api.follow(FollowTask, task.id, (update) => progressLine(update)));
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (final === undefined) return INTERRUPTED;
  if (final.state === 'SUCCESS') {
    console.log(JSON.stringify(final.result, null, 2));
    return 0;
  }
  console.error(`taskql: ${final.state}: ${final.error ? `${final.error.name}: ${final.error.message}` : ''}`);
  return 1;
}

/** `following`'s outcome, or undefined once Ctrl-C (SIGINT) has said that the task goes on without us. */
async function untilInterrupted<T>(task: Pick<Task, 'id' | 'name'>, following: Promise<T>): Promise<T | undefined> {
  let onSignal!: () => void;
  const interrupted = new Promise<undefined>((resolve) => {
    onSignal = () => {
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.error(`taskql: stopped following; ${task.name} ${task.id} goes on. Follow it: taskql watch ${task.id}  Cancel it: taskql cancel ${task.id}`);
      resolve(undefined);
    };
    process.once('SIGINT', onSignal);
  });
  try {
    return await Promise.race([following, interrupted]);
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

async function printLogs(api: Api, id: string): Promise<number> {
  const { task } = await api.request(TaskLogs, { id });
  for (const line of task?.logs ?? []) console.log(line);
  return 0;
}

/** Prints the logged lines, then each new one as it comes, until the task ends. */
async function followLogs(api: Api, id: string): Promise<number> {
  let shown: string[] = [];
  const final = await untilInterrupted(
    { id, name: 'the task' },
    api.follow(FollowLogs, id, (update) => {
      for (const line of newLines(shown, update.logs)) console.log(line);
      shown = update.logs;
    }),
  );
  if (final === undefined) return INTERRUPTED;
  console.error(`taskql: ${final.name} ${final.id} ended ${final.state}`);
  return 0;
}

/**
 * The lines of `now` that `before` did not show. Task.logs keeps the newest lines only (a
 * window): once it is full, each new line pushes the oldest out, so `now` is `before` shifted.
 */
export function newLines(before: readonly string[], now: readonly string[]): string[] {
  for (let shift = 0; shift <= before.length; shift++) {
    const kept = before.length - shift;
    if (kept <= now.length && before.slice(shift).every((line, i) => now[i] === line)) return now.slice(kept);
  }
  return [...now];
}

/** A progress bar redrawn in place on a terminal; one line per change otherwise. */
function progressLine(task: Task): void {
  const percent = task.progress?.percent ?? (task.state === 'SUCCESS' ? 100 : 0);
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent.toFixed(0).padStart(3)}% ${task.state}`;
  const message = task.progress?.message ? ` ${task.progress.message}` : '';
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${bar}${message}`);
  else process.stderr.write(`${bar}${message}\n`);
}

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

class Api {
  constructor(private readonly url: string) {}

  async request<T, V>(document: TypedDocumentString<T, V>, ...[variables]: V extends Record<string, never> ? [] : [V]): Promise<T> {
    const query = document.toString();
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...auth() },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      const reason = (error as Error).cause ?? (error as Error).message;
      throw new Error(`cannot reach ${this.url} (${String(reason)}); is taskql running? (npm start)`, { cause: error });
    }
    const body = await this.#graphqlBody<T>(response);
    if (body.errors?.length) {
      // A GraphQL server that does not know taskql's fields is not a taskql API.
      if (body.errors.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /Cannot query field "(task|runTask|tasks|workers)"/.test(e.message))) {
        throw new Error(`${this.url} is a GraphQL API, but not taskql's (or an older taskql): ${body.errors[0]!.message}`);
      }
      throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
    }
    return body.data as T;
  }

  /** The GraphQL response in `response`, or one line that says what answered instead. */
  async #graphqlBody<T>(response: Response): Promise<GraphQLBody<T>> {
    const type = response.headers.get('content-type') ?? 'no content type';
    const notTaskql = `${this.url} answered HTTP ${response.status} (${type.split(';')[0]}), not GraphQL: is it a taskql API? (its URL ends in /graphql, e.g. ${DEFAULT_URL})`;
    const text = await response.text();
    let body: GraphQLBody<T>;
    try {
      body = JSON.parse(text) as GraphQLBody<T>;
    } catch {
      throw new Error(notTaskql);
    }
    if (typeof body !== 'object' || body === null || !('data' in body || 'errors' in body)) throw new Error(notTaskql);
    return body;
  }

  /** Streams a task subscription until the task ends; resolves with its final state. */
  follow<T extends { id: string; name: string; state: TaskState }>(
    document: TypedDocumentString<{ taskUpdated: T }, { id: string }>,
    id: string,
    onUpdate: (task: T) => void,
  ): Promise<T> {
    const url = this.url.replace(/^http/, 'ws');
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: auth(), retryAttempts: 3 });
    let last: T | undefined;
    return new Promise<T>((resolve, reject) => {
      client.subscribe<{ taskUpdated: T }>(
        { query: document.toString(), variables: { id } },
        {
          next: ({ data, errors }) => {
            if (errors?.length) return reject(new Error(errors.map((e) => e.message).join('\n')));
            last = data!.taskUpdated;
            onUpdate(last);
          },
          error: (error) => reject(new Error(`cannot follow the task over ${url}: ${describe(error)}`)),
          complete: () => (last && TERMINAL.has(last.state) ? resolve(last) : reject(new Error('the subscription ended before the task did'))),
        },
      );
    }).finally(() => void client.dispose());
  }
}

/** A graphql-ws error: an Error, a CloseEvent (code, reason), an ErrorEvent, or GraphQL errors. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message).join('; ');
  const event = error as { code?: number; reason?: string; message?: string; error?: Error };
  if (event.code !== undefined) return `socket closed ${event.code}${event.reason ? ` ${event.reason}` : ''}`;
  return event.error?.message ?? event.message ?? String(error);
}

const auth = (): Record<string, string> =>
  process.env.TASKQL_TOKEN ? { authorization: `Bearer ${process.env.TASKQL_TOKEN}` } : {};

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} is not JSON: ${(error as Error).message}`);
  }
}

function table(header: string[], rows: unknown[][]): void {
  const cells = [header, ...rows.map((row) => row.map((cell) => String(cell)))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  for (const row of cells) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
