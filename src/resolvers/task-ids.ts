import { canSee, type Caller } from '../auth.ts';
import { BadUserInputError } from './errors.ts';
import type { Services } from './services.ts';

export const MAX_TASK_IDS = 50;

/**
 * `taskIds(prefix, first)`: the ids of retained tasks that start with `prefix`, up to `first`,
 * among those the caller may see. A client that takes ids as the dashboard shows them (a short
 * prefix) asks for two: one means the prefix is unique, two that it is ambiguous.
 */
export async function taskIdsWithPrefix(services: Services, prefix: string, first: number, caller: Caller | undefined): Promise<string[]> {
  if (prefix.length === 0) throw new BadUserInputError('Invalid prefix: empty.');
  if (!Number.isInteger(first) || first < 1 || first > MAX_TASK_IDS) {
    throw new BadUserInputError(`Invalid first: a whole number from 1 to ${MAX_TASK_IDS}.`);
  }
  const found = new Set<string>();
  for await (const ids of services.store.index.idsWithPrefix(prefix)) {
    const fresh = ids.filter((id) => !found.has(id));
    const tasks = await Promise.all(fresh.map((id) => services.store.read(id)));
    for (const task of tasks) {
      if (task && canSee(caller, task.owner)) found.add(task.id);
      if (found.size >= first) return [...found];
    }
  }
  return [...found];
}
