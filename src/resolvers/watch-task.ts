import { applyTaskEvent, differs, isTerminal, type TaskRecord } from '../queue/task-record.ts';
import { canSee, type Caller } from '../auth.ts';
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
    snapshot = await services.store.read(id);
  } catch (error) {
    stream.close();
    throw error;
  }
  if (!snapshot || !canSee(caller, snapshot.owner)) {
    stream.close();
    throw new NotFoundError(`No task with id "${id}"`);
  }
  return new TaskFollower(services, snapshot, stream);
}

/**
 * The snapshot, then the task after each event that changes it; done after a final state.
 * Pulled: each read takes events from the task's stream until one changes the task, so no
 * second queue or loop of its own runs per subscription. Its reader (a shared execution's pump)
 * reads at once; a slow subscriber is bounded further down, by that execution's queue of at
 * most MAX_QUEUED_STATES states for it. The reader's `return()` (the subscriber left) closes
 * the stream, which ends a read waiting for an event.
 */
class TaskFollower implements AsyncIterableIterator<TaskRecord> {
  #current: TaskRecord;
  #snapshotSent = false;
  #done = false;

  constructor(
    private readonly services: Services,
    snapshot: TaskRecord,
    private readonly stream: TaskEventStream,
  ) {
    this.#current = snapshot;
  }

  async next(): Promise<IteratorResult<TaskRecord>> {
    if (!this.#snapshotSent) {
      this.#snapshotSent = true;
      if (isTerminal(this.#current.state)) this.#finish();
      return { done: false, value: this.#current };
    }
    while (!this.#done) {
      const read = await this.stream.next();
      if (read.done) break;
      const event = read.value;
      let next: TaskRecord;
      if (event === RESYNC) {
        // Reconnected: events may be lost, the store is not. Take what it holds if newer.
        const stored = await this.services.store.read(this.#current.id).catch(() => null);
        if (this.#done) break;
        if (!stored || stored.seq <= this.#current.seq) continue;
        next = stored;
      } else {
        if (event.seq <= this.#current.seq) continue;
        next = applyTaskEvent(this.#current, event);
      }
      // A logged line changes Task.logs, which is read when asked for.
      const logged = event !== RESYNC && event.log !== undefined;
      const changed = differs(this.#current, next) || isTerminal(next.state) || logged;
      this.#current = next;
      if (!changed) continue;
      // A final state is the last value.
      if (isTerminal(next.state)) this.#finish();
      return { done: false, value: next };
    }
    this.#finish();
    return DONE;
  }

  async return(): Promise<IteratorResult<TaskRecord>> {
    this.#finish();
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): void {
    this.#done = true;
    this.stream.close();
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
