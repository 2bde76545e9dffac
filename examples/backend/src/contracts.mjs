// The contracts of this project's task types: what the API needs (name, description, input
// schema, defaults) and nothing else. This module imports no handler code, so `taskql api
// --tasks ./src/contracts.mjs` never loads the handlers' dependencies.
import { defineContract, z } from 'taskql';

export const countWords = defineContract({
  name: 'countWords',
  description: 'Counts the words of a text.',
  input: z.object({ text: z.string().max(100_000) }),
});

export const renderReport = defineContract({
  name: 'renderReport',
  description: 'Renders a report of titled rows (a stand-in for work with a heavy library).',
  input: z.object({
    title: z.string().min(1),
    rows: z.array(z.object({ label: z.string(), value: z.number() })).min(1).max(1000),
  }),
  defaults: { attempts: 3, backoffMs: 500, timeoutMs: 60_000, queue: 'reports' },
});

export default [countWords, renderReport];
