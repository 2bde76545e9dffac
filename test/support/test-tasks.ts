import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineTask, NonRetryableError, TaskRegistry, taskTypes } from '../../src/tasks/index.ts';

/** Task types for tests of task control; the shipped registry does not have them. */

/** Fails its first `failTimes` attempts, then returns the attempt that succeeded. */
export const flaky = defineTask({
  name: 'flaky',
  description: 'Fails the first failTimes attempts.',
  input: z.object({ failTimes: z.number().int().min(0) }),
  run({ failTimes }, ctx) {
    if (ctx.attempt <= failTimes) throw new Error(`flaky failure (attempt ${ctx.attempt})`);
    return ctx.attempt;
  },
});

/** Fails the first time it runs for a token (in this process), then succeeds. */
const seenTokens = new Set<string>();
export const failsOnce = defineTask({
  name: 'failsOnce',
  description: 'Fails its first run for each token.',
  input: z.object({ token: z.string() }),
  run({ token }) {
    if (!seenTokens.has(token)) {
      seenTokens.add(token);
      throw new Error('first run fails');
    }
    return 'second run worked';
  },
});

/** Always fails, and says no retry will help. */
export const hopeless = defineTask({
  name: 'hopeless',
  description: 'Fails with a NonRetryableError.',
  input: z.object({}),
  defaults: { attempts: 5 },
  run() {
    throw new NonRetryableError('no point in trying again');
  },
});

/** Ignores its abort signal: waits `ms` no matter what. */
export const stubborn = defineTask({
  name: 'stubborn',
  description: 'Waits ms without listening to its signal.',
  input: z.object({ ms: z.number().int().min(0) }),
  async run({ ms }) {
    await sleep(ms);
    return 'finished anyway';
  },
});

/** At most 2 starts per 400 ms, on a queue of its own. */
export const limited = defineTask({
  name: 'limited',
  description: 'Rate limited: 2 per 400 ms.',
  input: z.object({}),
  defaults: { queue: 'limited', rateLimit: { max: 2, durationMs: 400 } },
  run: () => Date.now(),
});

/** A task type that only newer workers know (see worker-with-registry.ts), on the default queue. */
export const newcomer = defineTask({
  name: 'newcomer',
  description: 'Known to newer workers only: greets.',
  input: z.object({ who: z.string() }),
  async run({ who }, ctx) {
    await ctx.progress(50, 'greeting');
    return `hello, ${who}`;
  },
});

export const testRegistry = new TaskRegistry([...taskTypes, flaky, failsOnce, hopeless, stubborn, limited]);
