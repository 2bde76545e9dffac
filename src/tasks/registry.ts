import { z } from 'zod';
import type { AnyTaskType, TaskType } from './define.ts';

/** Looks task types up by name; shared by the API (validation) and the worker (running). */
export class TaskRegistry {
  readonly #byName = new Map<string, TaskType>();

  constructor(types: readonly AnyTaskType[]) {
    for (const type of types) {
      if (this.#byName.has(type.name)) throw new Error(`Task type "${type.name}" is defined twice`);
      this.#byName.set(type.name, type);
    }
  }

  get(name: string): TaskType | undefined {
    return this.#byName.get(name);
  }

  list(): TaskType[] {
    return [...this.#byName.values()];
  }

  /** The queues the registered types use, each once. */
  queueNames(): string[] {
    return [...new Set(this.list().map((type) => type.defaults.queue))];
  }

  /** The input schema as JSON Schema (draft 2020-12), for forms and docs. */
  static inputJsonSchema(type: TaskType): Record<string, unknown> {
    return z.toJSONSchema(type.input, { io: 'input', unrepresentable: 'any' });
  }
}
