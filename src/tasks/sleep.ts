import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import { defineTask } from './define.ts';

export const sleep = defineTask({
  name: 'sleep',
  description: 'Waits ms milliseconds (stops early when cancelled); returns ms (for benchmarks).',
  // Capped at what a demo or a benchmark needs: an anonymous caller cannot hold a worker slot for long.
  input: z.object({ ms: z.number().int().min(0).max(60_000) }),
  result: z.int().describe('ms'),
  async run({ ms }, ctx) {
    await wait(ms, undefined, { signal: ctx.signal });
    return ms;
  },
});
