import { defaultFetchSettings, type FetchSettings } from '../config.ts';
import type { AnyTaskContract, AnyTaskType } from './define.ts';
import { TaskRegistry } from './registry.ts';
import { collectResults } from './collect-results.ts';
import { divide } from './divide.ts';
import { fetchUrlTask } from './fetch-url.ts';
import { noop } from './noop.ts';
import { processData } from './process-data.ts';
import { sendEmail } from './send-email.ts';
import { sleep } from './sleep.ts';
import { sum } from './sum.ts';
import { tick } from './tick.ts';

export {
  defineContract,
  defineTask,
  implementTask,
  type AnyTaskContract,
  type AnyTaskType,
  type TaskContract,
  type TaskHandler,
  type RateLimit,
  type TaskContext,
  type TaskDefaults,
  type TaskType,
} from './define.ts';
export {
  CANCELLED_MESSAGE,
  FetchRefusedError,
  NonRetryableError,
  ResponseTimeoutError,
  ResponseTooLargeError,
  RevokedError,
} from './errors.ts';
export { fetchUrlTask } from './fetch-url.ts';
export { TaskRegistry } from './registry.ts';
export { TaskTypeError } from './validate.ts';

/** taskql's own plumbing, registered whatever the user's task types (workflows need them). */
export const internalTypes: readonly AnyTaskType[] = [collectResults];

/**
 * The shipped example types (docs/task-types.md), run when no `--tasks` module is given, fetchUrl under
 * `fetch` (a process passes its config). A user's own types live in their project's module
 * instead (docs: task types). Add an example: one file in this folder, one line here.
 */
export const exampleTypes = (fetch: FetchSettings = defaultFetchSettings()): readonly AnyTaskType[] => [
  divide,
  processData,
  sendEmail,
  fetchUrlTask(fetch),
  noop,
  sleep,
  sum,
  tick,
];

/** Every task type this service knows without `--tasks`: the examples and the internal ones. */
export const exampleTaskTypes = (fetch: FetchSettings = defaultFetchSettings()): readonly AnyTaskType[] => [
  ...exampleTypes(fetch),
  ...internalTypes,
];

/** The task types with the default settings. */
export const taskTypes: readonly AnyTaskType[] = exampleTaskTypes();

/** A registry of `types` (the examples, under `fetch`, when undefined) and the internal types. */
export function registryFor<T extends AnyTaskContract>(
  types: readonly T[] | undefined,
  where?: string,
  fetch?: FetchSettings,
): TaskRegistry<T | AnyTaskType> {
  return new TaskRegistry<T | AnyTaskType>([...(types ?? exampleTypes(fetch)), ...internalTypes], where);
}
