import type { TaskEvent } from '../queue/task-record.ts';

/**
 * How long after a task starts its STARTED event is published, in ms, unless something else is
 * published for it first: a progress report or log line sends STARTED at once before it, and a
 * final event (or a retry) takes STARTED along in its own Lua call. Most short tasks so cost one
 * Lua call instead of two, and subscribers still get every event, in order; the task reads as
 * STARTED from the moment a worker takes it (BullMQ's own state).
 */
export const STARTED_EVENT_DELAY_MS = 50;

type Event = Omit<TaskEvent, 'seq'>;

/** A running task's STARTED event, published later or folded into the next one (see above). */
export class StartedEvent {
  #timer: NodeJS.Timeout | undefined;
  #taken = false;

  constructor(
    readonly event: Event,
    /** Publishes it on its own. */
    private readonly publish: (event: Event) => void,
    delayMs = STARTED_EVENT_DELAY_MS,
  ) {
    this.#timer = setTimeout(() => this.send(), delayMs);
  }

  /** Publishes it now, unless it went out (or was taken) already; the caller's event follows it on the same connection. */
  send(): void {
    const event = this.take();
    if (event) this.publish(event);
  }

  /** The event, for the caller to publish with its own; undefined when it went out already. */
  take(): Event | undefined {
    clearTimeout(this.#timer);
    if (this.#taken) return undefined;
    this.#taken = true;
    return this.event;
  }
}
