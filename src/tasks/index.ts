import type { AnyTaskType } from './define.ts';
import { collectResults } from './collect-results.ts';
import { divide } from './divide.ts';
import { fetchUrl } from './fetch-url.ts';
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
export { CANCELLED_MESSAGE, NonRetryableError, RevokedError } from './errors.ts';
export { TaskRegistry } from './registry.ts';

/** Every task type this service knows. Add a type: one file in this folder, one line here. */
export const taskTypes: readonly AnyTaskType[] = [divide, processData, sendEmail, fetchUrl, noop, sleep, sum, tick, collectResults];
