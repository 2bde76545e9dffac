import { defaultFetchSettings, type FetchSettings } from '../config.ts';
import type { AnyTaskType } from './define.ts';
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
  defineTask,
  type AnyTaskType,
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

/**
 * Every task type this service knows, fetchUrl under `fetch` (a process passes its config).
 * Add a type: one file in this folder, one line here.
 */
export const exampleTaskTypes = (fetch: FetchSettings = defaultFetchSettings()): readonly AnyTaskType[] => [
  divide,
  processData,
  sendEmail,
  fetchUrlTask(fetch),
  noop,
  sleep,
  sum,
  tick,
  collectResults,
];

/** The task types with the default settings. */
export const taskTypes: readonly AnyTaskType[] = exampleTaskTypes();
