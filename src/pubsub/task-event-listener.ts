import type { RedisClient } from '../redis/connections.ts';
import { channelsOf, type Channels } from '../redis/pubsub.ts';
import type { TaskEvent } from '../queue/task-record.ts';
import { topics, type FeedEvent } from '../queue/topics.ts';
import { AsyncQueue, type Overflow } from './async-queue.ts';
import type { FeedWatch } from './feed-watch.ts';

/** A live feed of one task's events, buffered from the moment it was opened. */
export type TaskEventStream = BufferedStream<TaskEvent>;

/**
 * The API side of task events. All subscribers of one task in this process share one Redis
 * channel subscription: taken with the first, given back after the last.
 */
export class TaskEventListener {
  readonly #channels: Channels;
  /** Open streams by channel. */
  readonly #listening = new Map<string, Set<BufferedStream<unknown>>>();
  /** Channels whose last stream closed in this pass of the event loop (see #leave). */
  readonly #leaving = new Set<string>();

  constructor(
    private readonly subscribeClient: RedisClient,
    private readonly prefix: string,
    /** Tells the workers while this process has feed subscribers (see FeedWatch). */
    private readonly feedWatch?: FeedWatch,
  ) {
    this.#channels = channelsOf(subscribeClient);
    this.#channels.onMessage((channel, message) => {
      const streams = this.#listening.get(channel);
      if (!streams) return;
      const event = JSON.parse(message) as unknown;
      for (const stream of streams) stream.push(event);
    });
    // Messages published while the connection was down are lost: every open stream is told, so
    // that it reads the state again, once Redis has confirmed its channel again (a read before
    // that could miss an event published before the resubscription: it would wait forever).
    this.#channels.afterInterruption(
      () => [...this.#listening.keys()],
      (channels) => {
        for (const channel of channels) for (const stream of this.#listening.get(channel) ?? []) stream.push(RESYNC);
      },
    );
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

  /**
   * Every change of every task (the global feed); same guarantees as `listen`, once the workers
   * know that the feed is watched (they publish a short task's events only to those who watch).
   */
  listenFeed(): Promise<BufferedStream<FeedEvent>> {
    return this.#listen<FeedEvent>(topics.taskFeed(this.prefix), this.feedWatch);
  }

  async #listen<T>(channel: string, watch?: FeedWatch): Promise<BufferedStream<T>> {
    let release: () => unknown = () => {};
    const streams = this.#listening.get(channel) ?? new Set();
    this.#listening.set(channel, streams);
    const stream: BufferedStream<T> = new AsyncQueue<T | typeof RESYNC>({
      limit: MAX_BUFFERED_EVENTS,
      overflow: resyncInstead,
      onClose: () => {
        void release();
        streams.delete(stream as BufferedStream<unknown>);
        if (streams.size > 0 || this.#listening.get(channel) !== streams) return;
        this.#listening.delete(channel);
        this.#leave(channel);
      },
    });
    streams.add(stream as BufferedStream<unknown>);
    try {
      // Idempotent: the second listener's SUBSCRIBE is answered after the first one's.
      await this.#channels.subscribe(channel);
      if (watch) release = await watch.hold();
    } catch (error) {
      stream.close();
      throw error;
    }
    return stream;
  }

  /**
   * Gives `channel` back to Redis. A task's subscribers end with it, so many channels are given
   * back at once (the tasks one worker pass finished): those of one pass of the event loop go in
   * one UNSUBSCRIBE, one write instead of one per channel. A channel listened to again before
   * then stays: its SUBSCRIBE has gone out already, and nothing goes out after it to undo it.
   */
  #leave(channel: string): void {
    this.#leaving.add(channel);
    if (this.#leaving.size > 1) return;
    setImmediate(() => {
      const channels = [...this.#leaving].filter((left) => !this.#listening.has(left));
      this.#leaving.clear();
      // Fails harmlessly while Redis is down: a closed connection holds no subscriptions.
      if (channels.length > 0) this.#channels.unsubscribe(...channels).catch(() => 0);
    });
  }
}

/** Pushed into a stream after a reconnect: events may have been lost, read the state again. */
export const RESYNC = Symbol('resync');

/**
 * Events buffered for one reader at most. Past this, the reader is too slow to follow event by
 * event: the buffer is dropped for one RESYNC, and the reader reads the state again (a task's
 * store holds everything its events said).
 */
export const MAX_BUFFERED_EVENTS = 1000;

/** A stream of one channel's events: a queue of at most MAX_BUFFERED_EVENTS, then one RESYNC. */
export type BufferedStream<T> = AsyncQueue<T | typeof RESYNC>;

/** Too far behind: what was buffered (and the new event) is read again from the store instead. */
const resyncInstead: Overflow<unknown> = (queued) => {
  queued.length = 0;
  queued.push(RESYNC);
};
