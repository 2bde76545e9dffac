/** What a full queue does with one more item: rewrites `queued` in place (it holds `limit` items). */
export type Overflow<T> = (queued: T[], item: T) => void;

/** Past the limit, only the newest item is kept (for values that each hold the whole state). */
export const keepLatest: Overflow<unknown> = (queued, item) => {
  queued.length = 0;
  queued.push(item);
};

export interface AsyncQueueOptions<T> {
  /**
   * Most items queued for the reader; past it `overflow` decides what is kept.
   * @defaultValue Infinity
   */
  limit?: number;
  /** @defaultValue keepLatest */
  overflow?: Overflow<T>;
  /** Called once when the queue closes: by `close()`, or the reader's `return()` (it left). */
  onClose?: () => void;
}

/**
 * A small push/pull queue: producers `push`, one reader pulls (`take`, or as an async
 * iterator). Bounded: past `limit`, `overflow` decides what is kept. `end()` lets the reader
 * have what is queued, then done (or the failure it was given, thrown); `close()` (or the
 * reader's `return()`) ends it at once, a pending read included, and drops what is queued.
 *
 * A waiting read is one promise and its settle functions, handed the next item directly: no
 * async function stays suspended per waiting reader (a subscription has a few of these
 * queues waiting all its life, so that is memory per subscription).
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  readonly #limit: number;
  readonly #overflow: Overflow<T>;
  readonly #onClose: (() => void) | undefined;
  /** The reader's pending read, while it waits for an item. */
  #reader: Reader<T> | undefined;
  #ended = false;
  #closed = false;
  #failure: unknown;

  constructor(options: AsyncQueueOptions<T> = {}) {
    this.#limit = options.limit ?? Infinity;
    this.#overflow = options.overflow ?? keepLatest;
    this.#onClose = options.onClose;
  }

  push(item: T): void {
    if (this.#ended) return;
    const reader = this.#reader;
    if (reader) {
      this.#reader = undefined;
      reader.resolve({ done: false, value: item });
    } else if (this.#items.length >= this.#limit) this.#overflow(this.#items, item);
    else this.#items.push(item);
  }

  /** No more items: the reader gets what is queued, then done (or `failure`, thrown once). */
  end(failure?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#failure = failure;
    // A waiting reader means nothing is queued: it gets the end now.
    if (this.#reader) this.#settle(this.#reader);
  }

  /** Ends the queue now: a pending read is done, queued items are dropped. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ended = true;
    this.#items.length = 0;
    this.#failure = undefined;
    this.#onClose?.();
    if (this.#reader) this.#settle(this.#reader);
  }

  /** The next item, waiting for one; undefined once the queue has ended and is empty. */
  async take(): Promise<T | undefined> {
    const next = await this.next();
    return next.done ? undefined : next.value;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) return Promise.resolve({ done: false, value: this.#items.shift() as T });
    if (this.#ended) return new Promise((resolve, reject) => this.#settle({ resolve, reject }));
    return new Promise((resolve, reject) => (this.#reader = { resolve, reject }));
  }

  /** The reader leaves. */
  async return(): Promise<IteratorResult<T>> {
    this.close();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Answers a read of the ended, empty queue: its failure (once), else done. */
  #settle(reader: Reader<T>): void {
    this.#reader = undefined;
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure !== undefined) reader.reject(failure);
    else reader.resolve(DONE);
  }
}

/** A read waiting for an item: its promise's settle functions. */
interface Reader<T> {
  resolve: (result: IteratorResult<T>) => void;
  reject: (error: unknown) => void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
