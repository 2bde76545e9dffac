import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTask } from './define.ts';

export const processData = defineTask({
  name: 'processData',
  description: 'A long job: one progress report per step, then returns "Processed: " + data.',
  // Capped at what a demo needs (at most 100 x 10 s, and a short text): a shipped type is exposed
  // to every caller, who must not be able to hold a worker slot for hours.
  input: z.object({
    data: z.string().max(10_000),
    steps: z.number().int().min(1).max(100).default(10),
    stepMs: z.number().int().min(0).max(10_000).default(1000),
  }),
  result: z.string(),
  async run({ data, steps, stepMs }, ctx) {
    for (let step = 1; step <= steps; step++) {
      await sleep(stepMs, undefined, { signal: ctx.signal });
      await ctx.progress((step / steps) * 100, `step ${step} of ${steps}`);
    }
    return `Processed: ${data}`;
  },
});
