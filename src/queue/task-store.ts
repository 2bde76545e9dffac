import { randomUUID } from 'node:crypto';
import { ErrorCode, Job, Queue } from 'bullmq';
import { v5 as uuidv5 } from 'uuid';
import type { RedisClient } from '../redis/connections.ts';
import { DEFAULTS } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { TaskContract } from '../tasks/index.ts';
import type { RevokeOutcome } from '../redis/scripts.ts';
import { decodeJobHash, toTaskRecord, toTaskState } from './job-hash.ts';
import { queueing } from './queue-outcome.ts';
import { minuteOf, taskqlKeys } from './keys.ts';
import { TASKQL_FIELDS } from '../redis/fields.ts';
import { feedEvent, topics } from './topics.ts';
import { OwnerLimits } from './owner-limits.ts';
import { TaskIndex } from './task-index.ts';
import { TaskTimeline } from './task-timeline.ts';
import { TaskStats } from './task-stats.ts';
import type { TaskJobData, TaskRecord, TaskLocation, TaskState } from './task-record.ts';

/** Options of one `runTask` call, already validated; unset fields fall back to the type's defaults. */
export interface EnqueueOptions {
  delayMs?: number;
  /** Higher runs sooner; 0 is normal. */
  priority?: number;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
  /** Same key and owner, same task: see `enqueue`. */
  idempotencyKey?: string;
  /** The API token (name) the task belongs to. */
  owner?: string;
  /** The owner's limit of tasks running at once (see TokenLimits). */
  ownerMaxRunning?: number;
  /** The trace context to carry in the job (see TaskJobData.traceContext). */
  traceContext?: Record<string, string>;
}

export interface TaskStoreSettings {
  /** A `command` connection (see createRedis); shared by every queue of this store. */
  redis: RedisClient;
  prefix: string;
  queueNames: readonly string[];
  log?: Logger;
  /**
   * How long finished tasks stay readable, in seconds. BullMQ applies it lazily: a task past
   * its age goes when a later task of its queue finishes.
   * @defaultValue DEFAULTS.RETENTION_SECONDS (config.ts)
   */
  retentionSeconds?: number;
  /**
   * At most this many finished tasks are kept per queue and outcome.
   * @defaultValue undefined (no cap)
   */
  retentionCount?: number;
}

/** Index entries outlive the retention period by this much (a task may run for a while). */
const INDEX_MARGIN_SECONDS = 7 * 86_400;

/** Log lines kept per task (the newest). */
const KEEP_LOGS = 1000;

/** Task ids of idempotent runTask calls are name-based UUIDs (v5) in this namespace. */
const IDEMPOTENCY_NAMESPACE = 'f0d7ad2e-6b5f-4c8e-9f3a-7a1c5e2b9d40';

/**
 * The task id of an idempotent runTask: derived from the owner and the key together, so each
 * token has keys of its own (without auth there is one owner, none). A key taken by one token
 * can neither reveal another's task nor stop another's from being queued.
 */
export const idempotentTaskId = (key: string, owner: string | undefined): string =>
  uuidv5(JSON.stringify([owner ?? null, key]), IDEMPOTENCY_NAMESPACE);

/** BullMQ counts priority 1 as highest; taskql counts up. 0 maps to the middle of the range. */
const PRIORITY_RANGE = 1000;
export const toBullPriority = (priority = 0): number => PRIORITY_RANGE + 1 - priority;

/** A task just queued, from its job: no read back. */
function newTaskRecord(job: Job<TaskJobData>, data: TaskJobData, options: EnqueueOptions): TaskRecord {
  const fields = {
    id: job.id!,
    name: job.name,
    queue: job.queueName,
    data,
    progress: null,
    attemptsStarted: 0,
    attemptsMade: 0,
    maxAttempts: job.opts.attempts ?? 1,
    timestamp: job.timestamp,
    seq: 0,
    revoked: false,
    handBacks: 0,
  };
  return toTaskRecord(fields, options.delayMs ? 'SCHEDULED' : 'PENDING');
}

