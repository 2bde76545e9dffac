import { lookup as dnsLookup } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { FetchRefusedError, ResponseTimeoutError, ResponseTooLargeError } from '../errors.ts';
import type { AddressPolicy } from './address-policy.ts';

export interface GetOptions {
  policy: AddressPolicy;
  /** Aborts the request (cancel, the task's time limit). */
  signal: AbortSignal;
  /** Longest wait for the connection, the headers or the next part of the body. */
  responseTimeoutMs: number;
  /** Most body bytes read; past it the request is torn down. */
  maxBytes: number;
}

export interface GetResult {
  status: number;
  /** Bytes of the body read (0 for a redirect: its body is not read). */
  bytes: number;
  /** Where a redirect points (as sent: relative or absolute). */
  location?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One GET, without following redirects. It connects only to addresses the policy allows: a
 * literal address is checked before connecting, a name is resolved by our own lookup, which
 * checks every address it returns, and the socket's remote address is checked again once
 * connected. So what was checked is what is connected to (no DNS rebinding in between). The
 * body is counted as it streams and never kept.
 */
export function guardedGet(url: URL, options: GetOptions): Promise<GetResult> {
  const { policy, signal, responseTimeoutMs, maxBytes } = options;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host) ? policy.refusal(host) : undefined;
  if (literal) return Promise.reject(new FetchRefusedError(literal));

  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const close = () => {
      response?.destroy();
      request.destroy();
    };
    const fail = (error: Error) => {
      reject(error);
      close();
    };
    const client = url.protocol === 'https:' ? https : http;
    // agent: false, so no pooled socket (opened without these checks) is ever reused.
    const request = client.request(url, {
      agent: false,
      lookup: checkedLookup(policy),
      signal,
      headers: { accept: '*/*', 'user-agent': 'taskql-fetchUrl' },
    });
    request.setTimeout(responseTimeoutMs, () =>
      fail(new ResponseTimeoutError(`${url.host} sent nothing for ${responseTimeoutMs} ms (FETCH_RESPONSE_TIMEOUT_MS)`)),
    );
    // Registered before the request is written to the socket, so a refused socket sends nothing.
    request.once('socket', (socket: Socket) =>
      socket.once('connect', () => {
        const refusal = policy.refusal(socket.remoteAddress ?? '', host);
        if (refusal) fail(new FetchRefusedError(refusal));
      }),
    );
    request.once('error', fail);
    request.once('response', (res) => {
      response = res;
      res.once('error', fail);
      const status = res.statusCode ?? 0;
      const location = REDIRECTS.has(status) ? res.headers.location : undefined;
      if (location !== undefined) {
        resolve({ status, bytes: 0, location });
        return close();
      }
      const tooLarge = (what: string) =>
        new ResponseTooLargeError(`the response body ${what} FETCH_MAX_BYTES (${maxBytes} bytes); stopped reading`);
      if (Number(res.headers['content-length']) > maxBytes) return fail(tooLarge(`(${res.headers['content-length']} bytes) is larger than`));
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBytes) fail(tooLarge('passed'));
      });
      res.once('end', () => resolve({ status, bytes }));
      // A connection cut mid-body ends the response without 'end' (and, on some paths, without an error).
      res.once('close', () => {
        if (!res.complete) fail(new Error(`${url.host} closed the connection before the body ended`));
      });
    });
    request.end();
  });
}

/** A DNS lookup that fails, refused, when the name resolves to any address the policy refuses. */
function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map(({ address }) => policy.refusal(address, hostname)).find((reason) => reason !== undefined);
      if (refusal) return callback(new FetchRefusedError(refusal), '', 0);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      callback(null, first?.address ?? '', first?.family ?? 0);
    });
  };
}
