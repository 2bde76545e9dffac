/**
 * Operations (over graphql-ws) starting at once, at most. Past it, the next wait their turn in
 * order; each holds its slot until it has started (see StartSlots), or START_SLOT_HOLD_MS.
 *
 * 10,000 `taskUpdated` subscriptions sent together (100 sockets): with every one in flight at
 * once, waiting on Redis, their temporaries outlived the young generation's collections and
 * were kept as old-generation garbage, API RSS 441-453 MB; 64 at a time, 301-302 MB, and all
 * subscribed as soon (2.8-3.5 s against 2.8-4.8 s). 16 at a time: 314 MB.
 * @defaultValue 64
 */
export const START_SLOTS = 64;

/**
 * The longest one operation holds a start slot, in ms: one that waits on a Redis that does not
 * answer does not hold up the operations behind it longer (they then fail as loudly on their own).
 * @defaultValue 1000
 */
export const START_SLOT_HOLD_MS = 1000;

/**
 * Start slots: a burst of operations (thousands of clients subscribing at once, or resubscribing
 * after an API restart) starts a few at a time instead of all at once.
 */
export class StartSlots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(
    limit = START_SLOTS,
    private readonly holdMs = START_SLOT_HOLD_MS,
  ) {
    this.#free = limit;
  }

  /** Resolves once a slot is free, with the slot's release (idempotent; also called after holdMs). */
  async take(): Promise<() => void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
    const timer = setTimeout(release, this.holdMs);
    timer.unref();
    return release;
  }
}

/** `source`, calling `started` once its first value (or its end, or failure) is out, or its reader leaves before that. */
export function onFirstValue<T>(source: AsyncIterable<T>, started: () => void): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let first = true;
  return {
    next: () => {
      const result = iterator.next();
      if (!first) return result;
      first = false;
      return result.finally(started);
    },
    return: (value?: unknown) => {
      started();
      return iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined });
    },
    throw: (error?: unknown) => {
      started();
      return iterator.throw?.(error) ?? Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
