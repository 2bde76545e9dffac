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

const cache = new WeakMap<TaskRegistry, TaskTypeInfo[]>();

/** Every registered type with its input as JSON Schema; computed once per registry (it is fixed). */
export function listTaskTypes({ registry }: Services): TaskTypeInfo[] {
  const cached = cache.get(registry);
  if (cached) return cached;
  const types = registry
    .list()
    .filter((type) => !type.internal)
    .map((type) => ({
    name: type.name,
    description: type.description,
    inputSchema: TaskRegistry.inputJsonSchema(type),
    queue: type.defaults.queue,
    attempts: type.defaults.attempts,
    backoffMs: type.defaults.backoffMs,
    timeoutMs: type.defaults.timeoutMs ?? null,
  }));
  cache.set(registry, types);
  return types;
}
