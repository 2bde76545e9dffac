import type { RedisClient } from '../redis/connections.ts';
import { FORGET_AFTER_MS, OFFLINE_AFTER_MS, type WorkerInfo } from './worker-info.ts';
import { taskqlKeys } from './keys.ts';

/**
 * What the running workers know, from their heartbeats: which task types each runs on which
 * queues. Read at most once per FLEET_CACHE_MS per API process, so asking per task (Task.waitingFor,
 * stats) costs no Redis round trip per task.
 * @defaultValue 1000
 */
export const FLEET_CACHE_MS = 1000;

export class FleetStore {
  readonly #key: string;
  #cached: { at: number; known: Promise<Set<string>> } | undefined;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.#key = taskqlKeys(prefix).workers;
  }

  /** Every worker that has sent a heartbeat within FORGET_AFTER_MS; older ones are dropped from the list. */
  async workers(now = Date.now()): Promise<WorkerInfo[]> {
    const all = Object.values(await this.redis.hgetall(this.#key)).map((json) => JSON.parse(json) as WorkerInfo);
    const gone = all.filter((worker) => now - worker.lastSeenAt > FORGET_AFTER_MS);
    if (gone.length > 0) await this.redis.hdel(this.#key, ...gone.map((worker) => worker.id));
    return all.filter((worker) => !gone.includes(worker));
  }

  /** True when a worker seen lately (not offline) runs task type `name` from `queue`. */
  async knows(queue: string, name: string, now = Date.now()): Promise<boolean> {
    return (await this.#known(now)).has(knownKey(queue, name));
  }

  /** `knows` for many tasks at once: one read, then a plain function. */
  async knower(now = Date.now()): Promise<(queue: string, name: string) => boolean> {
    const known = await this.#known(now);
    return (queue, name) => known.has(knownKey(queue, name));
  }

  #known(now: number): Promise<Set<string>> {
    if (this.#cached && now - this.#cached.at < FLEET_CACHE_MS) return this.#cached.known;
    const known = this.redis.hgetall(this.#key).then((all) => {
      const set = new Set<string>();
      for (const json of Object.values(all)) {
        const worker = JSON.parse(json) as WorkerInfo;
        if (now - worker.lastSeenAt > OFFLINE_AFTER_MS) continue;
        for (const queue of worker.queues) for (const name of worker.taskTypes ?? []) set.add(knownKey(queue, name));
      }
      return set;
    });
    this.#cached = { at: now, known };
    // A failed read is not kept: the next question reads again.
    known.catch(() => (this.#cached = undefined));
    return known;
  }
}

const knownKey = (queue: string, name: string) => `${queue}\n${name}`;
