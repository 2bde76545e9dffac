import { z } from 'zod';
import type { Caller } from '../auth.ts';
import { traceEnqueue } from '../telemetry/task-tracing.ts';
import type { TaskRecord } from '../queue/task-record.ts';
import { BadUserInputError } from './errors.ts';
import { admitTasks } from './token-limits.ts';
import type { Services } from './services.ts';

/** The TaskOptions (docs/api.md), as `runTask` accepts them. */
export const TaskOptionsSchema = z
  .object({
    delayMs: z.number().int().min(0).max(365 * 86_400_000),
    priority: z.number().int().min(-999).max(999),
    attempts: z.number().int().min(1).max(1000),
    backoffMs: z.number().int().min(0).max(86_400_000),
    timeoutMs: z.number().int().min(1).max(86_400_000),
    idempotencyKey: z.string().min(1).max(255),
    runAt: z.date(),
  })
  .partial()
  .refine((options) => options.delayMs === undefined || options.runAt === undefined, {
    message: 'give delayMs or runAt, not both',
    path: ['runAt'],
  });

export type TaskOptions = z.input<typeof TaskOptionsSchema>;

export interface RunTaskArgs {
  name: string;
  input?: unknown;
  options?: { [K in keyof TaskOptions]?: TaskOptions[K] | null } | null;
}

/** Validates name, input and options, then queues the task. Nothing is queued on bad input. */
export async function runTask(services: Services, args: RunTaskArgs, caller?: Caller): Promise<TaskRecord> {
  const { type, input, options } = checkTaskRequest(services, args);
  const { runAt: _runAt, ...rest } = options;
  const admitted = await admitTasks(services, caller, [rest]);
  return traceEnqueue([type.name], [type.defaults.queue], (traceContext) =>
    services.store.enqueue(type, input, { ...rest, ...admitted, delayMs: delayOf(options), owner: caller?.name, traceContext }),
  );
}

/** At most this many tasks in one runTasks call. */
export const MAX_BATCH = 10_000;

/**
 * `runTasks`: many tasks in one request, checked like runTask (all before any is queued: one bad
 * item refuses the whole batch) and queued with one bulk operation per queue.
 */
export async function runTasks(services: Services, items: readonly RunTaskArgs[], caller?: Caller): Promise<TaskRecord[]> {
  if (items.length === 0 || items.length > MAX_BATCH) throw new BadUserInputError(`Invalid tasks: give 1 to ${MAX_BATCH}.`);
  const checked = items.map((item, index) =>
    at(`tasks[${index}]`, () => {
      const { type, input, options } = checkTaskRequest(services, item);
      refuseOptions(options, ['idempotencyKey'], 'options', 'runTasks (it is for runTask)');
      const { runAt: _runAt, idempotencyKey: _key, ...rest } = options;
      return { type, input, options: { ...rest, delayMs: delayOf(options), owner: caller?.name } };
    }),
  );
  const admitted = await admitTasks(services, caller, checked.map((item) => item.options));
  return traceEnqueue(
    checked.map((item) => item.type.name),
    checked.map((item) => item.type.defaults.queue),
    (traceContext) => services.store.enqueueMany(checked.map((item) => ({ ...item, options: { ...item.options, ...admitted, traceContext } }))),
  );
}

type CheckedOptions = z.output<typeof TaskOptionsSchema>;

/** The delay of checked options: runAt as a delay (a runAt in the past means now, as Celery's eta), or delayMs. */
export const delayOf = ({ runAt, delayMs }: CheckedOptions): number | undefined =>
  runAt ? Math.max(0, runAt.getTime() - Date.now()) : delayMs;

/** Refuses options that do not apply where they were given (`Invalid options: delayMs, runAt do not apply to schedules.`). */
export function refuseOptions(options: CheckedOptions, names: readonly (keyof CheckedOptions)[], field: string, where: string): void {
  const given = names.filter((name) => options[name] !== undefined);
  if (given.length > 0) throw new BadUserInputError(`Invalid ${field}: ${names.join(', ')} ${names.length === 1 ? 'does' : 'do'} not apply to ${where}.`);
}

/** Runs `check`, prefixing the message of a BAD_USER_INPUT it throws with where in the request it was (`tasks[3]: …`). */
export function at<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof BadUserInputError) throw new BadUserInputError(`${where}: ${error.message}`);
    throw error;
  }
}

/**
 * What runTask and upsertSchedule both check: a known task type, input that passes its
 * schema (omitted input means {}), valid options. Throws BAD_USER_INPUT naming each field.
 */
export function checkTaskRequest(services: Services, args: RunTaskArgs, inputSchema?: z.ZodType) {
  const type = services.registry.get(args.name);
  if (!type || type.internal) {
    const known = services.registry
      .list()
      .filter((t) => !t.internal)
      .map((t) => t.name)
      .join(', ');
    throw new BadUserInputError(`Unknown task type "${args.name}". Known types: ${known}.`);
  }
  const input = args.input ?? {};
  // Before anything recursive (JSON.stringify, validation) sees it: deep input would overflow the stack.
  const depth = depthOf(input, services.maxInputDepth);
  if (depth > services.maxInputDepth) {
    throw new BadUserInputError(`Invalid input of "${type.name}": nested more than ${services.maxInputDepth} levels deep.`);
  }
  const size = Buffer.byteLength(JSON.stringify(input));
  if (size > services.maxInputBytes) {
    throw new BadUserInputError(`Invalid input of "${type.name}": ${size} bytes as JSON, at most ${services.maxInputBytes}.`);
  }
  const checkedInput = (inputSchema ?? type.input).safeParse(input);
  if (!checkedInput.success) throw new BadUserInputError(describeIssues(`input of "${type.name}"`, checkedInput.error));

  const given = Object.fromEntries(Object.entries(args.options ?? {}).filter(([, v]) => v !== null && v !== undefined));
  const options = TaskOptionsSchema.safeParse(given);
  if (!options.success) throw new BadUserInputError(describeIssues('options', options.error));
  return { type, input, options: options.data };
}

/** How deep `value` nests objects and arrays, counting no further than `limit + 1` (iteratively). */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** `Invalid input of "divide": y: expected number, received string` */
export function describeIssues(what: string, error: z.ZodError): string {
  const issues = error.issues.map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${path}${issue.message.replace(/^Invalid input: /, '')}`;
  });
  return `Invalid ${what}: ${issues.join('; ')}`;
}
