import type { JobSchedulerJson } from 'bullmq';
import type { TaskContract } from '../tasks/index.ts';
import { taskqlKeys } from './keys.ts';
import type { TaskJobData } from './task-record.ts';
import type { EnqueueOptions, TaskStore } from './task-store.ts';

/** A schedule as clients see it. */
export interface ScheduleRecord {
  id: string;
  /** The task type each firing runs. */
  name: string;
  queue: string;
  input: unknown;
  cron: string | null;
  everyMs: number | null;
  timezone: string | null;
  nextRunAt: Date | null;
}

export type Repeat = { cron: string; timezone?: string } | { everyMs: number };

/**
 * Schedules are BullMQ job schedulers on the task type's queue: BullMQ creates each firing's
 * task exactly once however many processes run, and the next one when the previous starts.
 */
export class ScheduleStore {
  constructor(private readonly tasks: TaskStore) {}

  async upsert(id: string, type: TaskContract, input: unknown, repeat: Repeat, options: EnqueueOptions): Promise<ScheduleRecord> {
    const queueName = type.defaults.queue;
    // An id names one schedule: if it lived on another queue (its type changed), it moves.
    for (const other of this.tasks.queueNames()) {
      if (other !== queueName) await this.tasks.queue(other).removeJobScheduler(id);
    }
    const { data, opts } = this.tasks.jobTemplate(type, input, options);
    await this.tasks.queue(queueName).upsertJobScheduler(
      id,
      'cron' in repeat ? { pattern: repeat.cron, tz: repeat.timezone } : { every: repeat.everyMs },
      { name: type.name, data, opts },
    );
    const stored = await this.get(id);
    if (!stored) throw new Error(`Schedule "${id}" vanished right after it was saved`);
    return stored;
  }

  async get(id: string): Promise<ScheduleRecord | null> {
    for (const queue of this.tasks.queueNames()) {
      const scheduler = await this.tasks.queue(queue).getJobScheduler(id);
      if (scheduler) return toScheduleRecord(queue, scheduler);
    }
    return null;
  }

  async list(): Promise<ScheduleRecord[]> {
    const all = await Promise.all(
      this.tasks.queueNames().map(async (queue) =>
        (await this.tasks.queue(queue).getJobSchedulers(0, -1, true)).map((s) => toScheduleRecord(queue, s)),
      ),
    );
    return all.flat().sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Removes the schedule and its pending next task; false when there was none. */
  async remove(id: string): Promise<boolean> {
    const removed = await Promise.all(this.tasks.queueNames().map((queue) => this.tasks.queue(queue).removeJobScheduler(id)));
    if (removed.includes(true)) await this.tasks.redis.hdel(taskqlKeys(this.tasks.prefix).scheduleLastTask, id);
    return removed.includes(true);
  }

  /** The id of the last task a worker started for the schedule. */
  async lastTaskId(id: string): Promise<string | null> {
    return this.tasks.redis.hget(taskqlKeys(this.tasks.prefix).scheduleLastTask, id);
  }
}

function toScheduleRecord(queue: string, scheduler: JobSchedulerJson<TaskJobData>): ScheduleRecord {
  return {
    id: scheduler.key,
    name: scheduler.name,
    queue,
    input: scheduler.template?.data?.input ?? {},
    cron: scheduler.pattern ?? null,
    everyMs: scheduler.every ?? null,
    timezone: scheduler.tz ?? null,
    nextRunAt: scheduler.next ? new Date(scheduler.next) : null,
  };
}
