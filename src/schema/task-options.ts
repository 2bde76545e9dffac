import { builder } from './builder.ts';

export const TaskOptionsInput = builder.inputType('TaskOptions', {
  description: "Options of one runTask call; each unset field falls back to the task type's default.",
  fields: (t) => ({
    delayMs: t.int({ description: 'Wait this long before the task may start (state SCHEDULED until then).' }),
    priority: t.int({ description: 'From -999 to 999; higher runs sooner. Default 0.' }),
    attempts: t.int({ description: 'Attempts in all, the first included.' }),
    backoffMs: t.int({ description: 'Base delay of the exponential backoff (with jitter) between attempts.' }),
    timeoutMs: t.int({ description: 'Time limit of each attempt; the handler\'s signal aborts at the limit.' }),
    idempotencyKey: t.string({ description: 'Reserved: deduplicates runTask calls (see README).' }),
  }),
});
