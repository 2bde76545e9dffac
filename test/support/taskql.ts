import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Queue } from 'bullmq';
import { print, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { createLogger, type Logger } from '../../src/logger.ts';
import { hashTagged } from '../../src/queue/keys.ts';
import { isCluster } from '../../src/redis/client.ts';
import { closeRedis, createRedis, waitUntilReady, type RedisClient, type RedisRole, type RedisSettings } from '../../src/redis/connections.ts';
import type { ApiToken } from '../../src/auth.ts';
import { defaultLimits, type Limits } from '../../src/config.ts';
import type { AppSettings } from '../../src/server/app.ts';
import { startApi, type RunningApi } from '../../src/server/api.ts';
import { TaskRegistry, taskTypes } from '../../src/tasks/index.ts';
import { startWorker } from '../../src/worker/index.ts';

export const log = createLogger({ LOG_LEVEL: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent', LOG_FORMAT: 'json' });
export const registry = new TaskRegistry(taskTypes);

/** This run's Redis Cluster seed nodes, when the run is against a cluster (npm run test:cluster). */
export const clusterNodes = (): string[] | undefined => inject('redisClusterNodes');

/** Connection settings for this run's Redis (a cluster's seed nodes when there is one). */
export const redisTarget = (url = inject('redisUrl')): RedisSettings => ({ url, clusterNodes: clusterNodes() });

/**
 * A connection of `role` to this run's Redis, as taskql opens them, once it is ready: a
 * `command` connection refuses commands before (no offline queue), and a subscriber that is not
 * ready makes subscriptions answer SERVICE_UNAVAILABLE.
 */
export async function testRedis(role: RedisRole = 'command'): Promise<RedisClient> {
  const redis = createRedis(redisTarget(), role);
  await waitUntilReady(redis);
  return redis;
}

/**
 * A key prefix of its own for each test file (and each harness), so files never share keys.
 * Hash-tagged on a cluster, as taskql does with its prefix there.
 */
export const uniquePrefix = () => {
  const prefix = `tq-test-${randomUUID().slice(0, 8)}`;
  return clusterNodes() ? hashTagged(prefix) : prefix;
};

export interface HarnessOptions {
  /** Run a worker in this process. @defaultValue true */
  worker?: boolean;
  concurrency?: number;
  prefix?: string;
  redisUrl?: string;
  commandTimeoutMs?: number;
  /** @defaultValue the shipped registry */
  registry?: TaskRegistry;
  /** Queues the in-process worker serves. @defaultValue all */
  queues?: string[];
  retentionCount?: number;
  /** Of the in-process worker. */
  heartbeatMs?: number;
  /** API tokens: auth is on when given. */
  tokens?: ApiToken[];
  mode?: AppSettings['mode'];
  /** CORS_ORIGINS and ALLOWED_HOSTS. */
  origins?: AppSettings['origins'];
  /** Request limits other than the defaults. */
  limits?: Partial<Limits>;
  /** The API's logger. @defaultValue `log` (silent unless TEST_LOG_LEVEL) */
  log?: Logger;
}

/** GraphQL over HTTP and graphql-ws against one taskql URL, as any client would talk to it. */
export class TestClient {
  protected readonly closers: (() => Promise<void>)[] = [];

  constructor(
    readonly url: string,
    /** Sent as Authorization: Bearer (HTTP) and connectionParams.authorization (graphql-ws). */
    readonly token?: string,
  ) {}

  private get authorization(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  get wsUrl(): string {
    return this.url.replace(/^http/, 'ws');
  }

  /** POSTs one operation. */
  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<ExecutionResult<TData, { code?: string }>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...this.authorization },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as ExecutionResult<TData, { code?: string }>;
  }

  /** Like `request`, but fails the test on any GraphQL error. */
  async data<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<TData> {
    const result = await this.request(document, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** A graphql-ws client over a real WebSocket; closed by `stop()`. */
  wsClient(): Client {
    const client = createClient({
      url: this.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: this.authorization,
    });
    this.closers.push(() => client.dispose() as Promise<void>);
    return client;
  }

  async stop(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
  }
}

/** A real taskql (API on a free port, optionally a worker) against the run's own Redis. */
export class Harness extends TestClient {
  private constructor(
    readonly api: RunningApi,
    readonly prefix: string,
    readonly redisUrl: string,
    readonly registry: TaskRegistry,
  ) {
    super(api.url);
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const prefix = options.prefix ?? uniquePrefix();
    const redisUrl = options.redisUrl ?? inject('redisUrl');
    const api = await startApi({
      redisUrl,
      redisClusterNodes: clusterNodes(),
      prefix,
      host: '127.0.0.1',
      port: 0,
      commandTimeoutMs: options.commandTimeoutMs ?? 2000,
      registry: options.registry ?? registry,
      retentionCount: options.retentionCount,
      tokens: options.tokens,
      mode: options.mode,
      origins: options.origins,
      ...(options.limits && { limits: { ...defaultLimits(), ...options.limits } }),
      log: options.log ?? log,
    });
    const harness = new Harness(api, prefix, redisUrl, options.registry ?? registry);
    harness.closers.push(() => api.stop());
    if (options.worker ?? true) {
      await harness.startWorker({ concurrency: options.concurrency, queues: options.queues, heartbeatMs: options.heartbeatMs });
    }
    return harness;
  }

  /** Starts one more worker (its own Redis connections, like another process) on this harness's queues. */
  async startWorker(
    options: { concurrency?: number; queues?: string[]; heartbeatMs?: number; startedEventDelayMs?: number } = {},
  ): Promise<{ stop(): Promise<void> }> {
    const worker = await startWorker({
      redisUrl: this.redisUrl,
      redisClusterNodes: clusterNodes(),
      prefix: this.prefix,
      registry: this.registry.withHandlers(),
      concurrency: options.concurrency ?? 8,
      queues: options.queues,
      heartbeatMs: options.heartbeatMs,
      startedEventDelayMs: options.startedEventDelayMs,
      log,
    });
    this.closers.push(() => worker.stop());
    return worker;
  }

  /** A client of this API with `token`; closed with the harness. */
  as(token: string): TestClient {
    const client = new TestClient(this.url, token);
    this.closers.push(() => client.stop());
    return client;
  }

  /** The environment a taskql process needs to join this harness (same Redis, same prefix). */
  get env(): Record<string, string> {
    const nodes = clusterNodes();
    return { REDIS_URL: this.redisUrl, TASKQL_PREFIX: this.prefix, ...(nodes && { REDIS_CLUSTER_NODES: nodes.join(',') }) };
  }

  /** The BullMQ queue behind the task types, to check what was (not) queued. */
  queue(name = 'default'): Queue {
    const connection = createRedis(redisTarget(this.redisUrl), 'worker');
    const queue = new Queue(name, { connection, prefix: this.prefix });
    this.closers.push(async () => {
      await queue.close();
      await closeRedis(connection);
    });
    return queue;
  }
}

/**
 * How many connections are subscribed to `channel` now: PUBSUB NUMSUB on one Redis; on a Redis
 * Cluster, where taskql subscribes with SSUBSCRIBE (redis/pubsub.ts), SHARDNUMSUB summed over
 * the masters (only the one owning the channel's slot counts any).
 */
export async function subscriberCount(redis: RedisClient, channel: string): Promise<number> {
  const count = async (node: Pick<Redis, 'call'>, sub: 'NUMSUB' | 'SHARDNUMSUB') => Number(((await node.call('PUBSUB', sub, channel)) as [string, number])[1]);
  if (!isCluster(redis)) return count(redis, 'NUMSUB');
  const counts = await Promise.all(redis.nodes('master').map((node) => count(node, 'SHARDNUMSUB')));
  return counts.reduce((a, b) => a + b, 0);
}

/** Every value a subscription sends until it completes, or its error. */
export async function collect<TData, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  onValue?: (data: TData, index: number) => void,
): Promise<{ values: TData[]; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }> {
  const values: TData[] = [];
  return new Promise((resolve, reject) => {
    client.subscribe<TData>(
      { query: print(document), variables },
      {
        next: (result) => {
          if (result.errors) return resolve({ values, errors: result.errors });
          values.push(result.data as TData);
          onValue?.(result.data as TData, values.length - 1);
        },
        error: (error) => {
          if (Array.isArray(error)) resolve({ values, errors: error });
          else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => resolve({ values }),
      },
    );
  });
}
