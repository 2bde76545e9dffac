import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { TaskEvent } from '../queue/task-record.ts';
import { topics, type FeedEvent } from './topics.ts';

/** A live feed of one task's events, buffered from the moment it was opened. */
export type TaskEventStream = BufferedStream<TaskEvent>;

/**
 * The API side of task events. All subscribers of one task in this process share one Redis
 * channel subscription (the event target counts listeners and unsubscribes after the last).
 */
export class TaskEventListener {
  readonly #target;

  readonly #streams = new Set<BufferedStream<unknown>>();

  constructor(
    publishClient: Redis,
    private readonly subscribeClient: Redis,
    private readonly prefix: string,
  ) {
    this.#target = createRedisEventTarget<CustomEvent<TaskEvent>>({
      publishClient,
      subscribeClient: withSettledSubscriptions(subscribeClient),
    });
    // Messages published while the connection was down are lost (ioredis subscribes again by
    // itself): every open stream is told, so that it reads the state again.
    let down = false;
    subscribeClient.on('close', () => (down = true));
    subscribeClient.on('ready', () => {
      if (!down) return;
      down = false;
      for (const stream of this.#streams) stream.resync();
    });
  }

  /** False while the subscription connection is down (a new listener would wait for it). */
  get available(): boolean {
    return this.subscribeClient.status === 'ready';
  }

  /**
   * Starts listening to a task and resolves once Redis has confirmed the subscription, so a
   * snapshot read after this cannot miss an event published after it.
   */
  listen(taskId: string): Promise<TaskEventStream> {
    return this.#listen<TaskEvent>(topics.taskUpdated(this.prefix, taskId));
  }

  /** Every change of every task (the global feed); same guarantees as `listen`. */
  listenFeed(): Promise<BufferedStream<FeedEvent>> {
    return this.#listen<FeedEvent>(topics.taskFeed(this.prefix));
  }

  async #listen<T>(channel: string): Promise<BufferedStream<T>> {
    const stream = new BufferedStream<T>(() => {
      this.#target.removeEventListener(channel, listener);
      this.#streams.delete(stream as BufferedStream<unknown>);
    });
    const listener = (event: CustomEvent<TaskEvent>) => stream.push(event.detail as T);
    this.#target.addEventListener(channel, listener);
    this.#streams.add(stream as BufferedStream<unknown>);
    try {
      // SUBSCRIBE is idempotent; this reply comes after the event target's own SUBSCRIBE.
      await this.subscribeClient.subscribe(channel);
    } catch (error) {
      stream.close();
      throw error;
    }
    return stream;
  }
}

/**
 * The event target fires SUBSCRIBE and UNSUBSCRIBE and forgets them. Either can fail while
 * Redis is down or the connection closes; that is harmless (a closed connection holds no
 * subscriptions, and `listen` awaits its own SUBSCRIBE and reports a failure), so here they
 * settle quietly instead of becoming unhandled rejections.
 */
function withSettledSubscriptions(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, property) {
      if (property === 'subscribe' || property === 'unsubscribe') {
        return (...channels: string[]) => target[property](...channels).catch(() => 0);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Pushed into a stream after a reconnect: events may have been lost, read the state again. */
export const RESYNC = Symbol('resync');

/** An async-iterable queue whose `close()` ends a pending `take()` (or `next()`) at once. */
export class BufferedStream<T> implements AsyncIterable<T | typeof RESYNC> {
  readonly #items: (T | typeof RESYNC)[] = [];
  #wake: (() => void) | undefined;
  #closed = false;

  constructor(private readonly onClose: () => void) {}

  push(item: T): void {
    if (this.#closed) return;
    this.#items.push(item);
    this.#wake?.();
  }

  resync(): void {
    if (this.#closed) return;
    this.#items.push(RESYNC);
    this.#wake?.();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onClose();
    this.#wake?.();
  }

  /** The next item, waiting for one; undefined once closed. */
  async take(): Promise<T | typeof RESYNC | undefined> {
    while (this.#items.length === 0) {
      if (this.#closed) return undefined;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
    return this.#items.shift();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T | typeof RESYNC> {
    try {
      for (let item = await this.take(); item !== undefined; item = await this.take()) yield item;
    } finally {
      this.close();
    }
  }
}
