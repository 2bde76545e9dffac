import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import { defineTask } from './define.ts';

export const sleep = defineTask({
  name: 'sleep',
  description: 'Waits ms milliseconds (stops early when cancelled); returns ms (for benchmarks).',
  input: z.object({ ms: z.number().int().min(0).max(86_400_000) }),
  async run({ ms }, ctx) {
    await wait(ms, undefined, { signal: ctx.signal });
    return ms;
  },
});
