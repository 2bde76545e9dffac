import { Repeater } from 'graphql-yoga';
import { canSee, type Caller } from '../auth.ts';
import { z } from 'zod';
import { isTerminal, storedIsNewer, type TaskRecord } from '../queue/task-record.ts';
import type { WorkflowKind, WorkflowMeta, WorkflowRecord } from '../queue/workflow-record.ts';
import { toWorkflowRecord } from '../queue/workflow-record.ts';
import type { PlannedStep } from '../queue/workflow-store.ts';
import { TASK_ATTRIBUTES, traceEnqueue } from '../telemetry/task-tracing.ts';
import { cancelTask } from './cancel-task.ts';
import { BadUserInputError, ConflictError, NotFoundError, TaskqlError } from './errors.ts';
import { at, checkTaskRequest, describeIssues, refuseOptions, type RunTaskArgs } from './run-task.ts';
import type { Services } from './services.ts';
import { admitTasks } from './token-limits.ts';
import { watchTask } from './watch-task.ts';

export interface WorkflowStepArgs extends RunTaskArgs {
  /** The input field that receives the previous step's result (chain) or the group's results (chord). */
  previousResultAs?: string | null;
}

const MAX_STEPS = 100;

/**
 * Names an input field. Keys that JavaScript objects inherit (`__proto__`, `constructor`, ...)
 * are refused: they are nobody's input field, and merging the result under one would reach
 * the prototype instead of the input.
 */
const PreviousResultAsSchema = z
  .string()
  .min(1)
  .max(128)
  .refine((name) => !(name in Object.prototype), { message: 'a reserved name (an Object.prototype property), not an input field' });

/** Steps in order; each step's handler gets the previous step's result (ctx.previous). */
export async function runChain(services: Services, steps: readonly WorkflowStepArgs[], caller?: Caller): Promise<WorkflowRecord> {
  const planned = await admitSteps(services, caller, checkSteps(services, 'steps', steps, (index) => index > 0));
  return createWorkflow(services, 'CHAIN', planned, undefined, caller);
}

/** Steps in parallel; the result is the list of their results, in step order. */
export async function runGroup(services: Services, steps: readonly WorkflowStepArgs[], caller?: Caller): Promise<WorkflowRecord> {
  const planned = await admitSteps(services, caller, checkSteps(services, 'steps', steps, () => false));
  return createWorkflow(services, 'GROUP', planned, undefined, caller);
}

/** A group, then one callback step that gets the list of the group's results. */
export async function runChord(
  services: Services,
  steps: readonly WorkflowStepArgs[],
  callback: WorkflowStepArgs,
  caller?: Caller,
): Promise<WorkflowRecord> {
  const checked = [...checkSteps(services, 'steps', steps, () => false), ...checkSteps(services, 'callback', [callback], () => true)];
  const planned = await admitSteps(services, caller, checked);
  return createWorkflow(services, 'CHORD', planned.slice(0, -1), planned.at(-1), caller);
}

/**
 * Queues a workflow in one enqueue span: every step's job carries its trace context, so each
 * step's attempts are in the trace of the request that queued the workflow.
 */
function createWorkflow(services: Services, kind: WorkflowKind, steps: PlannedStep[], callback: PlannedStep | undefined, caller?: Caller): Promise<WorkflowRecord> {
  const all = callback ? [...steps, callback] : steps;
  return traceEnqueue(
    all.map((step) => step.type.name),
    all.map((step) => step.type.defaults.queue),
    (traceContext) => {
      const traced = (step: PlannedStep): PlannedStep => (traceContext ? { ...step, options: { ...step.options, traceContext } } : step);
      return services.workflows.create(kind, steps.map(traced), callback && traced(callback), caller?.name);
    },
    TASK_ATTRIBUTES.workflow,
  );
}

/** Every step counts against the caller's token limits, as a task of its own. */
async function admitSteps(services: Services, caller: Caller | undefined, steps: PlannedStep[]): Promise<PlannedStep[]> {
  const admitted = await admitTasks(services, caller, steps.map((step) => step.options));
  return steps.map((step) => ({ ...step, options: { ...step.options, ...admitted } }));
}

export async function getWorkflow(services: Services, id: string, caller?: Caller): Promise<WorkflowRecord | null> {
  const meta = await services.workflows.readMeta(id);
  return meta && canSee(caller, meta.owner) ? services.workflows.read(id) : null;
}

