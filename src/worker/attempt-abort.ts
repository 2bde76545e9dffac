/**
 * How a running attempt is stopped: by cancelTask, by the worker's shutdown, or by its time
 * limit. Its handler sees it as `ctx.signal`, an AbortSignal made the first time the handler
 * asks for it; an attempt whose handler never asks (most short tasks) makes none.
 *
 * An AbortController per attempt (BullMQ makes one for each job when the processor takes a
 * signal), `AbortSignal.any` and `AbortSignal.timeout` for the time limit, and an 'abort'
 * listener to give the slot back from a handler that ignores its signal: those EventTargets cost
 * a no-op task ~7 µs of a worker's CPU, and more of its garbage collection (`node --cpu-prof`
 * of a worker draining 30,000 no-ops).
 */
export class AttemptAbort {
  #aborted = false;
  #reason: unknown;
  #controller: AbortController | undefined;
  #reject: ((error: Error) => void) | undefined;
  #timer: NodeJS.Timeout | undefined;

  /** Aborts it with a TimeoutError (as AbortSignal.timeout does) after `timeoutMs`, if given. */
  limitTo(timeoutMs: number | undefined): void {
    if (timeoutMs === undefined || this.#aborted) return;
    this.#timer = setTimeout(() => this.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  /** Why it aborted (undefined while it has not). */
  get reason(): unknown {
    return this.#reason;
  }

  /** The handler's `ctx.signal`. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the attempt (only the first reason counts). */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    clearTimeout(this.#timer);
    this.#controller?.abort(reason);
    this.#reject?.(toError(reason));
  }

  /** Rejects with the reason once the attempt aborts: raced against a handler that ignores its signal. */
  rejection(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.#aborted) reject(toError(this.#reason));
      else this.#reject = reject;
    });
  }

  /** The attempt is over: its time limit no longer runs. */
  end(): void {
    clearTimeout(this.#timer);
  }
}

export const toError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));
