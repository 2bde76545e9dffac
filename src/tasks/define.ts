import type { z } from 'zod';

/**
 * Terms:
 * - a *task type* is a named kind of work (`divide`), defined once with `defineTask` and
 *   listed in `./index.ts`; the API validates input with it, the worker runs it;
 * - a *task* is one run of a task type, with its own id, input, state and result;
 * - a *handler* is the type's `run(input, ctx)`: returning is success, throwing is failure.
 */

/** What a handler gets besides its input. */
export interface TaskContext<Progress = unknown> {
  /** The task's id; the same for every attempt. */
  readonly id: string;
  /** The attempt this run is, starting at 1. */
  readonly attempt: number;
  /** Aborted when the task is cancelled or its time limit passes. Pass it to I/O. */
  readonly signal: AbortSignal;
  /**
   * Reports progress to every subscriber and stores it on the task (the latest report is
   * kept). `data` is an optional small JSON payload (a step name, a count, a partial result);
   * checked against the type's `progress` schema when it has one (a mismatch throws).
   */
  progress(percent: number, message?: string, data?: Progress): Promise<void>;
  /** Appends a line to the task's log. */
  log(line: string): Promise<void>;
  /**
   * In a workflow: the result of the step before (chain), or the list of the group's
   * results in step order (chord callback). Undefined outside workflows.
   */
  readonly previous?: unknown;
}

/** How tasks of a type run unless a `runTask` call says otherwise. */
export interface TaskDefaults {
  /**
   * Attempts in all, the first included.
   * @defaultValue 1
   */
  attempts: number;
  /**
   * Base delay of the exponential backoff between attempts, in milliseconds.
   * @defaultValue 1000
   */
  backoffMs: number;
  /**
   * Time limit of one attempt, in milliseconds; unset for none.
   * @defaultValue undefined
   */
  timeoutMs?: number;
  /**
   * The queue tasks of this type wait in. Workers choose queues (`--queues`), so a queue is
   * also a way to give a kind of work its own workers.
   * @defaultValue 'default'
   */
  queue: string;
  /**
   * At most `max` tasks of this type start per `durationMs`, across all workers. BullMQ
   * limits whole queues, so a rate-limited type needs a queue of its own (or one shared only
   * with types of the same limit); the registry checks this.
   * @defaultValue undefined (no limit)
   */
  rateLimit?: RateLimit;
}

export interface RateLimit {
  max: number;
  durationMs: number;
}

export interface TaskType<Input = unknown, Result = unknown> {
  readonly name: string;
  readonly description: string;
  /** taskql's own plumbing (e.g. collecting a group's results): not listed, not runnable by clients. */
  readonly internal?: boolean;
  /** Validates input in the API before anything is queued; also published as JSON Schema. */
  readonly input: z.ZodType<Input>;
  /**
   * What `run` returns, when the type says: the worker checks each result against it (a
   * mismatch fails the task, naming the field) and the schema types `result` for clients.
   */
  readonly result?: z.ZodType<Result>;
  /** What `ctx.progress`'s `data` holds, when the type says (checked, and typed for clients). */
  readonly progress?: z.ZodType;
  readonly defaults: TaskDefaults;
  run(input: Input, ctx: TaskContext): Promise<Result> | Result;
}

/** Any task type, whatever its input and result (a list of types mixes them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- input types differ per entry
export type AnyTaskType = TaskType<any, unknown>;

export interface TaskDefinition<Schema extends z.ZodType, Result, ProgressSchema extends z.ZodType = z.ZodType<unknown>> {
  name: string;
  description: string;
  internal?: boolean;
  input: Schema;
  /** Without a result schema the result is any JSON (see TypedResultDefinition). */
  result?: undefined;
  /** The schema of `ctx.progress`'s data; without one it is any JSON. */
  progress?: ProgressSchema;
  defaults?: Partial<TaskDefaults>;
  run(input: z.output<Schema>, ctx: TaskContext<z.input<ProgressSchema>>): Promise<Result> | Result;
}

/** A definition with a result schema: `run` must return what it accepts. */
export interface TypedResultDefinition<Schema extends z.ZodType, ResultSchema extends z.ZodType, ProgressSchema extends z.ZodType = z.ZodType<unknown>>
  extends Omit<TaskDefinition<Schema, z.input<ResultSchema>, ProgressSchema>, 'result'> {
  result: ResultSchema;
}

export const DEFAULT_TASK_OPTIONS: TaskDefaults = { attempts: 1, backoffMs: 1000, queue: 'default' };

export function defineTask<Schema extends z.ZodType, ResultSchema extends z.ZodType, ProgressSchema extends z.ZodType = z.ZodType<unknown>>(
  definition: TypedResultDefinition<Schema, ResultSchema, ProgressSchema>,
): TaskType<z.output<Schema>, z.output<ResultSchema>>;
export function defineTask<Schema extends z.ZodType, Result, ProgressSchema extends z.ZodType = z.ZodType<unknown>>(
  definition: TaskDefinition<Schema, Result, ProgressSchema>,
): TaskType<z.output<Schema>, Result>;
export function defineTask<Schema extends z.ZodType, Result>(
  definition: TaskDefinition<Schema, Result> | TypedResultDefinition<Schema, z.ZodType<Result>>,
): TaskType<z.output<Schema>, Result> {
  return {
    ...(definition as TaskDefinition<Schema, Result>),
    input: definition.input as unknown as z.ZodType<z.output<Schema>>,
    result: definition.result as z.ZodType<Result> | undefined,
    defaults: { ...DEFAULT_TASK_OPTIONS, ...definition.defaults },
  };
}