/** The task of an idempotency key, which by its id can only be the owner's own (checked anyway). */
function ownedBy(task: TaskRecord, owner: string | undefined): TaskRecord {
  if ((task.owner ?? undefined) !== owner) throw new Error(`Task ${task.id} of an idempotency key belongs to another owner`);
  return task;
}

/** One queue's live tasks and counts (see `TaskStore.liveTasks`). */
export interface LiveTasks {
  /** Each task waiting or running: its type and state. */
  tasks: { name: string | undefined; state: TaskState }[];
  /** Finished tasks retained: SUCCESS, and FAILURE or REVOKED. */
  completed: number;
  failed: number;
  paused: boolean;
  /** Tasks waiting for a worker (PENDING and due RETRY). */
  depth: number;
  /** When the next task to run was created (ms), if one waits. */
  nextCreatedAt: number | undefined;
}

/** Where tasks live: one BullMQ queue per queue name, all on one shared connection. */
export class TaskStore {
  /** The shared command connection (also for publishing requests to workers). */
  readonly redis: RedisClient;
  readonly prefix: string;
  /** Tasks by creation time, for lists. */
  readonly index: TaskIndex;
  /** Per-token limits' counters. */
  readonly limits: OwnerLimits;
  /** Each task's state changes (attempts, workers, cancels, retries). */
  readonly timeline: TaskTimeline;
  /** Finished tasks' counts and runtimes, for stats. */
  readonly stats: TaskStats;
  readonly #queues = new Map<string, Queue>();
  readonly #retention: { age: number; count?: number };
  readonly #log: Logger | undefined;

