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
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  readonly #limit: number;
  readonly #overflow: Overflow<T>;
  readonly #onClose: (() => void) | undefined;
  #wake: (() => void) | undefined;
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
    if (this.#items.length >= this.#limit) this.#overflow(this.#items, item);
    else this.#items.push(item);
    this.#wake?.();
  }

  /** No more items: the reader gets what is queued, then done (or `failure`, thrown once). */
  end(failure?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#failure = failure;
    this.#wake?.();
  }

  /** Ends the queue now: a pending read is done, queued items are dropped. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ended = true;
    this.#items.length = 0;
    this.#onClose?.();
    this.#wake?.();
  }

  /** The next item, waiting for one; undefined once the queue has ended and is empty. */
  async take(): Promise<T | undefined> {
    const item = await this.#pull();
    return item === OVER ? undefined : item;
  }

  async next(): Promise<IteratorResult<T>> {
    const item = await this.#pull();
    if (item !== OVER) return { done: false, value: item };
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#failure = undefined;
      throw failure;
    }
    return DONE;
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

  async #pull(): Promise<T | typeof OVER> {
    while (this.#items.length === 0) {
      if (this.#ended) return OVER;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
    return this.#items.shift() as T;
  }
}

/** What #pull answers once the queue has ended and is empty. */
const OVER = Symbol('over');

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
