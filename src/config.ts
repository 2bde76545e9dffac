import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ApiTokensSchema, type ApiToken } from './auth.ts';
import { isNetwork } from './tasks/fetch/address-policy.ts';

/**
 * Every setting taskql reads, in one place. Read once at start (`loadConfig`),
 * validated, and documented in the README's configuration table.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The defaults of the settings that classes take as options too (TaskWorker, TaskStore,
 * createRedis, createServices): a class given none falls back to these, so each default is
 * written once, here.
 */
export const DEFAULTS = {
  REDIS_COMMAND_TIMEOUT_MS: 2000,
  CONCURRENCY: 8,
  RETENTION_SECONDS: 86_400,
  LOCK_DURATION_MS: 30_000,
  STALLED_INTERVAL_MS: 30_000,
  SHUTDOWN_GRACE_MS: 10_000,
  MAX_INPUT_BYTES: 256 << 10,
  MAX_PROGRESS_DATA_BYTES: 16 << 10,
  MAX_INPUT_DEPTH: 64,
} as const;

const ConfigSchema = z.object({
  /** Redis to use. Unset: 127.0.0.1:6379 if it answers, else (dev mode) a private redis-server. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * Redis Cluster seed nodes, comma-separated host:port. Set: taskql runs on the cluster (every
   * key hash-tagged into one slot, see TASKQL_PREFIX); REDIS_URL then only gives credentials and TLS.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[\w.:[\]-]+:\d+(,[\w.:[\]-]+:\d+)*$/, 'comma-separated host:port, e.g. redis-1:6379,redis-2:6379')
    .transform((list) => list.split(','))
    .optional(),
  /** Milliseconds an API-side Redis command may take before it fails as SERVICE_UNAVAILABLE. */
  REDIS_COMMAND_TIMEOUT_MS: int(100, 60_000).default(DEFAULTS.REDIS_COMMAND_TIMEOUT_MS),
  /**
   * Prefix of every Redis key and channel taskql writes. On a cluster it is wrapped in a hash
   * tag ({taskql}) unless it has one, so that each Lua script's keys share a slot.
   */
  TASKQL_PREFIX: z.string().regex(/^[\w{}.-]+$/, 'letters, digits, _ . - { } only').default('taskql'),
  /**
   * The module with the task types to serve (`--tasks`): its default export, or its `tasks`
   * export, is an array of task types (`defineTask`) or, for an API, of contracts
   * (`defineContract`). A path (relative to the working directory) or a package name. Unset:
   * the shipped example types.
   */
  TASKQL_TASKS: z.string().min(1).optional(),
  /** Where the embedded redis-server keeps its data. */
  TASKQL_DATA_DIR: z.string().min(1).default('.taskql'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65_535).default(4000),
  /** Queues a worker takes tasks from, comma-separated. Unset: every queue of the registry. */
  QUEUES: z
    .string()
    .regex(/^[\w.-]+(,[\w.-]+)*$/, 'comma-separated queue names, e.g. default,email')
    .transform((list) => list.split(','))
    .optional(),
  /** Tasks one worker process runs at the same time on each of its queues (one BullMQ Worker per queue). */
  CONCURRENCY: int(1, 10_000).default(DEFAULTS.CONCURRENCY),
  /** How long finished tasks stay readable (then task(id) is null), in seconds. */
  RETENTION_SECONDS: int(1, 10 * 365 * 86_400).default(DEFAULTS.RETENTION_SECONDS),
  /** At most this many finished tasks are kept per queue and outcome (success, failure). Unset: no cap. */
  RETENTION_COUNT: int(1, 100_000_000).optional(),
  /**
   * How long a worker's hold on a running task lasts without renewal (it renews every half of
   * it). A killed worker's task runs again within LOCK_DURATION_MS + 2 x STALLED_INTERVAL_MS (90 s
   * by default; 3 x STALLED_INTERVAL_MS when the lock is the shorter): a stall check puts a task
   * back only if the check before marked it (after the lock's last renewal) and its lock is gone,
   * and one check is skipped when the killed worker ran the last (BullMQ runs one per interval).
   */
  LOCK_DURATION_MS: int(1000, 3_600_000).default(DEFAULTS.LOCK_DURATION_MS),
  /** How often workers look for tasks whose worker died. */
  STALLED_INTERVAL_MS: int(500, 3_600_000).default(DEFAULTS.STALLED_INTERVAL_MS),
  /** On SIGTERM/SIGINT, how long running tasks may finish before they go back to their queue. */
  SHUTDOWN_GRACE_MS: int(0, 3_600_000).default(DEFAULTS.SHUTDOWN_GRACE_MS),
  /** Largest HTTP request body, in bytes. */
  MAX_BODY_BYTES: int(1024, 1 << 30).default(1 << 20),
  /** Largest task input (as JSON), in bytes. */
  MAX_INPUT_BYTES: int(2, 1 << 30).default(DEFAULTS.MAX_INPUT_BYTES),
  /** Largest `data` of one progress report (ctx.progress(percent, message, data)) as JSON, in bytes. */
  MAX_PROGRESS_DATA_BYTES: int(2, 1 << 20).default(DEFAULTS.MAX_PROGRESS_DATA_BYTES),
  /** Deepest nesting of objects and arrays in a task input. */
  MAX_INPUT_DEPTH: int(1, 1000).default(DEFAULTS.MAX_INPUT_DEPTH),
  /** Deepest GraphQL query. Introspection (`__schema`) has a limit of its own (src/server/introspection.ts). */
  MAX_QUERY_DEPTH: int(1, 1000).default(15),
  /** Most expensive GraphQL query (graphql-armor's cost: 2 per object, 1 per scalar, x1.5 per level). */
  MAX_QUERY_COST: int(1, 10_000_000).default(20_000),
  /**
   * Most list items one operation may ask for: each list field counts its `first` (a variable
   * counts as the field's largest page) times the lists it is in, as GitHub's node limit does.
   */
  MAX_QUERY_NODES: int(1, 10_000_000).default(1000),
  /**
   * Most tasks one request may read to answer its list fields, all of them together (a filter
   * that matches few tasks makes a page look at many): beyond it, pages come back short with
   * hasNextPage and an endCursor to go on from.
   */
  MAX_SCAN_PER_REQUEST: int(1, 10_000_000).default(5000),
  /** Most aliases in one operation. */
  MAX_ALIASES: int(0, 10_000).default(50),
  /** Most tokens in one GraphQL document. */
  MAX_TOKENS: int(1, 1_000_000).default(5000),
  /** Most subscriptions open at once on one WebSocket. */
  MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1, 100_000).default(100),
  /** With auth on: most WebSockets open at once with one API token (more are closed with 4429). */
  MAX_SOCKETS_PER_TOKEN: int(1, 1_000_000).default(20),
  /**
   * With auth on: most subscriptions open at once with one API token, on all its WebSockets
   * together (MAX_SUBSCRIPTIONS_PER_CONNECTION still holds for each).
   */
  MAX_SUBSCRIPTIONS_PER_TOKEN: int(1, 10_000_000).default(1000),
  /** Largest WebSocket message, in bytes. */
  MAX_WS_MESSAGE_BYTES: int(1024, 1 << 30).default(1 << 20),
  /**
   * fetchUrl may connect to internal addresses (loopback, private, link-local, CGNAT…). Cloud
   * metadata addresses (169.254.169.254…) stay refused unless listed in FETCH_ALLOWED_NETWORKS.
   */
  FETCH_ALLOW_PRIVATE: z.stringbool().default(false),
  /** Addresses or CIDR networks fetchUrl may connect to although they are internal, comma-separated. */
  FETCH_ALLOWED_NETWORKS: z
    .string()
    .transform((list) => list.split(',').map((network) => network.trim()))
    .refine((list) => list.every(isNetwork), 'comma-separated addresses or CIDR networks, e.g. 10.1.2.3,10.20.0.0/16,fd00::/8')
    .default([]),
  /** Largest response body fetchUrl reads, in bytes; past it the task fails (and stops reading). */
  FETCH_MAX_BYTES: int(1, 1 << 30).default(10 << 20),
  /** fetchUrl's time limit of an attempt, in milliseconds: its default, and the most a runTask's timeoutMs gets. */
  FETCH_TIMEOUT_MS: int(1, 86_400_000).default(30_000),
  /** Longest fetchUrl waits for a connection, the response headers or the next part of the body. */
  FETCH_RESPONSE_TIMEOUT_MS: int(1, 3_600_000).default(10_000),
  /** Most redirects fetchUrl follows (each one checked like the first address). */
  FETCH_MAX_REDIRECTS: int(0, 20).default(5),
  /**
   * API tokens as JSON: [{"name": "alice", "token": "…", "scopes": ["run", "read"]}]. Unset (and no
   * TASKQL_TOKENS_FILE): no auth, and the API listens on loopback only.
   */
  TASKQL_TOKENS: z.string().optional(),
  /** A JSON file with the tokens, as TASKQL_TOKENS. */
  TASKQL_TOKENS_FILE: z.string().optional(),
  /**
   * Web origins whose pages may call the API from another origin (CORS and WebSocket upgrades),
   * comma-separated, e.g. `https://app.example.com,http://localhost:5173`; `*` for any. Unset:
   * any loopback origin (a frontend's dev server) while auth is off, none while it is on.
   */
  CORS_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^\s,/]+)(,(\*|https?:\/\/[^\s,/]+))*$/, 'comma-separated origins, e.g. https://app.example.com,http://localhost:5173')
    .transform((list) => list.split(','))
    .optional(),
  /**
   * While auth is off, the API answers only to requests for loopback names (localhost,
   * 127.0.0.1, [::1]), so a web page cannot reach it by pointing its own name at 127.0.0.1 (DNS
   * rebinding). More host names, comma-separated.
   */
  ALLOWED_HOSTS: z
    .string()
    .regex(/^[\w.[\]:-]+(,[\w.[\]:-]+)*$/, 'comma-separated host names, e.g. devbox.local')
    .transform((list) => list.split(','))
    .optional(),
  /** production turns off GraphiQL and introspection (unless GRAPHIQL / INTROSPECTION). */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  GRAPHIQL: z.stringbool().optional(),
  INTROSPECTION: z.stringbool().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty` for people, `json` for log collectors. Default: pretty on a terminal, else json. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

/**
 * Settings given in code (the programmatic API): the same names and checks as the
 * environment's, with numbers, booleans and lists as such or as strings.
 */
export type ConfigInput = {
  [K in keyof Config]?: NonNullable<Config[K]> extends readonly string[] ? readonly string[] | string : NonNullable<Config[K]> | string;
};

/** Validates settings given in code (see ConfigInput); nothing is read from the environment. */
export function resolveConfig(input: ConfigInput = {}): Config {
  const env = Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value === undefined ? undefined : String(value)]),
  );
  return loadConfig(env);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates `env` (normally `process.env`, with command-line flags already merged in). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}=${JSON.stringify(present[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The request limits, as the server needs them. */
export type Limits = Pick<
  Config,
  | 'MAX_BODY_BYTES'
  | 'MAX_INPUT_BYTES'
  | 'MAX_INPUT_DEPTH'
  | 'MAX_QUERY_DEPTH'
  | 'MAX_QUERY_COST'
  | 'MAX_QUERY_NODES'
  | 'MAX_SCAN_PER_REQUEST'
  | 'MAX_ALIASES'
  | 'MAX_TOKENS'
  | 'MAX_SUBSCRIPTIONS_PER_CONNECTION'
  | 'MAX_SOCKETS_PER_TOKEN'
  | 'MAX_SUBSCRIPTIONS_PER_TOKEN'
  | 'MAX_WS_MESSAGE_BYTES'
>;

/** The default limits (what loadConfig gives when nothing is set). */
export const defaultLimits = (): Limits => loadConfig({});

/** What the shipped fetchUrl task type may connect to, read and wait for. */
export type FetchSettings = Pick<
  Config,
  | 'FETCH_ALLOW_PRIVATE'
  | 'FETCH_ALLOWED_NETWORKS'
  | 'FETCH_MAX_BYTES'
  | 'FETCH_TIMEOUT_MS'
  | 'FETCH_RESPONSE_TIMEOUT_MS'
  | 'FETCH_MAX_REDIRECTS'
>;

/** The default fetch settings (what loadConfig gives when nothing is set). */
export const defaultFetchSettings = (): FetchSettings => loadConfig({});

/** The API tokens of TASKQL_TOKENS or TASKQL_TOKENS_FILE, validated. */
export function loadTokens(config: Pick<Config, 'TASKQL_TOKENS' | 'TASKQL_TOKENS_FILE'>): ApiToken[] {
  const source = config.TASKQL_TOKENS_FILE ? `TASKQL_TOKENS_FILE (${config.TASKQL_TOKENS_FILE})` : 'TASKQL_TOKENS';
  let text = config.TASKQL_TOKENS;
  if (config.TASKQL_TOKENS_FILE) {
    try {
      text = readFileSync(config.TASKQL_TOKENS_FILE, 'utf8');
    } catch (error) {
      throw new ConfigError(`Invalid configuration: ${source}: ${(error as Error).message}`);
    }
  }
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${source} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ApiTokensSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(all)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${source}: ${issues.join('; ')}`);
  }
  return parsed.data;
}
