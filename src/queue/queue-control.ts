import type { Queue } from 'bullmq';
import type { TaskStore } from './task-store.ts';

/** At most this many finished tasks one cleanQueue call removes per outcome. */
const CLEAN_LIMIT = 100_000;

/** The operator's verbs on a queue (pause, resume, drain, clean), over BullMQ's own. */
export class QueueControl {
  constructor(private readonly store: TaskStore) {}

  names(): string[] {
    return this.store.queueNames();
  }

  has(name: string): boolean {
    return this.names().includes(name);
  }

  isPaused(name: string): Promise<boolean> {
    return this.#queue(name).isPaused();
  }

  /** Workers stop taking tasks from it (running ones finish); runTask still queues. */
  pause(name: string): Promise<void> {
    return this.#queue(name).pause();
  }

  resume(name: string): Promise<void> {
    return this.#queue(name).resume();
  }

  /** Removes every task waiting in it (not scheduled, running or finished ones); answers how many. */
  async drainWaiting(name: string): Promise<number> {
    const queue = this.#queue(name);
    const before = await queue.getJobCounts('wait', 'prioritized');
    await queue.drain(false);
    return Object.values(before).reduce((sum, n) => sum + n, 0);
  }

  /** Removes finished tasks older than `olderThanMs`; answers how many. */
  async cleanFinished(name: string, olderThanMs: number): Promise<number> {
    const queue = this.#queue(name);
    const removed = await Promise.all([queue.clean(olderThanMs, CLEAN_LIMIT, 'completed'), queue.clean(olderThanMs, CLEAN_LIMIT, 'failed')]);
    return removed.flat().length;
  }

  #queue(name: string): Queue {
    return this.store.queue(name);
  }
}