/** Workflows looked at per `workflows` call at most, newest first (another token's are skipped). */
const MAX_WORKFLOW_SCAN = 500;

/** The caller's newest workflows (an admin: everyone's), `first` of them (1 to 100). */
export async function listWorkflows(services: Services, first: number, caller?: Caller): Promise<WorkflowRecord[]> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new BadUserInputError('Invalid first: a whole number from 1 to 100.');
  const found: WorkflowRecord[] = [];
  for (let offset = 0; found.length < first && offset < MAX_WORKFLOW_SCAN; offset += first) {
    const ids = await services.workflows.newest(offset, first);
    const metas = await Promise.all(ids.map((id) => services.workflows.readMeta(id)));
    const mine = metas.filter((meta) => meta !== null && canSee(caller, meta.owner));
    const records = await Promise.all(mine.map((meta) => services.workflows.read(meta!.id)));
    for (const record of records) if (record && found.length < first) found.push(record);
    if (ids.length < first) break;
  }
  return found;
}

/** Revokes every step that has not finished; CONFLICT when the workflow already has. */
export async function cancelWorkflow(services: Services, id: string, caller?: Caller): Promise<WorkflowRecord> {
  const found = await services.workflows.readMeta(id);
  const meta = found && canSee(caller, found.owner) ? found : null;
  const before = meta && (await services.workflows.read(id));
  if (!meta || !before) throw new NotFoundError(`No workflow with id "${id}"`);
  if (isTerminal(before.state)) {
    throw new ConflictError(`Workflow "${id}" has already finished (${before.state}); only an unfinished workflow can be cancelled.`);
  }
  await services.workflows.markCancelled(id);
  // The root first: once it is revoked, nothing waits for the others.
  const refs = [meta.root, ...meta.tasks.filter((ref) => ref.id !== meta.root.id).reverse()];
  await Promise.all(
    refs.map((ref) =>
      cancelTask(services, ref.id, caller).catch((error: unknown) => {
        // Steps that finished meanwhile, or were revoked along with another, are fine.
        if (error instanceof TaskqlError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) return;
        throw error;
      }),
    ),
  );
  return (await services.workflows.read(id)) ?? before;
}

/**
 * `workflowUpdated`: the workflow now, then one value per change of any step, ending after a
 * final state (and the revocations it causes). Each step is followed like `taskUpdated` (listen first, then read), so nothing
 * is lost between the snapshot and the stream.
 */
export async function watchWorkflow(services: Services, id: string, caller?: Caller): Promise<AsyncIterable<WorkflowRecord>> {
  const meta = await services.workflows.readMeta(id);
  if (!meta || !canSee(caller, meta.owner)) throw new NotFoundError(`No workflow with id "${id}"`);
  // Following a workflow means following each of its steps (up to 100): the subscriptions to
  // one workflow in this process share one follower, whoever they are and whatever they select.
  return (await services.workflowFollowers.join(id, () => followWorkflow(services, id, meta))) as AsyncIterable<WorkflowRecord>;
}

