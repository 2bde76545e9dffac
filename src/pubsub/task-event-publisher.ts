import type { RedisClient } from '../redis/connections.ts';
import { minuteOf, taskqlKeys } from '../queue/keys.ts';
import { isTerminal, type TaskEvent } from '../queue/task-record.ts';
import { TIMELINE_LENGTH, timelineSeconds, type TimelineEntry } from '../queue/task-timeline.ts';
import { finishedFields } from '../queue/task-stats.ts';
import { feedTask, topics } from '../queue/topics.ts';

/** Which task an event is about: enough to address its hash, its channel and its stats. */
export interface TaskAddress {
  /** The BullMQ job hash key (`queue.toKey(id)`). */
  jobKey: string;
  id: string;
  /** Its task type. */
  name: string;
  queue: string;
  /** The API token (name) that owns it. */
  owner?: string;
}

/**
 * Publishes task events from the worker. One Lua call per event stores it (progress, the
 * worker, the event sequence number, final-state stats, the task's timeline entry) and PUBLISHes it on the task's
 * channel and the global feed, so subscribers never see an event the store lacks.
 */
export class TaskEventPublisher {
  readonly #keys;
  private readonly timelineSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    /** How long finished tasks are kept, in seconds: their timelines are kept a little longer. */
    retentionSeconds = 86_400,
  ) {
    this.timelineSeconds = timelineSeconds(retentionSeconds);
    this.#keys = taskqlKeys(prefix);
  }

  /**
   * Publishes the event; answers whether cancelTask has marked the task meanwhile. `started`: a
   * STARTED event not yet published, published first in the same call (see StartedEvent).
   */
  async publish(
    task: TaskAddress,
    event: Omit<TaskEvent, 'seq'>,
    extra: { workerId?: string; runtimeMs?: number; started?: Omit<TaskEvent, 'seq'>; timeline?: TimelineEntry[] } = {},
  ): Promise<{ cancelRequested: boolean }> {
    const final = event.state !== undefined && isTerminal(event.state);
    const counted = final ? finishedFields(task.name, event.state!, extra.runtimeMs) : undefined;
    const worker = extra.workerId ? { worker: extra.workerId } : {};
    const [, cancel] = await this.redis.tqPublishTaskEvent(
      task.jobKey,
      this.#keys.statsMinute(minuteOf(Date.now())),
      this.#keys.runtimes(task.name),
      this.#keys.awaitingWorker,
      this.#keys.statsTotal,
      this.#keys.timeline(task.id),
      this.#keys.tasksByRuntime,
      topics.taskUpdated(this.prefix, task.id),
      JSON.stringify(extra.workerId && !extra.started ? { ...event, ...worker } : event),
      event.progress ? JSON.stringify(event.progress) : '',
      topics.taskFeed(this.prefix),
      JSON.stringify(feedTask(task)).slice(1, -1),
      extra.workerId ?? '',
      counted?.outcome ?? '',
      final && extra.runtimeMs !== undefined ? String(extra.runtimeMs) : '',
      task.id,
      counted?.runtime?.bucket ?? '',
      counted?.runtime?.sum ?? '',
      extra.started ? JSON.stringify({ ...extra.started, ...worker }) : '',
      extra.timeline?.map((entry) => JSON.stringify(entry)).join('\n') ?? '',
      this.timelineSeconds,
      TIMELINE_LENGTH,
    );
    return { cancelRequested: cancel !== null };
  }
}
