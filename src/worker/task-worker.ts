import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { isRedisUnavailableError, type RedisClient } from '../redis/connections.ts';
import { hostname } from 'node:os';
import { DEFAULTS } from '../config.ts';
import { taskLogger, type Logger } from '../logger.ts';
import { TaskEventPublisher, type TaskAddress } from '../pubsub/task-event-publisher.ts';
import { trimStack, type TaskJobData, type TaskState } from '../queue/task-record.ts';
import type { TimelineEntry } from '../queue/task-timeline.ts';
import type { TaskStore } from '../queue/task-store.ts';
import { newWorkerId, WorkerHeartbeat } from './heartbeat.ts';
import { StartedEvent } from './started-event.ts';
import { watchCancelMarks } from './cancel-marks.ts';
import { handBack, offerAwaiting } from './hand-back.ts';
import { subscribeCancelRequests } from '../pubsub/cancel-requests.ts';
import { TASKQL_FIELDS } from '../redis/fields.ts';
import { taskqlKeys } from '../queue/keys.ts';
import { OwnerLimits } from '../queue/owner-limits.ts';
import { CANCELLED_MESSAGE, RevokedError, type AnyTaskType, type TaskContext, type TaskRegistry } from '../tasks/index.ts';
import { checkedProgressData, checkedResult } from '../tasks/contract-checks.ts';
import { traceAttempt } from '../telemetry/task-tracing.ts';
import { AttemptAbort, toError } from './attempt-abort.ts';

export interface TaskWorkerSettings {
  /** A `worker` connection (see createRedis); BullMQ adds its own blocking connections. */
  redis: RedisClient;
  /** A `subscriber` connection, for cancel requests. */
  subscriber: RedisClient;
  /** To revoke workflow steps that can no longer run. */
  store: TaskStore;
  prefix: string;
  /** Task types with handlers (see TaskRegistry.withHandlers). */
  registry: TaskRegistry<AnyTaskType>;
  log: Logger;
  /**
   * Tasks run at the same time, per queue.
   * @defaultValue DEFAULTS.CONCURRENCY (config.ts)
   */
  concurrency?: number;
  /**
   * Queues to take tasks from.
   * @defaultValue every queue of the registry
   */
  queues?: readonly string[];
  /** @defaultValue HEARTBEAT_MS */
  heartbeatMs?: number;
  /**
   * How long a hold on a running task lasts without renewal (BullMQ's lockDuration).
   * @defaultValue DEFAULTS.LOCK_DURATION_MS
   */
  lockDurationMs?: number;
  /**
   * How often to look for tasks whose worker died (BullMQ's stalledInterval).
   * @defaultValue DEFAULTS.STALLED_INTERVAL_MS
   */
  stalledIntervalMs?: number;
  /**
   * On stop, how long running tasks may go on before they are aborted and put back in their
   * queue for another worker, in milliseconds.
   * @defaultValue DEFAULTS.SHUTDOWN_GRACE_MS
   */
  shutdownGraceMs?: number;
  /**
   * Largest `data` of one ctx.progress report (as JSON), in bytes (MAX_PROGRESS_DATA_BYTES).
   * @defaultValue DEFAULTS.MAX_PROGRESS_DATA_BYTES
   */
  maxProgressDataBytes?: number;
  /**
   * How long a task runs before its STARTED event is published on its own, in ms (see
   * StartedEvent: one that ends sooner sends it with its final event).
   * @defaultValue STARTED_EVENT_DELAY_MS
   */
  startedEventDelayMs?: number;
}

/**
 * A task whose owner has as many running as its maxRunning limit waits this long (plus up to
 * half again, so deferred tasks do not come back together) before a worker tries it again.
 */
export const OWNER_SLOT_RETRY_MS = 1000;

/** Why a running attempt aborted. */
const SHUTDOWN = 'worker shutting down';
const REVOKE = 'revoked by cancelTask';

