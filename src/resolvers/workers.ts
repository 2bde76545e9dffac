import { taskqlKeys } from '../queue/keys.ts';
import { FORGET_AFTER_MS, OFFLINE_AFTER_MS, type WorkerInfo } from '../queue/worker-info.ts';
import type { Services } from './services.ts';

export interface WorkerRecord extends WorkerInfo {
  online: boolean;
}


/** Every worker process that has sent a heartbeat lately, newest first. */
export async function listWorkers(services: Services, now = Date.now()): Promise<WorkerRecord[]> {
  const key = taskqlKeys(services.store.prefix).workers;
  const all = Object.values(await services.store.redis.hgetall(key)).map((json) => JSON.parse(json) as WorkerInfo);
  const gone = all.filter((worker) => now - worker.lastSeenAt > FORGET_AFTER_MS);
  if (gone.length > 0) await services.store.redis.hdel(key, ...gone.map((worker) => worker.id));
  return all
    .filter((worker) => !gone.includes(worker))
    .map((worker) => ({ ...worker, online: now - worker.lastSeenAt <= OFFLINE_AFTER_MS }))
    .sort((a, b) => b.startedAt - a.startedAt);
}
