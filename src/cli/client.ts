import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { FollowTask, ListTasks, ListWorkers, RunTask, TaskStatus } from './documents.ts';
import type {
  CliFollowTaskSubscription,
  CliFollowTaskSubscriptionVariables,
  CliRunTaskMutationVariables,
  CliTaskFieldsFragment,
  TypedDocumentString,
} from './gql/graphql.ts';
import { USAGE } from './usage.ts';

/**
 * The client commands of `taskql`, for terminal users; they talk to a taskql API (--url, or TASKQL_URL).
 *   taskql run <type> ['<json input>'] [--options '<json>']   queue it, show live progress, print the result
 *   taskql status <id>                                        the task, as JSON
 *   taskql ls [--state S] [--name N] [--first N]              recent tasks
 *   taskql workers                                            worker processes
 * Exit codes: 0 success; 1 the task failed or was revoked, or an error; 2 bad usage.
 */

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const api = new Api(values.url ?? process.env.TASKQL_URL ?? 'http://localhost:4000/graphql');
  switch (command) {
    case 'run':
      return run(api, rest, values.options);
    case 'status': {
      if (!rest[0]) throw new UsageError('taskql status <id>');
      const { task } = await api.request(TaskStatus, { id: rest[0] });
      if (!task) {
        console.error(`taskql: no task ${rest[0]}`);
        return 1;
      }
      console.log(JSON.stringify(task, null, 2));
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

async function run(api: Api, [type, json]: string[], optionsJson: string | undefined): Promise<number> {
  if (!type) throw new UsageError("taskql run <type> ['<json input>']");
  const input = parseJson(json ?? '{}', 'input');
  const options = optionsJson ? parseJson(optionsJson, '--options') : undefined;
  const { runTask } = await api.request(RunTask, { name: type, input, options: options as CliRunTaskMutationVariables['options'] });
  console.error(`${type} ${runTask.id} queued`);
  const final = await api.follow(runTask.id, (task) => progressLine(task));
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (final.state === 'SUCCESS') {
    console.log(JSON.stringify(final.result, null, 2));
    return 0;
  }
  console.error(`taskql: ${final.state}: ${final.error ? `${final.error.name}: ${final.error.message}` : ''}`);
  return 1;
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

class Api {
  constructor(private readonly url: string) {}

  async request<T, V>(document: TypedDocumentString<T, V>, ...[variables]: V extends Record<string, never> ? [] : [V]): Promise<T> {
    const query = document.toString();
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      const reason = (error as Error).cause ?? (error as Error).message;
      throw new Error(`cannot reach ${this.url} (${String(reason)}); is taskql running? (npm start)`, { cause: error });
    }
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) {
      throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
    }
    return body.data as T;
  }

  /** Streams taskUpdated until the task ends; resolves with its final state. */
  follow(id: string, onUpdate: (task: Task) => void): Promise<Task> {
    const client = createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: auth(),
      retryAttempts: 3,
    });
    let last: Task | undefined;
    return new Promise<Task>((resolve, reject) => {
      client.subscribe<CliFollowTaskSubscription>(
        { query: FollowTask.toString(), variables: { id } satisfies CliFollowTaskSubscriptionVariables },
        {
          next: ({ data, errors }) => {
            if (errors?.length) return reject(new Error(errors.map((e) => e.message).join('\n')));
            last = data!.taskUpdated;
            onUpdate(last);
          },
          error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => (last ? resolve(last) : reject(new Error('the subscription ended without an update'))),
        },
      );
    }).finally(() => void client.dispose());
  }
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