/** Runs task handlers: one BullMQ Worker per queue, publishing every change of every task that anyone may see. */
export class TaskWorker {
  readonly #settings: TaskWorkerSettings;
  readonly #publisher: TaskEventPublisher;
  readonly #workers: Worker<TaskJobData>[] = [];
  /** Per worker: was a job cancel-marked when taken (see watchCancelMarks)? */
  readonly #cancelMarks = new Map<Worker, { marked(jobId: string): boolean }>();
  readonly #heartbeat: WorkerHeartbeat;
  readonly #counts = { active: 0, processed: 0, failed: 0 };
  readonly #startedAt = Date.now();
  /** This worker process, as heartbeats and tasks name it. */
  readonly id = newWorkerId();
  #stopping: Promise<void> | undefined;
  readonly #limits: OwnerLimits;
  /** Owner slots this process holds (task id → owner), renewed while their tasks run. */
  readonly #slots = new Map<string, string>();
  #renewing: NodeJS.Timeout | undefined;
  /** Task types met that this worker does not know (each is logged once). */
  readonly #unknownTypes = new Set<string>();
  /** Running tasks' STARTED events not yet published (see StartedEvent), by job. */
  readonly #started = new WeakMap<Job, StartedEvent>();
  /** How to stop each running attempt, and its BullMQ worker, by task id. */
  readonly #running = new Map<string, { abort: AttemptAbort; worker: Worker }>();
  /** The trace id of each attempt's span (while an SDK records), for the log lines about it. */
  readonly #traceIds = new WeakMap<Job, string>();

  constructor(settings: TaskWorkerSettings) {
    this.#settings = settings;
    this.#limits = new OwnerLimits(settings.redis, settings.prefix);
    this.#publisher = new TaskEventPublisher(settings.redis, settings.prefix, settings.store.retentionSeconds);
    this.#heartbeat = new WorkerHeartbeat(
      settings.redis,
      settings.prefix,
      () => ({
        id: this.id,
        hostname: hostname(),
        pid: process.pid,
        queues: [...this.#queues()],
        taskTypes: this.#taskTypes(),
        concurrency: this.#settings.concurrency ?? DEFAULTS.CONCURRENCY,
        ...this.#counts,
        startedAt: this.#startedAt,
      }),
      settings.log,
      settings.heartbeatMs,
      // With each heartbeat: tasks that other workers handed back and this one can run.
      () =>
        offerAwaiting(settings.store, ({ name, queue }) => this.#queues().includes(queue) && settings.registry.get(name) !== undefined, settings.log).then(() => undefined),
    );
  }

  /** The task types this worker runs: those of the registry on the queues it serves. */
  #taskTypes(): string[] {
    const queues = this.#queues();
    return this.#settings.registry
      .list()
      .filter((type) => queues.includes(type.defaults.queue))
      .map((type) => type.name);
  }

