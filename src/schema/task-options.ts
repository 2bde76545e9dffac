import { builder } from './builder.ts';

export const TaskOptionsInput = builder.inputType('TaskOptions', {
  description: "Options of one runTask call; each unset field falls back to the task type's default.",
  fields: (t) => ({
    delayMs: t.int({ description: 'Wait this long before the task may start (state SCHEDULED until then).' }),
    priority: t.int({ description: 'From -999 to 999; higher runs sooner. Default 0.' }),
    attempts: t.int({ description: 'Attempts in all, the first included.' }),
    backoffMs: t.int({ description: 'Base delay of the exponential backoff (with jitter) between attempts.' }),
    timeoutMs: t.int({ description: 'Time limit of each attempt; the handler\'s signal aborts at the limit.' }),
    runAt: t.field({
      type: 'DateTime',
      description: 'Start no earlier than this (SCHEDULED until then); a time in the past means now. Not with delayMs.',
    }),
    idempotencyKey: t.string({
      description:
        'While a task queued with this key is retained, runTask with the same key by the same API token returns that task and ' +
        "queues nothing. Keys are per token: another token's same key is another task.",
    }),
  }),
});
