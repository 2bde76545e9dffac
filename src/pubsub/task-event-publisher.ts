import type { RedisClient } from '../redis/connections.ts';
import type { PUBLISH_EVENT_ARGS } from '../redis/scripts.ts';
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
 * Events sent in one Lua call at most. While a call runs, Redis runs nothing else, so the
 * worker's own moves (BullMQ's, which hand it its next tasks) wait behind it: in
 * bench/redis-commands.ts (30,000 no-ops at concurrency 32), 8 drained fastest, 16 no faster,
 * and 64 slower than a call per event.
 */
const MAX_BATCH = 8;

interface PendingEvent {
  keys: [jobKey: string, runtimes: string, timeline: string];
  args: readonly string[];
  resolve: (answer: { cancelRequested: boolean }) => void;
  reject: (error: unknown) => void;
}

/**
 * Publishes task events from the worker. A Lua call stores each event (progress, the worker, the
 * event sequence number, final-state stats, the task's timeline entries) and PUBLISHes it on the
 * task's channel and the global feed, so subscribers never see an event the store lacks.
 *
 * The events of one pass of the event loop go in one call (up to MAX_BATCH): a worker running 32
 * tasks at once finishes several per pass, and a call per event cost the worker more CPU (the
 * command, its write, its reply) and Redis more (a script run per call). Each event still waits
 * no longer than the rest of the pass, and the events keep their order: a batch holds them in
 * the order they were published (PUBLISH_EVENT_ARGS arguments each), and batches go
 * out in order on the one connection.
 */
export class TaskEventPublisher {
  readonly #keys;
  readonly #timelineSeconds: string;
  #batch: PendingEvent[] = [];
  #scheduled = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    /** How long finished tasks are kept, in seconds: their timelines are kept a little longer. */
    retentionSeconds = 86_400,
  ) {
    this.#timelineSeconds = String(timelineSeconds(retentionSeconds));
    this.#keys = taskqlKeys(prefix);
  }

  /**
   * Publishes the event; answers whether cancelTask has marked the task meanwhile. `started`: a
   * STARTED event not yet published, published first in the same call (see StartedEvent).
   */
  publish(
    task: TaskAddress,
    event: Omit<TaskEvent, 'seq'>,
    extra: { workerId?: string; runtimeMs?: number; started?: Omit<TaskEvent, 'seq'>; timeline?: TimelineEntry[] } = {},
  ): Promise<{ cancelRequested: boolean }> {
    const final = event.state !== undefined && isTerminal(event.state);
    const counted = final ? finishedFields(task.name, event.state!, extra.runtimeMs) : undefined;
    const worker = extra.workerId ? { worker: extra.workerId } : {};
    const args = [
      topics.taskUpdated(this.prefix, task.id),
      JSON.stringify(extra.workerId && !extra.started ? { ...event, ...worker } : event),
      event.progress ? JSON.stringify(event.progress) : '',
      JSON.stringify(feedTask(task)).slice(1, -1),
      extra.workerId ?? '',
      counted?.outcome ?? '',
      final && extra.runtimeMs !== undefined ? String(extra.runtimeMs) : '',
      task.id,
      counted?.runtime?.bucket ?? '',
      counted?.runtime?.sum ?? '',
      extra.started ? JSON.stringify({ ...extra.started, ...worker }) : '',
      extra.timeline?.map((entry) => JSON.stringify(entry)).join('\n') ?? '',
      // As many as the script reads per event: checked when compiled.
    ] as const satisfies { length: typeof PUBLISH_EVENT_ARGS };
    return new Promise((resolve, reject) => {
      this.#batch.push({ keys: [task.jobKey, this.#keys.runtimes(task.name), this.#keys.timeline(task.id)], args, resolve, reject });
      if (this.#batch.length >= MAX_BATCH) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(this.#flushScheduled);
      }
    });
  }

  readonly #flushScheduled = (): void => {
    this.#scheduled = false;
    this.#flush();
  };

  #flush(): void {
    const batch = this.#batch;
    if (batch.length === 0) return;
    this.#batch = [];
    const keys = [this.#keys.statsMinute(minuteOf(Date.now())), this.#keys.statsTotal, this.#keys.awaitingWorker, this.#keys.tasksByRuntime];
    const args = [topics.taskFeed(this.prefix), this.#timelineSeconds, String(TIMELINE_LENGTH)];
    for (const event of batch) {
      keys.push(...event.keys);
      args.push(...event.args);
    }
    this.redis.tqPublishTaskEvents(keys.length, ...keys, ...args).then(
      (answers) => batch.forEach((event, i) => event.resolve({ cancelRequested: answers[2 * i + 1] != null })),
      (error: unknown) => batch.forEach((event) => event.reject(error)),
    );
  }
}
