import { afterEach, describe, expect, it, vi } from 'vitest';
import { onFirstValue, StartSlots } from '../src/server/start-slots.ts';
import { AsyncQueue } from '../src/pubsub/async-queue.ts';

describe('start slots', () => {
  afterEach(() => void vi.useRealTimers());

  it('lets at most the limit start at once, the rest in the order they came, each slot given back once', async () => {
    const slots = new StartSlots(2);
    const order: number[] = [];
    const releases = new Map<number, () => void>();
    const taken = [1, 2, 3, 4].map((n) => slots.take().then((release) => (order.push(n), releases.set(n, release))));
    await Promise.all(taken.slice(0, 2));
    await Promise.resolve();
    expect(order).toEqual([1, 2]);
    releases.get(2)!();
    releases.get(2)!(); // twice: still one slot
    await taken[2];
    await Promise.resolve();
    expect(order).toEqual([1, 2, 3]);
    releases.get(1)!();
    await taken[3];
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('gives a slot back on its own after the hold time, so a start that hangs holds up no one for longer', async () => {
    vi.useFakeTimers();
    const slots = new StartSlots(1, 1000);
    await slots.take(); // never released by its holder
    let second = false;
    const waiting = slots.take().then(() => (second = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(second).toBe(true);
  });

  it('counts a stream as started at its first value, or when its reader leaves first', async () => {
    const queue = new AsyncQueue<number>();
    let started = 0;
    const stream = onFirstValue(queue, () => started++);
    const first = stream.next();
    expect(started).toBe(0);
    queue.push(7);
    expect(await first).toEqual({ done: false, value: 7 });
    queue.push(8);
    expect(await stream.next()).toEqual({ done: false, value: 8 });
    expect(started).toBe(1);

    let left = 0;
    const unread = new AsyncQueue<number>();
    await onFirstValue(unread, () => left++).return!(undefined);
    expect(left).toBe(1);
  });
});
