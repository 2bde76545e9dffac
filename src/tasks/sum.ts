import { z } from 'zod';
import { defineTask } from './define.ts';

export const sum = defineTask({
  name: 'sum',
  description: 'Returns the sum of the numbers (e.g. as the callback of a chord).',
  input: z.object({ numbers: z.array(z.number()).max(100_000) }),
  result: z.number(),
  run: ({ numbers }) => numbers.reduce((total, n) => total + n, 0),
});
