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
 * An iterator object rather than a generator, so that `return()` (the subscriber left) closes
 * the stream at once even while waiting for an event, and each subscription holds little.
 */
class TaskFollower implements AsyncIterableIterator<TaskRecord> {
  #first = true;
  #done = false;

  constructor(
    private readonly services: Services,
    private current: TaskRecord,
    private readonly stream: TaskEventStream,
  ) {}

  async next(): Promise<IteratorResult<TaskRecord>> {
    if (this.#done) return DONE;
    if (this.#first) {
      this.#first = false;
      return this.#emit(this.current);
    }
    for (let event = await this.stream.take(); event !== undefined; event = await this.stream.take()) {
      let next: TaskRecord;
      if (event === RESYNC) {
        // Reconnected: events may be lost, the store is not. Take what it holds if newer.
        const stored = await this.services.store.read(this.current.id).catch(() => null);
        if (!stored || stored.seq <= this.current.seq) continue;
        next = stored;
      } else {
        if (event.seq <= this.current.seq) continue;
        next = applyTaskEvent(this.current, event);
      }
      // A logged line changes Task.logs, which is read when asked for.
      const logged = event !== RESYNC && event.log !== undefined;
      const changed = differs(this.current, next) || isTerminal(next.state) || logged;
      this.current = next;
      if (changed) return this.#emit(next);
    }
    return this.return();
  }

  async return(): Promise<IteratorResult<TaskRecord>> {
    this.#done = true;
    this.stream.close();
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** A final state is the last value. */
  #emit(task: TaskRecord): IteratorResult<TaskRecord> {
    if (isTerminal(task.state)) {
      this.#done = true;
      this.stream.close();
    }
    return { done: false, value: task };
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
