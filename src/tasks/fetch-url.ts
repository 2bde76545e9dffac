import { z } from 'zod';
import { defaultFetchSettings, type FetchSettings } from '../config.ts';
import { defineTask } from './define.ts';
import { FetchRefusedError, NonRetryableError } from './errors.ts';
import { AddressPolicy } from './fetch/address-policy.ts';
import { guardedGet } from './fetch/guarded-get.ts';

const SCHEMES = new Set(['http:', 'https:']);

/**
 * fetchUrl under `settings`: it connects only to public addresses (unless the settings allow
 * internal ones), at every redirect too; reads at most FETCH_MAX_BYTES of the body, counting and
 * discarding it; and has a default time limit. A worker passes its config.
 */
export function fetchUrlTask(settings: FetchSettings = defaultFetchSettings()) {
  const policy = new AddressPolicy(settings);
  return defineTask({
    name: 'fetchUrl',
    description:
      'GETs the URL (public addresses only, redirects followed); returns the HTTP status, the size of the body in bytes and the final URL.',
    input: z.object({ url: z.url({ protocol: /^https?$/ }) }),
    defaults: { timeoutMs: settings.FETCH_TIMEOUT_MS },
    async run({ url }, ctx) {
      const get = { policy, signal: ctx.signal, responseTimeoutMs: settings.FETCH_RESPONSE_TIMEOUT_MS, maxBytes: settings.FETCH_MAX_BYTES };
      let target = new URL(url);
      for (let redirects = 0; ; redirects++) {
        const { status, bytes, location } = await guardedGet(target, get);
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
