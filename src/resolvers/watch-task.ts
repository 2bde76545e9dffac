import { Repeater } from 'graphql-yoga';
import { applyTaskEvent, differs, isTerminal, type TaskRecord } from '../queue/task-record.ts';
import { canSee, type Caller } from '../auth.ts';
import { RESYNC } from '../pubsub/task-event-listener.ts';
import { NotFoundError, ServiceUnavailableError } from './errors.ts';
import type { Services } from './services.ts';

/**
 * `taskUpdated`: the task as it is now, then one value per change, ending after a final
 * state. Listens before it reads, and drops events the snapshot already contains (by their
 * sequence number), so nothing is lost or repeated between the two.
 */
export async function watchTask(services: Services, id: string, caller?: Caller): Promise<AsyncIterable<TaskRecord>> {
  if (!services.events.available) {
    throw new ServiceUnavailableError('Task events (Redis pub/sub) are unavailable; subscribe again shortly.');
  }
  const stream = await services.events.listen(id);
  let snapshot: TaskRecord | null;
  try {
    snapshot = await services.store.read(id);
  } catch (error) {
    stream.close();
    throw error;
  }
  if (!snapshot || !canSee(caller, snapshot.owner)) {
    stream.close();
    throw new NotFoundError(`No task with id "${id}"`);
  }
  const first = snapshot;

  return new Repeater<TaskRecord>(async (push, stop) => {
    void stop.then(() => stream.close());
    let current = first;
    await push(current);
    if (isTerminal(current.state)) return stop();
    for await (const event of stream) {
      let next: TaskRecord;
      if (event === RESYNC) {
        // Reconnected: events may be lost, the store is not. Take what it holds if newer.
        const stored = await services.store.read(id).catch(() => null);
        if (!stored || stored.seq <= current.seq) continue;
        next = stored;
      } else {
        if (event.seq <= current.seq) continue;
        next = applyTaskEvent(current, event);
      }
      // A logged line changes Task.logs, which is read when asked for.
      const logged = event !== RESYNC && event.log !== undefined;
      const changed = differs(current, next) || isTerminal(next.state) || logged;
      current = next;
      if (!changed) continue;
      await push(current);
      if (isTerminal(current.state)) break;
    }
    stop();
  });
}
