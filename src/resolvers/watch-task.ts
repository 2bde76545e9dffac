import { isStoreUnavailableError } from '../queue/queue-outcome.ts';
import { applyTaskEvent, differs, isTerminal, storedIsNewer, type TaskRecord } from '../queue/task-record.ts';
import { canSee, type Caller } from '../auth.ts';
import { AsyncQueue } from '../pubsub/async-queue.ts';
import { MAX_QUEUED_STATES } from '../pubsub/shared-streams.ts';
import { RESYNC, type TaskEventStream } from '../pubsub/task-event-listener.ts';
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
    // Marks the task watched, unless it has finished: its worker then publishes its final
    // event even if nothing else went out (see TaskEventPublisher.finish).
    snapshot = await services.store.read(id, { watch: true });
  } catch (error) {
    stream.close();
    throw error;
  }
  if (!snapshot || !canSee(caller, snapshot.owner)) {
    stream.close();
    throw new NotFoundError(`No task with id "${id}"`);
  }
  return follow(services, snapshot, stream);
}

/**
 * The snapshot, then the task after each event that changes it; done after a final state. The
 * values go through a queue of their own (at most MAX_QUEUED_STATES, then the latest: each is
 * the whole task), so the reader's `return()` (the subscriber left) closes the stream at once,
 * even while it waits for an event.
 */
function follow(services: Services, snapshot: TaskRecord, stream: TaskEventStream): AsyncIterableIterator<TaskRecord> {
  let left = false;
  const values = new AsyncQueue<TaskRecord>({
    limit: MAX_QUEUED_STATES,
    onClose: () => {
      left = true;
      stream.close();
    },
  });
  values.push(snapshot);
  if (isTerminal(snapshot.state)) {
    stream.close();
    values.end();
    return values;
  }
  void (async () => {
    let current = snapshot;
    for await (const event of stream) {
      let next: TaskRecord;
      if (event === RESYNC) {
        // Reconnected: events may be lost, the store is not. Take what it holds if newer.
        // Marked again: a failover may have lost the first mark with the events.
        const stored = await readAgain(services, current.id, () => left);
        if (!stored || !storedIsNewer(stored, current)) continue;
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
      // A final state is the last value.
      if (isTerminal(next.state)) stream.close();
      values.push(next);
    }
    values.end();
  })();
  return values;
}

/** The first wait before a failed read is tried again, in ms; doubled each time, up to READ_AGAIN_MAX_MS. */
const READ_AGAIN_FIRST_MS = 100;
const READ_AGAIN_MAX_MS = 5_000;

/**
 * The task read again after a reconnect (and marked watched again), tried until a read answers:
 * the first after a failover can fail (the command connection not back yet, a replica still
 * loading), and a subscriber whose read was dropped would wait for an event that may never come
 * (its task's final one lost with the connection). Only while Redis is unavailable: any other
 * failure is logged and the subscription goes on by its events. Each wait is jittered (0.5–1.5×),
 * so the subscribers of a reconnect do not all read again at the same moments. Undefined once
 * the subscriber has left.
 */
async function readAgain(services: Services, id: string, left: () => boolean): Promise<TaskRecord | null | undefined> {
  for (let wait = READ_AGAIN_FIRST_MS; !left(); wait = Math.min(wait * 2, READ_AGAIN_MAX_MS)) {
    try {
      return await services.store.read(id, { watch: true });
    } catch (error) {
      if (!isStoreUnavailableError(error)) {
        services.log.warn({ err: error, taskId: id }, 'could not read a task again after a reconnect');
        return null;
      }
      // Unref'd: a server shutting down does not wait for it (its subscribers leave first).
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())).unref());
    }
  }
  return undefined;
}
