import { OFFLINE_AFTER_MS, type WorkerInfo } from '../queue/worker-info.ts';
import type { Services } from './services.ts';

export interface WorkerRecord extends WorkerInfo {
  online: boolean;
}

/** Every worker process that has sent a heartbeat lately, newest first. */
export async function listWorkers(services: Services, now = Date.now()): Promise<WorkerRecord[]> {
  return (await services.fleet.workers(now))
    .map((worker) => ({ ...worker, online: now - worker.lastSeenAt <= OFFLINE_AFTER_MS }))
    .sort((a, b) => b.startedAt - a.startedAt);
}