  #queues(): readonly string[] {
    return this.#settings.queues ?? this.#settings.registry.queueNames();
  }

  async start(): Promise<void> {
    const { registry, redis, prefix, log } = this.#settings;
    const queues = this.#queues();
    const unknown = queues.filter((queue) => !registry.queueNames().includes(queue));
    if (unknown.length > 0) {
      throw new Error(`No task type uses queue "${unknown.join('", "')}". Queues: ${registry.queueNames().join(', ')}.`);
    }
    for (const queue of queues) {
      const limit = registry.rateLimit(queue);
      const worker: Worker<TaskJobData> = new Worker<TaskJobData>(
        queue,
        // Two parameters: BullMQ then makes no AbortController per job (see AttemptAbort).
        (job, token) => this.#process(worker, job, token),
        {
          connection: redis,
          prefix,
          // BullMQ stores it as the job's processedBy when it hands the job over (no write of
          // taskql's): the task's worker when no event of the attempt went out (see job-hash.ts).
          name: this.id,
          concurrency: this.#settings.concurrency ?? DEFAULTS.CONCURRENCY,
          autorun: false,
          lockDuration: this.#settings.lockDurationMs ?? DEFAULTS.LOCK_DURATION_MS,
          stalledInterval: this.#settings.stalledIntervalMs ?? DEFAULTS.STALLED_INTERVAL_MS,
          ...(limit && { limiter: { max: limit.max, duration: limit.durationMs } }),
        },
      );
      this.#cancelMarks.set(worker, watchCancelMarks(worker));
      worker.on('completed', (job, result) => {
        this.#counts.processed++;
        void this.#emit(worker, job, { state: 'SUCCESS', result: result ?? null, startedAt: job.processedOn, finishedAt: job.finishedOn });
      });
      worker.on('failed', (job, error) => {
        if (!job || error instanceof WaitingError) return;
        if (job.finishedOn) this.#counts.failed++;
        const published = this.#emit(worker, job, {
          // BullMQ sets finishedOn only when no attempt is left.
          state: error instanceof RevokedError ? 'REVOKED' : job.finishedOn ? 'FAILURE' : 'RETRY',
          error: { name: error.name, message: error.message },
          startedAt: job.processedOn,
          finishedAt: job.finishedOn,
        });
        // Once the failure itself is out: a workflow's watchers must see why before they see
        // the consequences (on a Redis Cluster, two commands are not ordered by the connection).
        if (job.finishedOn) void published.then(() => this.#revokeDependents(job, error));
      });
      worker.on('error', (error) => {
        // Redis going away is said once per outage by the connection itself (createRedis); BullMQ
        // reports it again for each queue's worker at every reconnect attempt.
        if (isRedisUnavailableError(error)) log.debug({ err: error, queue }, 'worker error: Redis unavailable');
        else log.error({ err: error, queue }, 'worker error');
      });
      this.#workers.push(worker);
    }
    await Promise.all(this.#workers.map((worker) => worker.waitUntilReady()));
    // Only the worker process that runs the task finds it.
    await subscribeCancelRequests(
      this.#settings.subscriber,
      prefix,
      (taskId) => this.#running.get(taskId)?.abort.abort(REVOKE),
      () => void this.#revokeMarked(),
    );
    for (const worker of this.#workers) {
      worker.run().catch((error: unknown) => log.error({ err: error, queue: worker.name }, 'worker stopped running'));
    }
    await this.#heartbeat.start();
    const leaseMs = this.#leaseMs();
    this.#renewing = setInterval(() => {
      if (this.#slots.size === 0) return;
      const held = [...this.#slots].map(([id, owner]) => ({ id, owner }));
      this.#limits.renew(held, leaseMs).catch((error: unknown) => log.warn({ err: error }, 'could not renew owner slots'));
    }, leaseMs / 2);
    this.#renewing.unref();
    log.info({ id: this.id, queues, concurrency: this.#settings.concurrency ?? DEFAULTS.CONCURRENCY }, 'worker started');
  }

  /**
   * Stops taking tasks and lets running ones finish; after the grace period the rest are
   * aborted and put back in their queues (no task is left locked). Resolves once the events of
   * the tasks it ran are in Redis.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const grace = setTimeout(() => {
        for (const { abort } of this.#running.values()) abort.abort(SHUTDOWN);
      }, this.#settings.shutdownGraceMs ?? DEFAULTS.SHUTDOWN_GRACE_MS);
      await Promise.all(this.#workers.map((worker) => worker.close()));
      // The events of the tasks it finished, stored before its connection goes.
      await this.#publisher.settled();
      clearTimeout(grace);
      clearInterval(this.#renewing);
      await this.#heartbeat.stop();
      this.#settings.log.info('worker stopped');
    })();
    return this.#stopping;
  }

  #leaseMs(): number {
    return this.#settings.lockDurationMs ?? DEFAULTS.LOCK_DURATION_MS;
  }

  async #process(worker: Worker, job: Job<TaskJobData>, token?: string): Promise<unknown> {
    const abort = new AttemptAbort();
    const running = { abort, worker };
    this.#running.set(job.id!, running);
    try {
      return await this.#runInOwnerSlot(worker, job, abort, token);
    } finally {
      abort.end();
      if (this.#running.get(job.id!) === running) this.#running.delete(job.id!);
    }
  }

  /**
   * Revokes the running tasks that cancelTask marked: after cancel requests may have been missed
   * (see subscribeCancelRequests). One round trip, for the tasks this process runs.
   */
  async #revokeMarked(): Promise<void> {
    const running = [...this.#running];
    if (running.length === 0) return;
    try {
      const pipeline = this.#settings.redis.pipeline();
      for (const [id, { worker }] of running) pipeline.hget(worker.toKey(id), TASKQL_FIELDS.cancelRequested);
      const marks = (await pipeline.exec()) ?? [];
      running.forEach(([, { abort }], i) => marks[i]?.[1] && abort.abort(REVOKE));
    } catch (error) {
      this.#settings.log.warn({ err: error }, 'could not read the cancel marks of running tasks');
    }
  }

  async #runInOwnerSlot(worker: Worker, job: Job<TaskJobData>, abort: AttemptAbort, token?: string): Promise<unknown> {
    const { owner, ownerMaxRunning } = job.data;
    const limited = owner !== undefined && ownerMaxRunning !== undefined && token !== undefined;
    if (limited) {
      // The owner's other tasks hold every slot it may use: back to wait a little, so this
      // worker's slot goes to someone else's task meanwhile.
      const id = job.id!;
      if (!(await this.#limits.take(owner, worker.toKey(id), id, ownerMaxRunning, this.#leaseMs()))) {
        await job.moveToDelayed(Date.now() + OWNER_SLOT_RETRY_MS * (1 + Math.random() / 2), token);
        throw new DelayedError();
      }
      this.#slots.set(id, owner);
    }
    this.#counts.active++;
    try {
      return await this.#run(worker, job, abort, token);
    } finally {
      this.#counts.active--;
      if (limited) {
        this.#slots.delete(job.id!);
        await this.#limits.release(owner, job.id!).catch((error: unknown) => this.#logOf(job).warn({ err: error }, 'could not release an owner slot'));
      }
    }
  }

  async #run(worker: Worker, job: Job<TaskJobData>, abort: AttemptAbort, token?: string): Promise<unknown> {
    const address = addressOf(worker, job);
    const type = this.#settings.registry.get(job.name);
    if (!type) throw await this.#handBack(job, address, token);
    const { previous, given } = await inputOf(job);
    const input = type.input.safeParse(given);
    if (!input.success) throw new UnrecoverableError(`Invalid input: ${input.error.message}`);

    if (job.repeatJobKey && job.attemptsStarted === 1) {
      // BullMQ created this task for a schedule: record it and list it. Fire and forget: on
      // this connection it goes out right before the STARTED event.
      const { redis, prefix, store } = this.#settings;
      redis.hset(taskqlKeys(prefix).scheduleLastTask, job.repeatJobKey, address.id).catch(() => 0);
      store.index.add({ id: address.id, name: job.name, createdAt: job.timestamp }).catch(() => 0);
    }
    // Cancelled while no worker held it (e.g. picked up again after its worker died).
    if (this.#cancelMarks.get(worker)?.marked(address.id)) throw await this.#revoked(address);
    // Not awaited: the handler starts at once; STARTED goes out before any later event of the task.
    const started = new StartedEvent(
      { state: 'STARTED', attempts: job.attemptsStarted, startedAt: job.processedOn },
      (event) => this.#publishStarted(job, address, event, abort),
      this.#settings.startedEventDelayMs,
    );
    this.#started.set(job, started);
    abort.limitTo(job.data.timeoutMs);
    const attempt = traceAttempt(job.data.traceContext, { id: address.id, name: job.name, queue: worker.name, attempt: job.attemptsStarted, workerId: this.id });
    if (attempt.traceId) this.#traceIds.set(job, attempt.traceId);
    const ctx: TaskContext = {
      id: address.id,
      attempt: job.attemptsStarted,
      get signal() {
        return abort.signal;
      },
      previous,
      progress: async (percent, message, data) => {
        const checked = data === undefined ? undefined : checkedProgressData(type, data, this.#settings.maxProgressDataBytes ?? DEFAULTS.MAX_PROGRESS_DATA_BYTES);
        const clamped = Math.min(100, Math.max(0, percent));
        started.send();
        attempt.progress(percent, message);
        await this.#publisher.publish(
          address,
          { progress: { percent: clamped, message: message ?? null, ...(checked !== undefined && { data: checked }) } },
          // Reports with a message are part of the task's story; bare percentages are not kept.
          message ? { timeline: [{ ...this.#entry(job, 'STARTED'), note: message, percent: clamped }] } : {},
        );
      },
      log: async (line) => {
        started.send();
        await job.log(line);
        await this.#publisher.publish(address, { log: line });
      },
    };
    try {
      // A handler that ignores its signal still gives its slot back when the signal aborts.
      // The type's word to clients: a result its schema refuses is a failure, not a typed lie.
      const handler = async () => checkedResult(type, await Promise.race([type.run(input.data, ctx), abort.rejection()]));
      return await attempt.run(handler, (error) => (abort.aborted ? abort.reason : error));
    } catch (error) {
      if (abort.reason === SHUTDOWN && token) {
        await job.moveToWait(token);
        void this.#emit(worker, job, { state: 'PENDING' });
        throw new WaitingError();
      }
      if (abort.reason === REVOKE) throw await this.#revoked(address);
      // Once the signal has aborted, its reason (e.g. TimeoutError) is the cause, whatever the
      // handler threw on the way out (usually an AbortError).
      const failure = toError(abort.aborted ? abort.reason : error);
      // BullMQ stores the stack as it is: trimmed first, so a huge one costs no memory.
      try {
        if (failure.stack) failure.stack = trimStack(failure.stack);
      } catch {
        // A read-only stack stays as it is.
      }
      this.#logOf(job).warn({ err: failure }, 'task attempt failed');
      await this.#settings.redis.hset(address.jobKey, TASKQL_FIELDS.errorName, failure.name);
      throw failure;
    }
  }

  /**
   * A task of a type this worker does not know (a mixed fleet, e.g. mid-deploy): not failed, but
   * handed back uncounted for a worker that knows it (see hand-back.ts). No STARTED is published.
   */
  async #handBack(job: Job<TaskJobData>, address: TaskAddress, token: string | undefined): Promise<Error> {
    const { redis, prefix, log } = this.#settings;
    if (!this.#unknownTypes.has(job.name)) {
      this.#unknownTypes.add(job.name);
      log.warn({ name: job.name, queue: address.queue }, `task type "${job.name}" is unknown to this worker: its tasks are left to a worker that knows it`);
    }
    if (!token) return new UnrecoverableError(`Unknown task type "${job.name}"`);
    const outcome = await handBack(redis, prefix, job, address.jobKey, token, this.#logOf(job));
    return outcome === 'revoke' ? this.#revoked(address) : outcome;
  }

  /** A workflow step has failed for good, or was revoked: the steps that needed it cannot run. */
  async #revokeDependents(job: Job<TaskJobData>, error: Error): Promise<void> {
    const what = error instanceof RevokedError ? 'was revoked' : `failed: ${error.message}`;
    try {
      await this.#settings.store.revokeDependents(job.data.workflow?.dependents ?? [], `Step "${job.name}" (${job.id}) ${what}`);
    } catch (failure) {
      this.#logOf(job).error({ err: failure }, 'could not revoke the steps after a failed one');
    }
  }

  /** Marks the task revoked; the error thrown then ends it at once (it is not retryable). */
  async #revoked(address: TaskAddress): Promise<RevokedError> {
    const { errorName, revoked } = TASKQL_FIELDS;
    await this.#settings.redis.hset(address.jobKey, errorName, RevokedError.name, revoked, '1');
    return new RevokedError(CANCELLED_MESSAGE);
  }

  /** A logger for lines about this attempt of `job`: task id, type, attempt and trace id (when traced). */
  #logOf(job: Job): Logger {
    return taskLogger(this.#settings.log, { taskId: job.id!, taskType: job.name, attempt: job.attemptsStarted, traceId: this.#traceIds.get(job) });
  }

  /** A state change of this worker's, as the task's timeline keeps it (sent with the event itself). */
  #entry(job: Job, state: TaskState, at = Date.now(), error?: { name: string; message: string }): TimelineEntry {
    return { state, at, attempt: job.attemptsStarted, worker: this.id, ...(error && { note: `${error.name}: ${error.message}` }) };
  }

  /**
   * A STARTED event on its own (see StartedEvent). Its answer comes after the handler started:
   * a cancel mark set meanwhile (the cancel request to workers may have come before this worker
   * held the task) aborts it as cancelTask's request would have.
   */
  #publishStarted(job: Job, address: TaskAddress, event: StartedEvent['event'], abort: AttemptAbort): void {
    this.#publisher
      .publish(address, event, { workerId: this.id, timeline: [this.#entry(job, 'STARTED', job.processedOn)] })
      .then(({ cancelRequested }) => cancelRequested && abort.abort(REVOKE))
      .catch((error: unknown) => this.#logOf(job).warn({ err: error }, 'could not publish task event'));
  }

  /**
   * Publishes, with the task's STARTED first when it has not gone out yet (in the same Lua
   * call); resolves once Redis has it and never rejects (a failure is logged), so a caller may
   * wait for it or not (`void`): the connection keeps events in order either way. The task's
   * timeline gets the same changes in that call.
   */
  #emit(worker: Worker, job: Job, event: Parameters<TaskEventPublisher['publish']>[1]): Promise<void> {
    const attempts = event.attempts ?? job.attemptsStarted;
    const runtimeMs = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined;
    const started = this.#started.get(job)?.take();
    this.#started.delete(job);
    // An attempt that succeeded before its STARTED went out (no progress, no log line) has no
    // story beyond the task's own fields: its two entries are not stored, and the reader writes
    // them from the task (getTaskTimeline). That saves each such task a Redis list, its expiry
    // and two writes, at every rate a short task runs at.
    const implied = started && event.state === 'SUCCESS';
    const timeline = implied
      ? []
      : [...(started ? [this.#entry(job, 'STARTED', job.processedOn)] : []), ...(event.state ? [this.#entry(job, event.state, event.finishedAt, event.error)] : [])];
    const address = addressOf(worker, job);
    // Nothing of its first attempt went out: published only if someone watches it (see finish).
    const published =
      implied && attempts === 1
        ? this.#publisher.finish(address, { ...event, state: 'SUCCESS', attempts }, { runtimeMs, started, workerId: this.id, timeline })
        : this.#publisher.publish(address, { ...event, attempts }, started ? { runtimeMs, started, workerId: this.id, timeline } : { runtimeMs, timeline });
    return published.then(
      () => undefined,
      (error: unknown) => this.#logOf(job).warn({ err: error }, 'could not publish task event'),
    );
  }
}

const addressOf = (worker: Worker, job: Job<TaskJobData>): TaskAddress => ({
  jobKey: worker.toKey(job.id!),
  id: job.id!,
  name: job.name,
  queue: worker.name,
  owner: job.data.owner,
});

/**
 * The input a handler gets, and ctx.previous: a workflow step that waits for others gets
 * their results (one for a chain step, the list in step order for a chord callback), and, when
 * it names a field (previousResultAs), that field of its input is set to them.
 */
async function inputOf(job: Job<TaskJobData>): Promise<{ given: unknown; previous?: unknown }> {
  const step = job.data.workflow;
  if (!step?.children?.length) return { given: job.data.input };
  const values = await job.getChildrenValues();
  const results = step.children.map((key) => values[key] ?? null);
  const previous = step.receives === 'one' ? results[0] : results;
  if (!step.previousResultAs) return { given: job.data.input, previous };
  const base = typeof job.data.input === 'object' && job.data.input !== null ? job.data.input : {};
  // Defined as an own data property (fromEntries), never assigned: no key can reach a prototype.
  return { given: Object.fromEntries([...Object.entries(base), [step.previousResultAs, previous]]), previous };
}

