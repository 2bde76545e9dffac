// The task types with their handlers: what the worker (and `taskql dev`) runs. Each handler
// implements a contract of ./contracts.mjs, so the two cannot drift apart.
import { implementTask, NonRetryableError } from 'taskql';
import { countWords, renderReport } from './contracts.mjs';
import { renderRow } from './report-renderer.mjs';

export default [
  implementTask(countWords, ({ text }) => ({ words: text.split(/\s+/).filter(Boolean).length })),

  implementTask(renderReport, async ({ title, rows }, ctx) => {
    if (rows.some((row) => !Number.isFinite(row.value))) throw new NonRetryableError('a row has no number');
    const lines = [];
    for (const [index, row] of rows.entries()) {
      lines.push(await renderRow(row, ctx.signal));
      await ctx.progress(((index + 1) / rows.length) * 100, `row ${index + 1} of ${rows.length}`);
    }
    await ctx.log(`rendered ${rows.length} rows`);
    return { title, text: [title, ...lines].join('\n') };
  }),
];
