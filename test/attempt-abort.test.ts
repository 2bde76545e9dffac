import { describe, expect, it } from 'vitest';
import { AttemptAbort } from '../src/worker/attempt-abort.ts';

describe('AttemptAbort: how a running attempt is stopped', () => {
  it('gives a handler that asks for its signal after the abort one already aborted, with the reason', () => {
    const abort = new AttemptAbort();
    abort.abort('revoked by cancelTask');
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe('revoked by cancelTask');
  });

  it('aborts a signal handed out before, keeps the first reason, and rejects the race with it', async () => {
    const abort = new AttemptAbort();
    const signal = abort.signal;
    const race = abort.rejection();
    abort.abort('worker shutting down');
    abort.abort('revoked by cancelTask');
    expect(signal.aborted).toBe(true);
    expect(abort.reason).toBe('worker shutting down');
    await expect(race).rejects.toThrow('worker shutting down');
  });

  it('aborts with a TimeoutError once its time limit passes, as AbortSignal.timeout does', async () => {
    const abort = new AttemptAbort();
    abort.limitTo(5);
    await expect(abort.rejection()).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(abort.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'The operation was aborted due to timeout' });
  });

  it('does not abort an attempt that ended before its time limit', async () => {
    const abort = new AttemptAbort();
    abort.limitTo(1);
    abort.end();
    // Node runs timers in the order they are due: the 1 ms one, had it been left, before this one.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(abort.aborted).toBe(false);
  });
});
