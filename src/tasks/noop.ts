import { z } from 'zod';
import { defineTask } from './define.ts';

export const noop = defineTask({
  name: 'noop',
  description: 'Returns its input at once (for benchmarks).',
  input: z.json(),
  run: (input) => input,
});
