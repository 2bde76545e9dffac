import { z } from 'zod';

/**
 * Every setting taskql reads, in one place. Read once at start (`loadConfig`),
 * validated, and documented in the README's configuration table.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ConfigSchema = z.object({
  /** Redis to use. Unset: 127.0.0.1:6379 if it answers, else (dev mode) a private redis-server. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Milliseconds an API-side Redis command may take before it fails as SERVICE_UNAVAILABLE. */
  REDIS_COMMAND_TIMEOUT_MS: int(100, 60_000).default(2000),
  /** Prefix of every Redis key and channel taskql writes. */
  TASKQL_PREFIX: z.string().regex(/^[\w{}.-]+$/, 'letters, digits, _ . - { } only').default('taskql'),
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
  /** Tasks one worker process runs at the same time. */
  CONCURRENCY: int(1, 10_000).default(8),
  /** How long finished tasks stay readable (then task(id) is null), in seconds. */
  RETENTION_SECONDS: int(1, 10 * 365 * 86_400).default(86_400),
  /** At most this many finished tasks are kept per queue and outcome (success, failure). Unset: no cap. */
  RETENTION_COUNT: int(1, 100_000_000).optional(),
  /**
   * How long a worker's hold on a running task lasts without renewal (it renews every half of
   * it). A killed worker's task runs again after at most LOCK_DURATION_MS + STALLED_INTERVAL_MS.
   */
  LOCK_DURATION_MS: int(1000, 3_600_000).default(30_000),
  /** How often workers look for tasks whose worker died. */
  STALLED_INTERVAL_MS: int(500, 3_600_000).default(30_000),
  /** On SIGTERM/SIGINT, how long running tasks may finish before they go back to their queue. */
  SHUTDOWN_GRACE_MS: int(0, 3_600_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty` for people, `json` for log collectors. Default: pretty on a terminal, else json. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

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