  constructor(settings: TaskStoreSettings) {
    this.redis = settings.redis;
    this.#log = settings.log;
    this.prefix = settings.prefix;
    this.#retention = { age: settings.retentionSeconds ?? DEFAULTS.RETENTION_SECONDS };
    if (settings.retentionCount !== undefined) this.#retention.count = settings.retentionCount;
    this.limits = new OwnerLimits(settings.redis, settings.prefix);
    this.timeline = new TaskTimeline(settings.redis, settings.prefix, this.#retention.age);
    this.stats = new TaskStats(settings.redis, settings.prefix);
    this.index = new TaskIndex(settings.redis, settings.prefix, this.#retention.age + INDEX_MARGIN_SECONDS);
    for (const name of settings.queueNames) {
      const queue = new Queue(name, { connection: settings.redis, prefix: settings.prefix });
      // Connection trouble is logged once per outage by the connection itself (createRedis).
      queue.on('error', (error) => settings.log?.debug({ err: error, queue: name }, 'queue error'));
      this.#queues.set(name, queue);
    }
  }

  queue(name: string): Queue {
    const queue = this.#queues.get(name);
    if (!queue) throw new Error(`Unknown queue "${name}"`);
    return queue;
  }

  /**
   * Queues one task and answers it as stored, without reading it back. With an idempotency
   * key the task id is derived from the owner and the key (idempotentTaskId), so BullMQ's job-id
   * uniqueness makes a repeat by the same owner (even a concurrent one) add nothing while the
   * first task is retained; the stored task is read back.
   */
  async enqueue(type: TaskContract, input: unknown, options: EnqueueOptions): Promise<TaskRecord> {
    return queueing(this.redis, async (write) => {
      if (options.idempotencyKey === undefined) return write(() => this.#addOne(type, input, options, randomUUID()));
      const id = idempotentTaskId(options.idempotencyKey, options.owner);
      const existing = await this.read(id);
      if (existing) return ownedBy(existing, options.owner);
      await write(() => this.#addOne(type, input, options, id));
      const stored = await this.read(id);
      if (!stored) throw new Error(`Task ${id} vanished right after it was queued`);
      return ownedBy(stored, options.owner);
    });
  }

  /** The job data and options a task of `type` gets (also the template of schedules). */
  jobTemplate(type: TaskContract, input: unknown, options: EnqueueOptions) {
    const data: TaskJobData = { input };
    if (options.owner !== undefined) data.owner = options.owner;
    if (options.owner !== undefined && options.ownerMaxRunning !== undefined) data.ownerMaxRunning = options.ownerMaxRunning;
    const timeoutMs = options.timeoutMs ?? type.defaults.timeoutMs;
    if (timeoutMs !== undefined) data.timeoutMs = timeoutMs;
    if (options.traceContext !== undefined) data.traceContext = options.traceContext;
    const opts = {
      priority: toBullPriority(options.priority),
      attempts: options.attempts ?? type.defaults.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? type.defaults.backoffMs, jitter: 0.5 },
      removeOnComplete: this.#retention,
      removeOnFail: this.#retention,
      keepLogs: KEEP_LOGS,
      // The last attempt's stack only (see STACK_LIMITS).
      stackTraceLimit: 1,
    };
    return { data, opts };
  }

  /** How long finished tasks stay readable, in seconds. */
  get retentionSeconds(): number {
    return this.#retention.age;
  }

  queueNames(): string[] {
    return [...this.#queues.keys()];
  }

  /** Queues many tasks, all or none (see #addBatch); answers them as stored, in order. */
  enqueueMany(items: readonly { type: TaskContract; input: unknown; options: EnqueueOptions }[]): Promise<TaskRecord[]> {
    return queueing(this.redis, (write) => write(() => this.#addBatch(items.map((item) => ({ ...item, id: randomUUID() })))));
  }

  /**
   * One task: BullMQ's add is one Lua script, which Redis runs whole or refuses before its
   * first write (out of memory). Its index entry and feed message follow on the same
   * connection; should Redis refuse those (memory ran out in between), the task runs but is
   * missing from lists, and that is logged. (A MULTI would bind them, but an ioredis MULTI
   * costs more client CPU than the add itself: 2.8k tasks/s instead of 8k or more, measured at the store.)
   */
  async #addOne(type: TaskContract, input: unknown, options: EnqueueOptions, id: string): Promise<TaskRecord> {
    const { data, opts } = this.jobTemplate(type, input, options);
    const job = await this.queue(type.defaults.queue).add(type.name, data, { ...opts, jobId: id, delay: options.delayMs });
    const task = newTaskRecord(job, data, options);
    this.announce([{ ...task, owner: options.owner, createdAt: job.timestamp }], task.state);
    return task;
  }

  /**
   * Adds tasks, lists them and announces them in one MULTI, so that it is all or nothing:
   * Redis runs a transaction whole or, when it refuses one of its commands (out of memory),
   * not at all. (BullMQ's addBulk is a pipeline: under maxmemory it stopped half-way, 3,023
   * of 6,000 tasks in, and index writes sent after the tasks could fail on their own.)
   */
  async #addBatch(items: readonly { type: TaskContract; input: unknown; options: EnqueueOptions; id: string }[]): Promise<TaskRecord[]> {
    const planned = items.map((item) => {
      const queue = this.queue(item.type.defaults.queue);
      const { data, opts } = this.jobTemplate(item.type, item.input, item.options);
      const job = new Job<TaskJobData>(queue, item.type.name, data, { ...opts, delay: item.options.delayMs }, item.id);
      return { queue, job, record: newTaskRecord(job, data, item.options), owner: item.options.owner };
    });
    // BullMQ's client for this connection has BullMQ's scripts loaded; its MULTI is a plain
    // ioredis one underneath, where taskql's scripts are defined too.
    const client = await planned[0]!.queue.backend.client;
    const multi = client.multi();
    // Each job's insert on one transaction, as BullMQ's FlowProducer does for a flow.
    for (const { queue, job } of planned) await queue.backend.addJobToTransaction(multi, job.asJSON(), job.id!);
    const created = planned.map(({ record, owner }) => ({ ...record, owner, createdAt: record.createdAt.getTime() }));
    this.index.addIn(multi as unknown as ReturnType<RedisClient['multi']>, this.#announcements(created));
    const replies = await multi.exec();
    const failed = replies?.find(([error]) => error);
    if (failed) throw failed[0];
    return planned.map((p) => p.record);
  }

  /**
   * Lists new tasks and tells the live feed (dashboards) of them (single tasks, and workflow
   * steps, which BullMQ's FlowProducer adds). Nothing waits for this: on the shared connection
   * it goes out after the write that created them.
   */
  announce(tasks: readonly (TaskLocation & { name: string; createdAt: number; owner?: string })[], state: TaskState): void {
    const announced = this.#announcements(tasks.map((task) => ({ ...task, state })));
    const done = announced.length === 1 ? this.index.add(announced[0]!.task, announced[0]!.feed) : this.index.addMany(announced);
    done.catch((error: unknown) => this.#log?.warn({ err: error }, 'could not index tasks'));
  }

  /** The index entry and the live feed's message of each new task. */
  #announcements(tasks: readonly (TaskLocation & { name: string; createdAt: number; owner?: string | null; state: TaskState })[]) {
    const channel = topics.taskFeed(this.prefix);
    return tasks.map((task) => ({
      task,
      feed: {
        channel,
        message: JSON.stringify(feedEvent(task, { seq: 0, state: task.state })),
      },
    }));
  }

  /**
   * The task as it is now, or null for an unknown (or expired) id. One round trip per queue.
   * `watch`: a subscriber reads it, and marks a task not yet finished as watched in the same
   * step (a worker publishes every event of a watched task; see FINISH_UNWATCHED in scripts.ts).
   */
  async read(id: string, { watch = false } = {}): Promise<TaskRecord | null> {
    const found = await Promise.all([...this.#queues.values()].map((queue) => this.#readFrom(queue, id, watch)));
    return found.find((task) => task !== null) ?? null;
  }

  async #readFrom(queue: Queue, id: string, watch: boolean): Promise<TaskRecord | null> {
    const k = queue.keys;
    const reply = await this.redis.tqReadTask(
      queue.toKey(id),
      k.completed!,
      k.failed!,
      k.delayed!,
      k.prioritized!,
      k['waiting-children']!,
      k.active!,
      k.wait!,
      k.paused!,
      taskqlKeys(this.prefix).watchMarks,
      id,
      watch ? '1' : '0',
    );
    if (!reply) return null;
    const [flat, bullState] = reply;
    const hash: Record<string, string> = {};
    for (let i = 0; i < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
    const job = decodeJobHash(id, queue.name, hash);
    const state = toTaskState(bullState, job);
    if (!state) return null;
    return toTaskRecord(job, state);
  }

  /**
   * One queue's live tasks as BullMQ's lists and sets hold them, with the type and state of each
   * (as `read` gives them), and the queue's counts, in one pipeline for the states.
   */
  async liveTasks(queueName: string): Promise<LiveTasks> {
    const queue = this.queue(queueName);
    const k = queue.keys;
    const [waiting, prioritized, delayed, active, children, counts, paused] = await Promise.all([
      this.redis.lrange(k.wait!, 0, -1),
      this.redis.zrange(k.prioritized!, 0, -1),
      this.redis.zrange(k.delayed!, 0, -1),
      this.redis.lrange(k.active!, 0, -1),
      this.redis.zrange(k['waiting-children']!, 0, -1),
      queue.getJobCounts('completed', 'failed'),
      queue.isPaused(),
    ]);
    const groups: [string[], 'waiting' | 'delayed' | 'active'][] = [
      [[...waiting, ...prioritized, ...children], 'waiting'],
      [delayed, 'delayed'],
      [active, 'active'],
    ];
    const { handBacks, deferred } = TASKQL_FIELDS;
    const pipeline = this.redis.pipeline();
    for (const [ids] of groups) for (const id of ids) pipeline.hmget(queue.toKey(id), 'name', 'atm', handBacks, deferred);
    // Workers take from the right of the wait list, and the lowest score of the prioritized set.
    const nextId = waiting.at(-1) ?? prioritized[0];
    if (nextId) pipeline.hget(queue.toKey(nextId), 'timestamp');
    const replies = ((await pipeline.exec()) ?? []).map(([, value]) => value);
    let next = 0;
    const tasks = groups.flatMap(([ids, where]) =>
      ids.map(() => {
        const [name, attemptsMade, handed, deferredMark] = (replies[next++] as (string | null)[] | undefined) ?? [];
        const job = { attemptsMade: Number(attemptsMade ?? 0), revoked: false, handBacks: Number(handed ?? 0), deferred: deferredMark === '1' };
        return { name: name ?? undefined, state: where === 'active' ? ('STARTED' as const) : toTaskState(where, job)! };
      }),
    );
    const nextCreatedAt = nextId ? Number(replies[next]) || undefined : undefined;
    return {
      tasks,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      paused,
      depth: waiting.length + prioritized.length,
      nextCreatedAt,
    };
  }

  /** cancelTask's atomic first step (see REVOKE_TASK): what it found, and did. */
  async revoke(task: Pick<TaskRecord, 'id' | 'queue'>, reason: string): Promise<RevokeOutcome> {
    const queue = this.queue(task.queue);
    const k = queue.keys;
    const outcome = await this.redis.tqRevokeTask(
      queue.toKey(task.id),
      k.wait!,
      k.paused!,
      k.prioritized!,
      k.delayed!,
      k.active!,
      k.completed!,
      k.failed!,
      k['waiting-children']!,
      taskqlKeys(this.prefix).statsMinute(minuteOf(Date.now())),
      taskqlKeys(this.prefix).awaitingWorker,
      taskqlKeys(this.prefix).statsTotal,
      task.id,
      Date.now(),
      topics.taskUpdated(this.prefix, task.id),
      reason,
      topics.taskFeed(this.prefix),
      task.queue,
    );
    // A running task's REVOKED comes from its worker, with the attempt.
    if (outcome === 'revoked') await this.timeline.append(task.id, { state: 'REVOKED', at: Date.now(), note: reason });
    return outcome;
  }

  /** Revokes the workflow steps that cannot run without a step that failed or was revoked. */
  async revokeDependents(dependents: readonly TaskLocation[], reason: string): Promise<void> {
    for (const dependent of dependents) await this.revoke(dependent, reason);
  }

  /**
   * Runs a failed or revoked task again under the same id, with its attempts counted afresh.
   * Answers false when the task is no longer the failed run `task` was read from (someone else
   * retried it first).
   */
  async retry(task: Pick<TaskRecord, 'id' | 'queue' | 'finishedAt'>): Promise<boolean> {
    const queue = this.queue(task.queue);
    const { errorName, revoked, cancelRequested, worker } = TASKQL_FIELDS;
    // Its worker, too: the run to come names its own (and one nobody watches, only BullMQ's processedBy).
    // Only while it is still the failed run read: a concurrent retry may have run it again already.
    const finishedOn = task.finishedAt ? String(task.finishedAt.getTime()) : '';
    const cleared = await this.redis.tqClearForRetry(queue.toKey(task.id), queue.keys.failed!, task.id, finishedOn, errorName, revoked, cancelRequested, worker, 'progress');
    if (!cleared) return false;
    const job = await Job.fromId(queue, task.id);
    try {
      await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      if (job) await this.timeline.append(task.id, { state: 'PENDING', at: Date.now(), note: 'retried (retryTask): attempts count afresh' });
      return job !== undefined;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === ErrorCode.JobNotInState || code === ErrorCode.JobNotExist) return false;
      throw error;
    }
  }

  /** The task's log lines, oldest first. */
  async logs(task: Pick<TaskRecord, 'id' | 'queue'>): Promise<string[]> {
    const { logs } = await this.queue(task.queue).getJobLogs(task.id);
    return logs;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((queue) => queue.close()));
  }
}
