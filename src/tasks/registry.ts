import { z } from 'zod';
import type { AnyTaskType, RateLimit, TaskContract, TaskType } from './define.ts';
import { checkTaskType, TaskTypeError } from './validate.ts';

/**
 * Looks task types up by name; shared by the API (validation: contracts are enough) and the
 * worker (running: `withHandlers()` checks that every type has one).
 */
export class TaskRegistry<T extends TaskContract = TaskContract> {
  readonly #byName = new Map<string, T>();

  readonly #limits = new Map<string, RateLimit | undefined>();

  /**
   * Each entry is checked (a malformed one, or a name given twice, throws a TaskTypeError
   * that names it); `where` says where the list came from, for those messages.
   */
  constructor(types: readonly T[], where = 'the task types') {
    types.forEach((entry, index) => {
      const type = checkTaskType(entry, `${where}, entry ${index + 1}`) as T;
      const other = this.#byName.get(type.name);
      if (other) {
        throw new TaskTypeError(
          other.internal || type.internal
            ? `task type "${type.name}" (${where}) has the name of one of taskql's own types: choose another name`
            : `task type "${type.name}" is defined twice (${where})`,
        );
      }
      this.#byName.set(type.name, type);
      const { queue, rateLimit } = type.defaults;
      if (this.#limits.has(queue) && !sameLimit(this.#limits.get(queue), rateLimit)) {
        throw new TaskTypeError(
          `Task type "${type.name}" has another rate limit than the other types of queue "${queue}": ` +
            'a rate limit applies to a whole queue, so give the type a queue of its own.',
        );
      }
      this.#limits.set(queue, rateLimit);
    });
  }

  get(name: string): T | undefined {
    return this.#byName.get(name);
  }

  list(): T[] {
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

  /** This registry, for a worker: throws if a type is a contract alone (no `run`). */
  withHandlers(): TaskRegistry<AnyTaskType> {
    const bare = this.list().filter((type) => typeof (type as Partial<TaskType>).run !== 'function');
    if (bare.length > 0) {
      throw new TaskTypeError(
        `task type${bare.length > 1 ? 's' : ''} ${bare.map((type) => `"${type.name}"`).join(', ')} ha${bare.length > 1 ? 've' : 's'} no handler ` +
          '(a contract alone): a worker needs the module that implements them (implementTask or defineTask)',
      );
    }
    return this as unknown as TaskRegistry<AnyTaskType>;
  }

  /** The input schema as JSON Schema (draft 2020-12), for forms and docs. */
  static inputJsonSchema(type: TaskContract): Record<string, unknown> {
    return z.toJSONSchema(type.input, { io: 'input', unrepresentable: 'any' });
  }
}

const sameLimit = (a: RateLimit | undefined, b: RateLimit | undefined): boolean =>
  a?.max === b?.max && a?.durationMs === b?.durationMs;
