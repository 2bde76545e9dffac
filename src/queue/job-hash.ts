import type { TaskJobData } from './task-record.ts';

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
  /** the worker process that started the last attempt */
  worker?: string;
  /** waiting (in the delayed set) for a running slot of its owner (maxRunning) */
  deferred?: boolean;
  /** times a worker that does not know the task's type handed it back (see worker/hand-back.ts) */
  handBacks: number;
}

/** taskql's fields in a BullMQ job hash (BullMQ ignores them). */
export const TASKQL_FIELDS = {
  seq: 'tqSeq',
  errorName: 'tqErrorName',
  revoked: 'tqRevoked',
  cancelRequested: 'tqCancel',
  worker: 'tqWorker',
  deferred: 'tqDeferred',
  handBacks: 'tqHandBacks',
} as const;

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
