import { z } from 'zod';
import { defaultFetchSettings, type FetchSettings } from '../config.ts';
import { defineTask } from './define.ts';
import { FetchRefusedError, NonRetryableError, ResponseTimeoutError } from './errors.ts';
import { AddressPolicy } from './fetch/address-policy.ts';
import { guardedGet } from './fetch/guarded-get.ts';

const SCHEMES = new Set(['http:', 'https:']);

/**
 * fetchUrl under `settings`: it connects only to public addresses (unless the settings allow
 * internal ones), at every redirect too; reads at most FETCH_MAX_BYTES of the body, counting and
 * discarding it; and has a time limit, by default and at most FETCH_TIMEOUT_MS. A worker passes
 * its config.
 */
export function fetchUrlTask(settings: FetchSettings = defaultFetchSettings()) {
  const policy = new AddressPolicy(settings);
  return defineTask({
    name: 'fetchUrl',
    description:
      'GETs the URL (public addresses only, redirects followed); returns the HTTP status, the size of the body in bytes and the final URL.',
    input: z.object({ url: z.url({ protocol: /^https?$/ }) }),
    result: z.object({
      status: z.int().describe('The HTTP status code.'),
      bytes: z.int().min(0).describe('The size of the body.'),
      url: z.url().describe('The URL that answered, after redirects.'),
    }),
    defaults: { timeoutMs: settings.FETCH_TIMEOUT_MS },
    async run({ url }, ctx) {
      // FETCH_TIMEOUT_MS is also the most a caller's timeoutMs gets: a server that drips its
      // body slowly must not hold a worker slot for as long as the caller likes.
      const deadline = AbortSignal.timeout(settings.FETCH_TIMEOUT_MS);
      const signal = AbortSignal.any([ctx.signal, deadline]);
      const get = { policy, signal, responseTimeoutMs: settings.FETCH_RESPONSE_TIMEOUT_MS, maxBytes: settings.FETCH_MAX_BYTES };
      let target = new URL(url);
      for (let redirects = 0; ; redirects++) {
        const { status, bytes, location } = await guardedGet(target, get).catch((error: unknown) => {
          if (deadline.aborted && !ctx.signal.aborted) {
            throw new ResponseTimeoutError(`${target.host} did not finish within ${settings.FETCH_TIMEOUT_MS} ms (FETCH_TIMEOUT_MS)`);
          }
          throw error;
        });
        if (location === undefined) return { status, bytes, url: target.href };
        if (redirects === settings.FETCH_MAX_REDIRECTS) {
          throw new NonRetryableError(`stopped after ${redirects} redirects (FETCH_MAX_REDIRECTS); the last pointed to ${location}`);
        }
        const next = URL.parse(location, target);
        if (!next || !SCHEMES.has(next.protocol)) {
          throw new FetchRefusedError(`refused: a redirect to ${location}; only http and https URLs are followed`);
        }
        await ctx.log(`redirected (${status}) to ${next.href}`);
        target = next;
      }
    },
  });
}

/** fetchUrl with the default settings. */
export const fetchUrl = fetchUrlTask();
