import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTask } from './define.ts';

/** Progress with the worker's send time as its message: measures event latency (for benchmarks). */
export const tick = defineTask({
  name: 'tick',
  description: 'Reports progress `count` times, every intervalMs, each with the send time (ms) as message (for benchmarks).',
  // Capped at what a benchmark needs (at most 1,000 s in all): a shipped type is exposed to every caller.
  input: z.object({ count: z.number().int().min(1).max(1000), intervalMs: z.number().int().min(0).max(1000) }),
  result: z.int().describe('count'),
  async run({ count, intervalMs }, ctx) {
    for (let i = 1; i <= count; i++) {
      await sleep(intervalMs, undefined, { signal: ctx.signal });
      await ctx.progress((i / count) * 100, String(Date.now()));
    }
    return count;
  },
});
