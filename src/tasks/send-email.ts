import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTask } from './define.ts';

/** Simulated delivery: no mail leaves the machine. */
export const sendEmail = defineTask({
  name: 'sendEmail',
  description: 'Simulates delivering an email; returns { messageId }. At most 10 start per second.',
  // Mail providers cap the sending rate: a queue of its own, with a limit shared by all workers.
  defaults: { queue: 'email', rateLimit: { max: 10, durationMs: 1000 }, attempts: 3, backoffMs: 1000 },
  input: z.object({
    to: z.email(),
    subject: z.string().min(1).max(998),
    body: z.string().optional(),
  }),
  result: z.object({ messageId: z.string().describe('The Message-ID header of the delivered mail.') }),
  async run({ to }, ctx) {
    await sleep(50, undefined, { signal: ctx.signal });
    await ctx.log(`delivered to ${to}`);
    return { messageId: `<${randomUUID()}@taskql.local>` };
  },
});