async function followWorkflow(services: Services, id: string, meta: WorkflowMeta): Promise<AsyncIterable<WorkflowRecord>> {
  const others = [...new Map(meta.tasks.filter((ref) => ref.id !== meta.root.id).map((ref) => [ref.id, ref])).values()];
  // The root first: it is revoked only after the failure that causes it is stored, so if its
  // snapshot is final, the other steps' snapshots (read after it) hold that cause.
  // A step that is gone (expired) is left out; any other failure (Redis down or out of memory) fails
  // the subscription, with the steps' streams opened so far closed.
  const follow = async (taskId: string) => {
    try {
      return await watchTask(services, taskId);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
  const root = await follow(meta.root.id);
  const rest = await Promise.allSettled(others.map((ref) => follow(ref.id)));
  const failed = rest.find((outcome) => outcome.status === 'rejected');
  const streams = [root, ...rest.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined))];
  const live = streams.filter((stream) => stream !== undefined);
  if (failed) {
    await Promise.all(live.map((stream) => stream[Symbol.asyncIterator]().return?.()));
    throw failed.reason;
  }
  if (live.length === 0) throw new NotFoundError(`No workflow with id "${id}"`);

  return new Repeater<WorkflowRecord>(async (push, stop) => {
    const iterators = live.map((stream) => stream[Symbol.asyncIterator]());
    void stop.then(() => Promise.all(iterators.map((iterator) => iterator.return?.())));
    const latest = new Map<string, TaskRecord>();
    // Every step's snapshot comes first in its stream.
    for (const iterator of iterators) {
      const first = await iterator.next();
      if (!first.done) latest.set(first.value.id, first.value);
    }
    // Done once the outcome is decided and the root has settled: the root is the last step a
    // failure revokes, so subscribers see every consequence before completion.
    const settled = (workflow: WorkflowRecord) => {
      const root = latest.get(meta.root.id);
      return isTerminal(workflow.state) && (!root || isTerminal(root.state));
    };
    let current = toWorkflowRecord(meta, latest);
    await push(current);
    if (settled(current)) return stop();

    const updates = Repeater.merge(iterators.map((iterator) => ({ [Symbol.asyncIterator]: () => iterator })));
    for await (const task of updates) {
      latest.set(task.id, task);
      const next = toWorkflowRecord(meta, latest);
      if (!workflowDiffers(current, next)) continue;
      if (settled(next)) {
        // The steps' streams run side by side, so the root's revocation may come through before
        // the failure that caused it. That failure is stored before the root is revoked: read
        // the steps not yet final, so the last value says why (FAILURE, not REVOKED).
        await readUnfinished(services, latest);
        current = toWorkflowRecord(meta, latest);
        await push(current);
        break;
      }
      current = next;
      await push(current);
    }
    stop();
  });
}

/** Updates `latest` with the stored state of every step it does not hold as final. */
async function readUnfinished(services: Services, latest: Map<string, TaskRecord>): Promise<void> {
  const unfinished = [...latest.values()].filter((task) => !isTerminal(task.state));
  const stored = await Promise.all(unfinished.map((task) => services.store.read(task.id, { watch: true }).catch(() => null)));
  for (const task of stored) if (task && storedIsNewer(task, latest.get(task.id)!)) latest.set(task.id, task);
}

function workflowDiffers(a: WorkflowRecord, b: WorkflowRecord): boolean {
  if (a.state !== b.state || a.tasks.length !== b.tasks.length) return true;
  return a.tasks.some((task, index) => {
    const other = b.tasks[index]!;
    return task.state !== other.state || task.progress?.percent !== other.progress?.percent;
  });
}

/** Each step checked like runTask; `previousResultAs` only where a previous result exists. */
function checkSteps(
  services: Services,
  field: string,
  steps: readonly WorkflowStepArgs[],
  receivesPrevious: (index: number) => boolean,
): PlannedStep[] {
  if (steps.length === 0 || steps.length > MAX_STEPS) {
    throw new BadUserInputError(`Invalid ${field}: give 1 to ${MAX_STEPS} steps.`);
  }
  return steps.map((step, index) => {
    const where = `${field}[${index}]`;
    const previousResultAs = step.previousResultAs ?? undefined;
    if (previousResultAs !== undefined) {
      const name = PreviousResultAsSchema.safeParse(previousResultAs);
      if (!name.success) throw new BadUserInputError(describeIssues(`${where}.previousResultAs`, name.error));
      if (!receivesPrevious(index)) {
        throw new BadUserInputError(`Invalid ${where}.previousResultAs: this step has no previous result to receive.`);
      }
    }
    const schema = previousResultAs === undefined ? undefined : withoutField(services, step.name, previousResultAs, where);
    const checked = at(where, () => checkTaskRequest(services, step, schema));
    refuseOptions(checked.options, ['delayMs', 'runAt', 'idempotencyKey'], `${where}.options`, 'workflow steps');
    const { delayMs: _delay, runAt: _runAt, idempotencyKey: _key, ...options } = checked.options;
    return { type: checked.type, input: checked.input, options, previousResultAs };
  });
}

/** The step's input schema without the field the previous result will fill in. */
function withoutField(services: Services, name: string, field: string, at: string): z.ZodType | undefined {
  const schema = services.registry.get(name)?.input;
  if (!(schema instanceof z.ZodObject)) return undefined;
  // Own fields only: `in` would also find what every object inherits.
  if (!Object.hasOwn(schema.shape, field)) {
    throw new BadUserInputError(`Invalid ${at}.previousResultAs: "${name}" has no input field "${field}".`);
  }
  return schema.omit({ [field]: true } as never);
}

