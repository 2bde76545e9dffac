import { z } from 'zod';
import { defineTask } from './define.ts';

export const fetchUrl = defineTask({
  name: 'fetchUrl',
  description: 'GETs the URL; returns the HTTP status and the size of the body in bytes.',
  input: z.object({ url: z.url({ protocol: /^https?$/ }) }),
  async run({ url }, ctx) {
    const response = await fetch(url, { signal: ctx.signal });
    const body = await response.arrayBuffer();
    return { status: response.status, bytes: body.byteLength };
  },
});
