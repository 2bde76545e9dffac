import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisClient } from '../redis/connections.ts';
import type { Logger } from '../logger.ts';
import { taskqlKeys } from '../queue/keys.ts';
import { HEARTBEAT_MS, type WorkerInfo } from '../queue/worker-info.ts';

export { HEARTBEAT_MS, type WorkerInfo } from '../queue/worker-info.ts';

export const newWorkerId = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Writes this worker's info to Redis now and every HEARTBEAT_MS; removes it on stop. */
export class WorkerHeartbeat {
  #timer: NodeJS.Timeout | undefined;
  readonly #key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly info: () => Omit<WorkerInfo, 'lastSeenAt'>,
    private readonly log: Logger,
    private readonly intervalMs = HEARTBEAT_MS,
    /** Runs after each heartbeat (at start too); a failure is logged, not thrown. */
    private readonly afterBeat: () => Promise<void> = async () => {},
  ) {
    this.#key = taskqlKeys(prefix).workers;
  }

  async start(): Promise<void> {
    await this.beat();
    this.#timer = setInterval(() => void this.beat().catch((error: unknown) => this.log.warn({ err: error }, 'heartbeat failed')), this.intervalMs);
    this.#timer.unref();
  }

  async beat(): Promise<void> {
    const info: WorkerInfo = { ...this.info(), lastSeenAt: Date.now() };
    await this.redis.hset(this.#key, info.id, JSON.stringify(info));
    await this.afterBeat().catch((error: unknown) => this.log.warn({ err: error }, 'after-heartbeat work failed'));
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.redis.hdel(this.#key, this.info().id).catch(() => 0);
  }
}
