import { z } from 'zod';
import { defineTask, TaskRegistry, taskTypes } from '../../src/tasks/index.ts';

/** Task types with input, result and progress schemas, as a user's project would define them. */

export const report = defineTask({
  name: 'report',
  description: 'Renders a report.',
  input: z.object({
    title: z.string().min(1).describe('Shown on the first page.'),
    format: z.enum(['pdf', 'csv']).default('pdf'),
    recipients: z.array(z.email()).optional(),
    since: z.iso.datetime().optional(),
    layout: z.object({ pages: z.int().min(1).max(100), landscape: z.boolean().optional() }).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    note: z.string().optional(),
  }),
  result: z.object({ url: z.url(), pages: z.int(), format: z.enum(['pdf', 'csv']) }),
  progress: z.object({ step: z.string(), done: z.int() }),
  async run({ title, format, layout }, ctx) {
    await ctx.progress(50, 'rendering', { step: 'render', done: 1 });
    return { url: `https://reports.example/${encodeURIComponent(title)}.${format}`, pages: layout?.pages ?? 1, format };
  },
});

/** Says its result has numbers, returns a string in one of them when asked to. */
export const liar = defineTask({
  name: 'liar',
  description: 'Returns a result that breaks its schema when lie is true.',
  input: z.object({ lie: z.boolean() }),
  result: z.object({ status: z.int(), bytes: z.int() }),
  // The lie a handler in plain JavaScript could tell (TypeScript would refuse it).
  run: ({ lie }) => ({ status: lie ? ('teapot' as unknown as number) : 200, bytes: 3 }),
});

/** Reports progress data its progress schema refuses. */
export const badProgress = defineTask({
  name: 'badProgress',
  description: 'Reports progress data of the wrong shape.',
  input: z.object({}),
  progress: z.object({ done: z.int() }),
  async run(_input, ctx) {
    await ctx.progress(10, 'ok', { done: 1 });
    await ctx.progress(20, 'bad', { done: 'many' } as unknown as { done: number });
    return 'unreachable';
  },
});

export const typedRegistry = new TaskRegistry([...taskTypes, report, liar, badProgress]);
