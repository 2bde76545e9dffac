import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTask } from './define.ts';
import { NonRetryableError } from './errors.ts';

/** Retrying cannot make y non-zero. */
export class ZeroDivisionError extends NonRetryableError {}

const STEPS = 4;

export const divide = defineTask({
  name: 'divide',
  description: 'Waits delayMs (reporting progress), then returns x / y. y = 0 fails with "division by zero".',
  input: z.object({
    x: z.number(),
    y: z.number(),
    delayMs: z.number().int().min(0).max(60_000).default(1000), // a demo's wait, not a way to hold a slot
  }),
  result: z.number().describe('x / y'),
  async run({ x, y, delayMs }, ctx) {
    for (let step = 1; step <= STEPS; step++) {
      await sleep(delayMs / STEPS, undefined, { signal: ctx.signal });
      await ctx.progress((step / STEPS) * 100);
    }
    if (y === 0) throw new ZeroDivisionError('division by zero');
    return x / y;
  },
});
