import { AsyncQueue } from './async-queue.ts';

const ABANDONED = Symbol('abandoned');

/** One subscriber's view of a shared stream: its own queue, its own end. */
type Subscriber<Value> = AsyncQueue<Value>;

/**
 * Subscribers of the same state stream (a stream whose every value is the whole state: first
 * the snapshot, then once per change) share one source: one snapshot read, one Redis channel
 * listener per thing followed, whose values go to each of them. Used for GraphQL executions
 * (same operation, variables and caller: see server/shared-subscriptions.ts) and for followers
 * of a workflow (one per workflow, whatever the operation). A thousand browser tabs on one task
 * cost about what one does (event latency and memory per subscription, see the benchmark).
 *
 * A subscriber who joins a running stream gets its latest value first (the state now, as a
 * new subscription's snapshot would be), then every later one. Each subscriber has its own
 * queue, so a slow one delays nobody (and one too slow skips to the latest value). The shared execution stops with its last subscriber.
 */
export class SharedStreams<Value, Refusal = never> {
  readonly #streams = new Map<string, SharedStream<Value, Refusal>>();

  /**
   * Joins the stream of `key`, starting it with `start` if none runs. Answers what `start`
   * answers: the stream (as this subscriber's own iterator) or an error result.
   */
  async join(key: string, start: () => Promise<Started<Value, Refusal>> | Started<Value, Refusal>): Promise<Started<Value, Refusal>> {
    for (;;) {
      let stream = this.#streams.get(key);
      if (!stream) {
        const created: SharedStream<Value, Refusal> = new SharedStream(start, () => this.#streams.get(key) === created && this.#streams.delete(key));
        this.#streams.set(key, (stream = created));
      }
      const joined = await stream.join();
      // Its last subscriber left while this one was joining: start afresh.
      if (joined !== ABANDONED) return joined;
    }
  }

  /** Streams running now (for tests and metrics). */
  get size(): number {
    return this.#streams.size;
  }
}

/** What a source's start answers: the stream, or (for GraphQL) an error result instead. */
type Started<Value, Refusal> = AsyncIterable<Value> | Refusal;

class SharedStream<Value, Refusal> {
  readonly #subscribers = new Set<Subscriber<Value>>();
  readonly #started: Promise<Started<Value, Refusal>>;
  readonly #onEnd: () => void;
  #source: AsyncIterator<Value> | undefined;
  #latest: { value: Value } | undefined;
  #ended = false;
  #abandoned = false;

  constructor(start: () => Promise<Started<Value, Refusal>> | Started<Value, Refusal>, onEnd: () => void) {
    this.#onEnd = onEnd;
    this.#started = Promise.resolve()
      .then(start)
      .then(
        (started) => {
          if (!isAsyncIterable<Value>(started)) this.#end();
          else void this.#pump((this.#source = started[Symbol.asyncIterator]()));
          return started;
        },
        (error: unknown) => {
          this.#end();
          throw error;
        },
      );
  }

  async join(): Promise<Started<Value, Refusal> | typeof ABANDONED> {
    const started = await this.#started;
    if (!isAsyncIterable<Value>(started)) return started;
    if (this.#abandoned) return ABANDONED;
    // Its own queue, bounded (MAX_QUEUED_STATES, then the latest); leaving is its return().
    const subscriber: Subscriber<Value> = new AsyncQueue<Value>({ limit: MAX_QUEUED_STATES, onClose: () => this.#leave(subscriber) });
    if (this.#latest) subscriber.push(this.#latest.value);
    if (this.#ended) subscriber.end();
    else this.#subscribers.add(subscriber);
    return subscriber;
  }

  async #pump(source: AsyncIterator<Value>): Promise<void> {
    let failure: unknown;
    try {
      for (let next = await source.next(); !next.done; next = await source.next()) {
        this.#latest = { value: next.value };
        for (const subscriber of this.#subscribers) subscriber.push(next.value);
      }
    } catch (error) {
      failure = error;
    }
    this.#end();
    for (const subscriber of this.#subscribers) subscriber.end(failure);
    this.#subscribers.clear();
  }

  #leave(subscriber: Subscriber<Value>): void {
    this.#subscribers.delete(subscriber);
    if (this.#subscribers.size > 0 || this.#ended) return;
    this.#abandoned = true;
    this.#end();
    void this.#source?.return?.();
  }

  /** No new subscriber joins this stream once it ends; the next one starts a new stream. */
  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#onEnd();
  }
}

/**
 * Values queued for one subscriber at most. A subscriber that reads slower than values come
 * (a socket nobody reads: graphql-ws waits for each send) would make the server hold every one
 * of them; past this many, the queue keeps only the latest. A state stream's value holds the
 * whole state, so the subscriber loses steps, not the state; the last value (the final state)
 * is always delivered, and completion after it.
 */
export const MAX_QUEUED_STATES = 16;

export const isAsyncIterable = <Value>(value: unknown): value is AsyncIterable<Value> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
