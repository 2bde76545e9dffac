import type { z } from 'zod';

/**
 * Terms:
 * - a *task type* is a named kind of work (`divide`), defined once with `defineTask` and
 *   listed in `./index.ts` (or a user's `--tasks` module); the API validates input with it,
 *   the worker runs it;
 * - its *contract* is the part the API needs (name, description, input schema, defaults):
 *   `defineContract` makes one alone, `implementTask(contract, run)` adds the handler;
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

/**
 * What the API needs of a task type, and no more: its name, description, input schema and
 * defaults. A contract imports no handler code, so an API process given only contracts
 * (`taskql api --tasks ./contracts.mjs`) never loads a handler's dependencies (an image
 * library, a database driver). `Result` is the type the handler returns; a later `result`
 * schema (and a progress schema) will sit beside `input` here.
 */
export interface TaskContract<Input = unknown, Result = unknown> {
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
}

/** A contract with its handler: what a worker runs. */
export interface TaskType<Input = unknown, Result = unknown> extends TaskContract<Input, Result> {
  run(input: Input, ctx: TaskContext): Promise<Result> | Result;
}

/** Any task type, whatever its input and result (a list of types mixes them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- input types differ per entry
export type AnyTaskType = TaskType<any, unknown>;

/** Any contract (a task type is one too). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- input types differ per entry
export type AnyTaskContract = TaskContract<any, unknown>;

/** The handler of a task type: returning is success, throwing is failure. */
export type TaskHandler<Input, Result, Progress = unknown> = (input: Input, ctx: TaskContext<Progress>) => Promise<Result> | Result;

export interface ContractDefinition<Schema extends z.ZodType, ResultSchema extends z.ZodType | undefined = undefined, ProgressSchema extends z.ZodType = z.ZodType<unknown>> {
  name: string;
  description: string;
  internal?: boolean;
  input: Schema;
  /** What `run` returns; without one the result is any JSON. */
  result?: ResultSchema;
  /** The schema of `ctx.progress`'s data; without one it is any JSON. */
  progress?: ProgressSchema;
  defaults?: Partial<TaskDefaults>;
}

export interface TaskDefinition<Schema extends z.ZodType, Result, ProgressSchema extends z.ZodType = z.ZodType<unknown>>
  extends ContractDefinition<Schema, undefined, ProgressSchema> {
  run: TaskHandler<z.output<Schema>, Result, z.input<ProgressSchema>>;
}

/** A definition with a result schema: `run` must return what it accepts. */
export interface TypedResultDefinition<Schema extends z.ZodType, ResultSchema extends z.ZodType, ProgressSchema extends z.ZodType = z.ZodType<unknown>>
  extends ContractDefinition<Schema, ResultSchema, ProgressSchema> {
  result: ResultSchema;
  run: TaskHandler<z.output<Schema>, z.input<ResultSchema>, z.input<ProgressSchema>>;
}

export const DEFAULT_TASK_OPTIONS: TaskDefaults = { attempts: 1, backoffMs: 1000, queue: 'default' };

/** A task type's contract alone, for a module the API loads without any handler code. */
export function defineContract<Schema extends z.ZodType, ResultSchema extends z.ZodType | undefined = undefined, ProgressSchema extends z.ZodType = z.ZodType<unknown>>(
  definition: ContractDefinition<Schema, ResultSchema, ProgressSchema>,
): TaskContract<z.output<Schema>, ResultSchema extends z.ZodType ? z.output<ResultSchema> : unknown> {
  const { name, description, internal, input, result, progress, defaults } = definition;
  return {
    name,
    description,
    ...(internal !== undefined && { internal }),
    input: input as unknown as z.ZodType<z.output<Schema>>,
    ...(result !== undefined && { result: result as never }),
    ...(progress !== undefined && { progress }),
    defaults: { ...DEFAULT_TASK_OPTIONS, ...defaults },
  };
}

/** A contract's handler, in the worker's module: the input type comes from the contract. */
export function implementTask<Input, Result>(
  contract: TaskContract<Input, Result>,
  run: TaskHandler<Input, Result>,
): TaskType<Input, Result> {
  return { ...contract, run };
}

/** A task type in one piece, contract and handler (when the API may load the handler's imports). */
export function defineTask<Schema extends z.ZodType, ResultSchema extends z.ZodType, ProgressSchema extends z.ZodType = z.ZodType<unknown>>(
  definition: TypedResultDefinition<Schema, ResultSchema, ProgressSchema>,
): TaskType<z.output<Schema>, z.output<ResultSchema>>;
export function defineTask<Schema extends z.ZodType, Result, ProgressSchema extends z.ZodType = z.ZodType<unknown>>(
  definition: TaskDefinition<Schema, Result, ProgressSchema>,
): TaskType<z.output<Schema>, Result>;
export function defineTask(definition: TaskDefinition<z.ZodType, unknown> | TypedResultDefinition<z.ZodType, z.ZodType>): TaskType {
  return implementTask(defineContract(definition as ContractDefinition<z.ZodType, z.ZodType>), definition.run as TaskHandler<unknown, unknown>);
}
