import { TaskRegistry } from '../tasks/index.ts';
import type { Services } from './services.ts';

export interface TaskTypeInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  queue: string;
  attempts: number;
  backoffMs: number;
  timeoutMs: number | null;
}

let cache: TaskTypeInfo[] | undefined;

/** Every registered type with its input as JSON Schema; computed once, the registry is fixed. */
export function listTaskTypes(services: Services): TaskTypeInfo[] {
  cache ??= services.registry.list().map((type) => ({
    name: type.name,
    description: type.description,
    inputSchema: TaskRegistry.inputJsonSchema(type),
    queue: type.defaults.queue,
    attempts: type.defaults.attempts,
    backoffMs: type.defaults.backoffMs,
    timeoutMs: type.defaults.timeoutMs ?? null,
  }));
  return cache;
}
