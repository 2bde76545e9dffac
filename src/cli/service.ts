import inspector from 'node:inspector';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { NoRedisError, resolveRedis } from '../redis/embedded.ts';
import { createApi } from '../service/api.ts';
import type { ServiceOptions } from '../service/options.ts';
import { createWorker } from '../service/worker.ts';
import { registryFor, TaskTypeError, type AnyTaskContract } from '../tasks/index.ts';
import { loadTasks, TaskModuleError } from './load-tasks.ts';

/**
 * `taskql dev|api|worker [--tasks <module>] [--port N] [--host H] [--concurrency N] [--queues a,b]`
 * dev runs the API and a worker in one process.
 */
export const MODES = ['dev', 'api', 'worker'] as const;
const REPEAT_MEANS_FORCE_AFTER_MS = 1000;
const SHUTDOWN_DEADLINE_MARGIN_MS = 10_000;
type Mode = (typeof MODES)[number];

/** Runs a service mode until SIGINT/SIGTERM; a start-up failure exits 1 with one line. */
export async function runService(argv: string[]): Promise<void> {
  try {
    await start(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NoRedisError || error instanceof TaskModuleError || error instanceof TaskTypeError) {
      console.error(`taskql: ${error.message}`);
    } else if (listenError(error)) {
      console.error(`taskql: ${listenError(error)}`);
    } else if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`taskql: ${(error as Error).message} (taskql --help lists the options)`);
    } else {
      console.error('taskql: failed to start:', error);
    }
    process.exit(1);
  }
}

/** What a failed listen means for the user, in one line; undefined for any other error. */
function listenError(error: unknown): string | undefined {
  const { code, port } = error as { code?: unknown; port?: unknown };
  if (code === 'EADDRINUSE') return `port ${String(port)} is in use: set PORT or --port`;
  if (code === 'EACCES' && port !== undefined) return `port ${String(port)} needs privileges this process lacks: set PORT or --port (above 1023)`;
  return undefined;
}

/** The settings of the environment with the command line's flags over them. */
export function configOf(values: { port?: string; host?: string; concurrency?: string; queues?: string; tasks?: string }): Config {
  return loadConfig({
    ...process.env,
    PORT: values.port ?? process.env.PORT,
    HOST: values.host ?? process.env.HOST,
    CONCURRENCY: values.concurrency ?? process.env.CONCURRENCY,
    QUEUES: values.queues ?? process.env.QUEUES,
    TASKQL_TASKS: values.tasks ?? process.env.TASKQL_TASKS,
  });
}

/** The `--tasks` module's types, checked (a malformed or duplicate one fails here); undefined: the examples. */
export async function tasksOf(config: Config, needHandlers: boolean): Promise<Pick<ServiceOptions, 'tasks' | 'tasksSource'>> {
  const source = config.TASKQL_TASKS;
  if (source === undefined) return {};
  const tasks = (await loadTasks(source)) as AnyTaskContract[];
  const registry = registryFor(tasks, source);
  if (needHandlers) registry.withHandlers();
  return { tasks, tasksSource: source };
}

async function start(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    // A bare --inspect means the default address.
    args: argv.map((arg) => (arg === '--inspect' ? '--inspect=' : arg)),
    allowPositionals: true,
    options: {
      tasks: { type: 'string', short: 't' },
      port: { type: 'string' },
      host: { type: 'string' },
      concurrency: { type: 'string', short: 'c' },
      queues: { type: 'string', short: 'q' },
      inspect: { type: 'string' },
    },
  });
  const mode = (positionals[0] ?? 'dev') as Mode;
  if (!MODES.includes(mode)) throw new ConfigError(`Unknown mode "${mode}": use one of ${MODES.join(', ')}.`);
  const config = configOf(values);
  const log = createLogger(config);
  // The user's module first: a bad task type fails before anything connects or starts.
  const tasks = await tasksOf(config, mode !== 'api');
  if (values.inspect !== undefined) openInspector(values.inspect, log);

  const redis = config.REDIS_CLUSTER_NODES
    ? { url: config.REDIS_URL ?? 'redis://localhost', stop: async () => {} }
    : await resolveRedis({ redisUrl: config.REDIS_URL, dataDir: config.TASKQL_DATA_DIR, allowEmbedded: mode === 'dev' }, log);
  if (config.REDIS_CLUSTER_NODES) log.info({ nodes: config.REDIS_CLUSTER_NODES }, 'using the Redis Cluster');
  if (tasks.tasksSource) log.info({ tasks: tasks.tasksSource, types: tasks.tasks?.map((type) => type.name) }, 'task types loaded');
  const options: ServiceOptions = { ...tasks, config: { ...config }, redis: { url: redis.url }, log };
  const parts: { stop(): Promise<void> }[] = [];
  let stoppingSince: number | undefined;
  const shutdown = async (signal: string) => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C reaches this process twice (from the terminal and relayed by npm/tsx);
      // only a later signal means "stop waiting".
      if (Date.now() - stoppingSince < REPEAT_MEANS_FORCE_AFTER_MS) return;
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info(`${signal}: shutting down`);
    // A shutdown that cannot finish (e.g. Redis is gone, so running tasks cannot be handed
    // back) must not hang forever.
    setTimeout(() => {
      log.error('shutdown did not finish in time: exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + SHUTDOWN_DEADLINE_MARGIN_MS).unref();
    let code = 0;
    for (const stop of [...parts.reverse().map((part) => () => part.stop()), () => redis.stop()]) {
      try {
        await stop();
      } catch (error) {
        log.error({ err: error }, 'error while shutting down');
        code = 1;
      }
    }
    process.exit(code);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  try {
    if (mode !== 'worker') {
      const api = createApi(options);
      parts.push(api);
      await api.start();
    }
    if (mode !== 'api') {
      const worker = createWorker(options);
      parts.push(worker);
      await worker.start();
    }
  } catch (error) {
    for (const part of parts.reverse()) await part.stop();
    await redis.stop();
    throw error;
  }
}

/**
 * `--inspect[=[host:]port]`: Node's inspector (Chrome DevTools, VS Code) on 127.0.0.1:9229 by
 * default, so a breakpoint in a task handler pauses the task as it runs.
 */
function openInspector(spec: string, log: Logger): void {
  const match = /^(?:(.+):)?(\d+)?$/.exec(spec);
  if (!match) throw new ConfigError(`--inspect takes [host:]port, got "${spec}"`);
  const [, host = '127.0.0.1', port = '9229'] = match;
  inspector.open(Number(port), host);
  log.info({ url: inspector.url() }, 'inspector open: attach a debugger (chrome://inspect, or VS Code "Attach")');
}
