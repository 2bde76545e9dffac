import type { Redis } from 'ioredis';
import type { TaskEvent } from '../queue/task-record.ts';
import { topics } from './topics.ts';

/** Where a task lives: enough to address its hash and its channel. */
export interface TaskAddress {
  /** The BullMQ job hash key (`queue.toKey(id)`). */
  jobKey: string;
  id: string;
}

/**
 * Publishes task events from the worker. One Lua call per event stores it (progress, the
 * event sequence number) and PUBLISHes it, so subscribers never see an event the store lacks.
 */
export class TaskEventPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Publishes the event; answers whether cancelTask has marked the task meanwhile. */
  async publish(task: TaskAddress, event: Omit<TaskEvent, 'seq'>): Promise<{ cancelRequested: boolean }> {
    const progress = event.progress ? JSON.stringify(event.progress) : '';
    const channel = topics.taskUpdated(this.prefix, task.id);
    const [, cancel] = await this.redis.tqPublishTaskEvent(task.jobKey, channel, JSON.stringify(event), progress);
    return { cancelRequested: cancel !== null };
  }
}
