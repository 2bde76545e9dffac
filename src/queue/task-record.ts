/** What a BullMQ job of taskql carries as its data. */
export interface TaskJobData {
  input: unknown;
  /** Time limit of each attempt, in milliseconds. */
  timeoutMs?: number;
  /** Set when the task is a step of a workflow. */
  workflow?: WorkflowStepData;
  /** The API token (name) that created the task, when auth is on. */
  owner?: string;
  /** The owner's maxRunning limit when the task was queued (workers enforce it). */
  ownerMaxRunning?: number;
  /**
   * The W3C trace context (traceparent, tracestate) of the span that queued the task, when an
   * OpenTelemetry SDK records one (src/telemetry): each attempt's span is its child.
   */
  traceContext?: Record<string, string>;
}

/** Where a task lives: its id and queue. */
export interface TaskLocation {
  id: string;
  queue: string;
}

export interface WorkflowStepData {
  /** The workflow's id. */
  id: string;
  /** The job keys of the steps this one waits for, in step order. */
  children?: string[];
  /** `one`: ctx.previous is the single child's result (chain); `all`: the list (chord, group). */
  receives?: 'one' | 'all';
  /** The input field that receives ctx.previous. */
  previousResultAs?: string;
  /** Steps that cannot run once this one has failed or was revoked: they are revoked then. */
  dependents?: TaskLocation[];
}

/** The task states (docs/api.md). PENDING, SCHEDULED, STARTED and RETRY change; the others are final. */
export const TASK_STATES = ['PENDING', 'SCHEDULED', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE', 'REVOKED'] as const;
export type TaskState = (typeof TASK_STATES)[number];

const TERMINAL: ReadonlySet<TaskState> = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);
export const isTerminal = (state: TaskState): boolean => TERMINAL.has(state);

export interface TaskProgress {
  percent: number;
  message?: string | null;
  /** The report's JSON payload (ctx.progress's third argument), when it had one. */
  data?: unknown;
}

export interface TaskError {
  name: string;
  message: string;
}

/**
 * A failure's stack is kept for the last attempt only (BullMQ's stackTraceLimit 1), and
 * trimmed to this many lines and characters before it is stored.
 */
export const STACK_LIMITS = { lines: 30, chars: 4000 } as const;

/** The stack as taskql keeps it: the first lines, cut to STACK_LIMITS. */
export function trimStack(stack: string): string {
  const lines = stack.split('\n');
  let kept = lines.slice(0, STACK_LIMITS.lines).join('\n');
  if (kept.length > STACK_LIMITS.chars) kept = kept.slice(0, STACK_LIMITS.chars);
  return kept.length < stack.length ? `${kept}\n    … (trimmed)` : kept;
}

/** A task as clients see it: what `task(id)` returns and `taskUpdated` streams. */
export interface TaskRecord {
  id: string;
  name: string;
  queue: string;
  /** The workflow this task is a step of. */
  workflowId: string | null;
  /** Workflow steps that cannot run without this one (not shown to clients). */
  dependents: TaskLocation[];
  /** The API token (name) that created it, when auth is on. */
  owner: string | null;
  input: unknown;
  state: TaskState;
  progress: TaskProgress | null;
  result: unknown;
  error: TaskError | null;
  /** The stack of the last attempt's error (with `error`), trimmed; only admins see it. */
  errorStack: string | null;
  attempts: number;
  maxAttempts: number;
  /** The worker process that started the last attempt. */
  worker: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** How many events have been published for this task; orders snapshots against events. */
  seq: number;
}

/** A change to a task, as published by the worker (see `applyTaskEvent`). */
export interface TaskEvent {
  seq: number;
  /** A line the handler logged (ctx.log). */
  log?: string;
  state?: TaskState;
  progress?: TaskProgress;
  attempts?: number;
  /** The worker process that started this attempt (with STARTED). */
  worker?: string;
  startedAt?: number;
  finishedAt?: number;
  result?: unknown;
  error?: TaskError;
}

/** The task after `event`: fields the event carries replace the old ones. */
export function applyTaskEvent(task: TaskRecord, event: TaskEvent): TaskRecord {
  return {
    ...task,
    seq: event.seq,
    state: event.state ?? task.state,
    progress: event.progress ?? task.progress,
    attempts: event.attempts ?? task.attempts,
    worker: event.worker ?? task.worker,
    startedAt: event.startedAt !== undefined ? new Date(event.startedAt) : task.startedAt,
    finishedAt: event.finishedAt !== undefined ? new Date(event.finishedAt) : task.finishedAt,
    result: 'result' in event ? event.result : task.result,
    error: event.error ?? (event.state === 'STARTED' ? null : task.error),
    errorStack: event.state === 'STARTED' ? null : task.errorStack,
  };
}

/**
 * Whether the store's copy of a task (read again) is ahead of what a follower holds: newer by
 * its events, or final with no final event out (a failover lost the task's watch mark before its
 * worker finished it unwatched, or its final event has not come through yet).
 */
export function storedIsNewer(stored: TaskRecord, held: TaskRecord): boolean {
  return stored.seq > held.seq || (isTerminal(stored.state) && !isTerminal(held.state));
}

/** True when a client would see a difference between the two. */
export function differs(a: TaskRecord, b: TaskRecord): boolean {
  return (
    a.state !== b.state ||
    a.attempts !== b.attempts ||
    a.worker !== b.worker ||
    a.progress?.percent !== b.progress?.percent ||
    a.progress?.message !== b.progress?.message ||
    // Each report's data is a new value: a report with data is a change.
    a.progress?.data !== b.progress?.data
  );
}
