import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server for fetchUrl to aim at, counting the connections it was sent. */
export interface HttpTarget {
  /** `http://<host>:<port><path>`, with an IPv6 host in brackets. */
  url(path?: string, host?: string): string;
  readonly port: number;
  /** TCP connections accepted so far (0: fetchUrl never reached it). */
  readonly connections: number;
  close(): Promise<void>;
}

/** Listens on `host` (`::` takes IPv4 and IPv6 loopback alike) on a free port. */
export async function startHttpTarget(handler: RequestListener, host = '127.0.0.1'): Promise<HttpTarget> {
  const server = createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    get connections() {
      return connections;
    },
    url: (path = '/', at = host === '::' ? '127.0.0.1' : host) => `http://${at.includes(':') ? `[${at}]` : at}:${port}${path}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
