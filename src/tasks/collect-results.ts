import { z } from 'zod';
import { defineTask } from './define.ts';

/** The parent of a group's steps: its result is theirs, in step order. */
export const collectResults = defineTask({
  name: 'collectResults',
  description: "Collects a group's results in step order.",
  internal: true,
  input: z.object({}),
  run: (_input, ctx) => ctx.previous ?? [],
});
