import { TASKQL_FIELDS } from '../redis/fields.ts';
import type { BullState } from '../redis/scripts.ts';
import type { TaskJobData, TaskProgress, TaskRecord, TaskState } from './task-record.ts';

/**
 * The fields of a BullMQ job that a task needs, as `decodeJobHash` reads them from the raw
 * Redis hash (abbreviated names, numbers and JSON as strings). The hash format is BullMQ's,
 * not public API: it is read here and nowhere else, and test/bullmq-contract.test.ts checks it
 * against BullMQ's own Job (package.json pins BullMQ's minor version).
 */
export interface JobFields {
  id: string;
  name: string;
  queue: string;
  data: TaskJobData;
  progress: unknown;
  attemptsStarted: number;
  attemptsMade: number;
  maxAttempts: number;
  timestamp: number;
  processedOn?: number;
  finishedOn?: number;
  failedReason?: string;
  returnvalue?: unknown;
  /** the stack of the error that failed the last attempt (BullMQ's `stacktrace`, its newest entry) */
  stack?: string;
  /** taskql's own fields, kept in the same hash: */
  /** events published so far (orders snapshots against events) */
  seq: number;
  /** the name of the error that failed the last attempt */
  errorName?: string;
  /** cancelled by cancelTask */
  revoked: boolean;
  /** the worker process that started the last attempt, as its STARTED event stored it */
  worker?: string;
  /**
   * BullMQ's processedBy: the worker that took the job last (taskql names each BullMQ worker by
   * its worker id), also for a take that did not start it (handed back, deferred)
   */
  processedBy?: string;
  /** waiting (in the delayed set) for a running slot of its owner (maxRunning) */
  deferred?: boolean;
  /** times a worker that does not know the task's type handed it back (see worker/hand-back.ts) */
  handBacks: number;
}

export function decodeJobHash(id: string, queue: string, hash: Record<string, string | undefined>): JobFields {
  const opts = parseJson(hash.opts) as { attempts?: number } | undefined;
  return {
    id,
    name: hash.name ?? '',
    queue,
    data: (parseJson(hash.data) ?? { input: {} }) as TaskJobData,
    progress: parseJson(hash.progress),
    attemptsStarted: toInt(hash.ats),
    attemptsMade: toInt(hash.atm ?? hash.attemptsMade),
    maxAttempts: opts?.attempts ?? 1,
    timestamp: toInt(hash.timestamp),
    processedOn: hash.processedOn ? toInt(hash.processedOn) : undefined,
    finishedOn: hash.finishedOn ? toInt(hash.finishedOn) : undefined,
    failedReason: hash.failedReason,
    returnvalue: parseJson(hash.returnvalue),
    ...lastStack(hash.stacktrace),
    seq: toInt(hash[TASKQL_FIELDS.seq]),
    errorName: hash[TASKQL_FIELDS.errorName],
    revoked: hash[TASKQL_FIELDS.revoked] === '1',
    worker: hash[TASKQL_FIELDS.worker],
    processedBy: hash.pb,
    ...(hash[TASKQL_FIELDS.deferred] === '1' && { deferred: true }),
    handBacks: toInt(hash[TASKQL_FIELDS.handBacks]),
  };
}

function lastStack(value: string | undefined): { stack?: string } {
  const traces = parseJson(value);
  const last = Array.isArray(traces) ? traces.at(-1) : undefined;
  return typeof last === 'string' && last !== '' ? { stack: last } : {};
}

const toInt = (value: string | undefined): number => (value ? Number.parseInt(value, 10) : 0);

function parseJson(value: string | undefined): unknown {
  if (value === undefined || value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * BullMQ state → task state. A job that failed an attempt and waits (delayed by backoff,
 * or waiting again) for its next one is RETRY; a job nobody knows of is `null`. A job that a
 * worker handed back (it did not know the type) sits in BullMQ's delayed set until it is offered
 * again, but no one scheduled it: it is PENDING.
 */
export function toTaskState(bullState: BullState, job: Pick<JobFields, 'attemptsMade' | 'revoked' | 'deferred' | 'handBacks'>): TaskState | null {
  const retrying = job.attemptsMade > 0;
  switch (bullState) {
    case 'completed':
      return 'SUCCESS';
    case 'failed':
      return job.revoked ? 'REVOKED' : 'FAILURE';
    case 'active':
      return 'STARTED';
    case 'delayed':
      // Deferred: it was due, but its owner had as many tasks running as allowed. Handed back: a
      // worker did not know its type.
      return retrying ? 'RETRY' : job.deferred || job.handBacks > 0 ? 'PENDING' : 'SCHEDULED';
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return retrying ? 'RETRY' : 'PENDING';
    case 'unknown':
      return null;
  }
}

/** Builds the record from a job's fields, its state and taskql's own hash fields. */
export function toTaskRecord(job: JobFields, state: TaskState): TaskRecord {
  const progress = job.progress;
  return {
    id: job.id,
    name: job.name,
    queue: job.queue,
    workflowId: job.data.workflow?.id ?? null,
    dependents: job.data.workflow?.dependents ?? [],
    owner: job.data.owner ?? null,
    input: job.data.input,
    state,
    progress: typeof progress === 'object' && progress !== null && 'percent' in progress ? (progress as TaskProgress) : null,
    result: state === 'SUCCESS' ? (job.returnvalue ?? null) : null,
    error:
      state === 'FAILURE' || state === 'RETRY' || state === 'REVOKED'
        ? { name: job.errorName ?? 'Error', message: job.failedReason ?? '' }
        : null,
    errorStack: state === 'FAILURE' || state === 'RETRY' ? (job.stack ?? null) : null,
    attempts: job.attemptsStarted,
    maxAttempts: job.maxAttempts,
    // A task that succeeded with no event out (nobody watched it, see FINISH_UNWATCHED) has only
    // BullMQ's processedBy, the worker that took its last attempt; a task taken and not started
    // (handed back, deferred, then revoked) has one too, and no worker.
    worker: job.worker ?? (state === 'SUCCESS' ? job.processedBy : undefined) ?? null,
    createdAt: new Date(job.timestamp),
    startedAt: job.processedOn ? new Date(job.processedOn) : null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    seq: job.seq,
  };
}
