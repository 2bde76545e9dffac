/**
 * The `taskql` package: define task types, and run an API and workers for them in your own
 * process (or with the `taskql` bin: `taskql dev --tasks ./tasks.mjs`).
 */
export { z } from 'zod';
export {
  defineContract,
  defineTask,
  implementTask,
  type AnyTaskContract,
  type AnyTaskType,
  type ContractDefinition,
  type RateLimit,
  type TaskContext,
  type TaskContract,
  type TaskDefaults,
  type TaskDefinition,
  type TaskHandler,
  type TaskType,
} from './tasks/define.ts';
export { NonRetryableError } from './tasks/errors.ts';
export { TaskTypeError } from './tasks/validate.ts';
export { exampleTypes } from './tasks/index.ts';
export { createApi, type TaskqlApi } from './service/api.ts';
export { createWorker, type TaskqlWorker } from './service/worker.ts';
export type { RedisOptions, ServiceOptions } from './service/options.ts';
export type { ConfigInput } from './config.ts';
export { ConfigError } from './config.ts';
export type { Logger } from './logger.ts';
