import { z } from 'zod';
import type { AnyTaskType, RateLimit, TaskType } from './define.ts';

/** Looks task types up by name; shared by the API (validation) and the worker (running). */
export class TaskRegistry {
  readonly #byName = new Map<string, TaskType>();

  readonly #limits = new Map<string, RateLimit | undefined>();

  constructor(types: readonly AnyTaskType[]) {
    for (const type of types) {
      if (this.#byName.has(type.name)) throw new Error(`Task type "${type.name}" is defined twice`);
      this.#byName.set(type.name, type);
      const { queue, rateLimit } = type.defaults;
      if (this.#limits.has(queue) && !sameLimit(this.#limits.get(queue), rateLimit)) {
        throw new Error(
          `Task type "${type.name}" has another rate limit than the other types of queue "${queue}": ` +
            'a rate limit applies to a whole queue, so give the type a queue of its own.',
        );
      }
      this.#limits.set(queue, rateLimit);
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
    return [...this.#limits.keys()];
  }

  /** The rate limit of a queue (that of its types), if any. */
  rateLimit(queue: string): RateLimit | undefined {
    return this.#limits.get(queue);
  }

  /** The input schema as JSON Schema (draft 2020-12), for forms and docs. */
  static inputJsonSchema(type: TaskType): Record<string, unknown> {
    return z.toJSONSchema(type.input, { io: 'input', unrepresentable: 'any' });
  }
}

const sameLimit = (a: RateLimit | undefined, b: RateLimit | undefined): boolean =>
  a?.max === b?.max && a?.durationMs === b?.durationMs;
