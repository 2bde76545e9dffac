import type { RedisClient } from '../redis/connections.ts';
import type { FINISH_UNWATCHED_ARGS, PUBLISH_EVENT_ARGS } from '../redis/scripts.ts';
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
/** Final events asked about at most in one call (FINISH_UNWATCHED: lighter per task than a publish). */
const MAX_FINISH_BATCH = 32;

/**
 * Once Redis has said that the live feed is watched, final events are published without asking
 * again for this long (ms): with a dashboard open, a call per pass that only hears "publish them
 * all" would be waste.
 */
const FEED_WATCHED_RECHECK_MS = 1000;

type Extra = { workerId?: string; runtimeMs?: number; started?: Omit<TaskEvent, 'seq'>; timeline?: TimelineEntry[] };

interface PendingFinish {
  task: TaskAddress;
  event: Omit<TaskEvent, 'seq'>;
  extra: Extra;
  keys: [jobKey: string, runtimes: string];
  args: readonly string[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

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
  #finishing: PendingFinish[] = [];
  /** Until when (ms) final events are published without asking whether they are watched. */
  #feedWatchedUntil = 0;
  #scheduled = false;
  /** Lua calls sent and not answered yet. */
  readonly #inFlight = new Set<Promise<unknown>>();

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
    extra: Extra = {},
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
      else this.#schedule();
    });
  }

  /**
   * The final SUCCESS of a first attempt that ended before its STARTED went out (`extra.started`):
   * published only if someone watches the task or the live feed, else only stored and counted
   * (see FINISH_UNWATCHED). Nobody can have seen anything of such a task but its snapshot, and a
   * subscriber's snapshot read marks it watched; so a short task nobody follows costs its worker
   * no event to build and Redis no PUBLISH, sequence number or timeline to keep. Resolves once
   * Redis has it (published or not).
   */
  finish(task: TaskAddress, event: Omit<TaskEvent, 'seq'> & { state: 'SUCCESS' }, extra: Extra & { workerId: string; started: Omit<TaskEvent, 'seq'> }): Promise<void> {
    if (Date.now() < this.#feedWatchedUntil) return this.publish(task, event, extra).then(() => undefined);
    const counted = finishedFields(task.name, event.state, extra.runtimeMs)!;
    const args = [
      task.id,
      counted.outcome,
      extra.runtimeMs === undefined ? '' : String(extra.runtimeMs),
      counted.runtime?.bucket ?? '',
      counted.runtime?.sum ?? '',
      // As many as the script reads per task: checked when compiled.
    ] as const satisfies { length: typeof FINISH_UNWATCHED_ARGS };
    return new Promise((resolve, reject) => {
      this.#finishing.push({ task, event, extra, keys: [task.jobKey, this.#keys.runtimes(task.name)], args, resolve, reject });
      if (this.#finishing.length >= MAX_FINISH_BATCH) this.#flushFinishing();
      else this.#schedule();
    });
  }

  /**
   * Resolves once what was handed to this publisher before the call has been answered by Redis
   * (stored or failed), with the events of the tasks a finished-event call answered as watched.
   * What comes meanwhile (a handler that ignored its abort, still reporting) is not waited for.
   */
  async settled(): Promise<void> {
    // Two rounds: what is pending, then the watched tasks' events the first round's answers queued.
    for (let round = 0; round < 2; round++) {
      this.#flush();
      this.#flushFinishing();
      await Promise.allSettled(this.#inFlight);
    }
  }

  /** Keeps `call` in #inFlight until Redis answers it. */
  #sent<T>(call: Promise<T>): Promise<T> {
    const done = () => void this.#inFlight.delete(call);
    this.#inFlight.add(call);
    call.then(done, done);
    return call;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(this.#flushScheduled);
  }

  readonly #flushScheduled = (): void => {
    this.#scheduled = false;
    this.#flush();
    this.#flushFinishing();
  };

  #flushFinishing(): void {
    const batch = this.#finishing;
    if (batch.length === 0) return;
    this.#finishing = [];
    const k = this.#keys;
    const keys = [k.statsMinute(minuteOf(Date.now())), k.statsTotal, k.feedWatched, k.tasksByRuntime, k.watchMarks];
    const args: string[] = [];
    for (const finish of batch) {
      keys.push(...finish.keys);
      args.push(...finish.args);
    }
    this.#sent(this.redis.tqFinishUnwatched(keys.length, ...keys, ...args)).then(
      (watched) => {
        const feedWatched = watched[0] === -1;
        if (feedWatched) this.#feedWatchedUntil = Date.now() + FEED_WATCHED_RECHECK_MS;
        const loud = new Set(feedWatched ? batch : watched.map((i) => batch[i]!));
        for (const finish of batch) {
          if (loud.has(finish)) this.publish(finish.task, finish.event, finish.extra).then(() => finish.resolve(), finish.reject);
          else finish.resolve();
        }
      },
      (error: unknown) => batch.forEach((finish) => finish.reject(error)),
    );
  }

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
    this.#sent(this.redis.tqPublishTaskEvents(keys.length, ...keys, ...args)).then(
      (answers) => batch.forEach((event, i) => event.resolve({ cancelRequested: answers[2 * i + 1] != null })),
      (error: unknown) => batch.forEach((event) => event.reject(error)),
    );
  }
}
