import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../auth.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../logger.ts';
import { redisHealth, type RedisClient } from '../redis/connections.ts';
import type { Services } from '../resolvers/services.ts';
import { mayEnter } from './credentials.ts';
import { createGraphiqlPage } from './graphiql.ts';
import { serveGraphqlWs } from './graphql-ws.ts';
import { createJsonPost } from './json-post.ts';
import { createMetrics } from './metrics.ts';
import { OriginPolicy, type OriginPolicySettings } from './origin-policy.ts';
import { GRAPHQL_PATH, routeOf } from './routes.ts';
import { createWebApp } from './web.ts';
import { createTaskqlYoga } from './yoga.ts';

export interface AppSettings {
  services: Services;
  /** Answers /health. */
  redis: RedisClient;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  log: Logger;
  limits: Limits;
  /** API tokens; none configured means no auth. */
  auth: Authenticator;
  /** Which web pages may call the API (CORS_ORIGINS) and under which names (ALLOWED_HOSTS). */
  origins?: Omit<OriginPolicySettings, 'authEnabled'>;
  /**
   * Production hardening: GraphiQL and introspection off (unless enabled).
   * @defaultValue development: both on
   */
  mode?: { graphiql: boolean; introspection: boolean };
}

export interface App {
  /** Prometheus metrics (also served at /metrics). */
  metrics: ReturnType<typeof createMetrics>;
  /** Listens; resolves with the GraphQL endpoint's URL. */
  start(): Promise<string>;
  /** Closes WebSockets (1001 "going away") and HTTP connections, then the server. */
  stop(): Promise<void>;
}

/** On stop, how long requests in flight may take before their connections are closed. */
const IN_FLIGHT_GRACE_MS = 5000;

/**
 * GraphQL over HTTP and WebSocket (graphql-ws) on one path, GraphiQL, /health, /metrics, the
 * dashboard at / and bull-board at /admin/queues. Every request is routed and authorised on
 * the same normalised path (routeOf).
 */
export function createApp(settings: AppSettings): App {
  const { services, log, limits, auth } = settings;
  const mode = settings.mode ?? { graphiql: true, introspection: true };
  const origins = new OriginPolicy({ ...settings.origins, authEnabled: auth.enabled });
  const metrics = createMetrics(services);
  const yoga = createTaskqlYoga({ services, auth, origins, limits, log, metrics, mode });
  const graphiql = createGraphiqlPage(log);

  // Subscriptions over server-sent events never finish by themselves: stop() ends them.
  const eventStreams = new Set<ServerResponse>();
  const web = createWebApp(services.store);
  const jsonPost = createJsonPost(yoga, { maxBodyBytes: limits.MAX_BODY_BYTES, log });
  const server = createServer((req, res) => {
    const route = routeOf(req.url);
    if (!route) return void refuse(res, 400, 'Malformed path.');
    if (route.name === 'health') return void health(settings.redis, res);
    if (!origins.allowsHost(req.headers)) return void refuse(res, 403, hostRefusal(req));
    if (route.adminOnly && !mayEnter(auth, req.headers, 'admin')) {
      return void refuse(res, 401, "An admin API token is needed (Authorization: Bearer <token>, or the dashboard's taskql_token cookie).");
    }
    req.url = route.url;
    if (route.name === 'metrics') return void serveMetrics(metrics.registry, res, log);
    if (route.name === 'admin' || route.name === 'web') return void web(req, res);
    if (route.name === 'graphql') {
      if (mode.graphiql && isPageRequest(req)) {
        if (mayEnter(auth, req.headers, 'any')) return void graphiql(res);
        return void refuse(res, 401, 'GraphiQL needs an API token: sign in on the dashboard (/) first, or send Authorization: Bearer <token>.');
      }
      if (jsonPost(req, res)) return;
      if (req.headers.accept?.includes('text/event-stream')) {
        eventStreams.add(res);
        res.once('close', () => eventStreams.delete(res));
      }
    }
    void yoga(req, res);
  });

  // Every HTTP connection, for stop: one that has not sent a byte yet (browsers and HTTP clients
  // open them ahead; undici opens one as soon as an aborted stream's socket is gone) is busy to
  // Node, waiting for its first request, so closeIdleConnections leaves it, and it held a stop
  // for the whole grace.
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });

  // graphql-ws upgrades are routed and checked like requests, and their Origin too: WebSockets
  // are not subject to CORS.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: limits.MAX_WS_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A WebSocket's own close ends it (closeAllConnections does not reach it).
    connections.delete(socket as Socket);
    const route = routeOf(req.url);
    const refusal =
      route?.name !== 'graphql'
        ? '404 Not Found'
        : !origins.allowsHost(req.headers) || !origins.allowsWebSocket(req.headers)
          ? '403 Forbidden'
          : undefined;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => wsServer.emit('connection', ws, req));
  });
  serveGraphqlWs(wsServer, yoga, auth, limits);

  return {
    metrics,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.port, settings.host, () => {
          server.off('error', reject);
          const { port } = server.address() as AddressInfo;
          const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
          resolve(`http://${host}:${port}${GRAPHQL_PATH}`);
        });
      }),
    stop: async () => {
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      const wsClosed = new Promise<void>((resolve) => wsServer.close(() => resolve()));
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const socket of connections) if (socket.bytesRead === 0) socket.destroy();
      for (const stream of eventStreams) stream.destroy();
      // Other requests in flight are short; give them a moment, then close what is left.
      const grace = setTimeout(() => {
        log.warn({ connections: connections.size }, `closing the connections still open ${IN_FLIGHT_GRACE_MS / 1000} s after the API began to stop`);
        server.closeAllConnections();
      }, IN_FLIGHT_GRACE_MS);
      await Promise.all([wsClosed, httpClosed]);
      clearTimeout(grace);
    },
  };
}

/** A browser opening the endpoint as a page (GraphiQL). */
const isPageRequest = (req: IncomingMessage) => req.method === 'GET' && (req.headers.accept?.includes('text/html') ?? false);

const hostRefusal = (req: IncomingMessage) =>
  `Refused: with auth off this API answers to loopback names only, not "${req.headers.host}" ` +
  '(set ALLOWED_HOSTS to add a name, or configure API tokens).';

function refuse(res: ServerResponse, status: number, message: string): void {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  res.writeHead(status, headers);
  res.end(`${message}\n`);
}

async function serveMetrics(registry: Registry, res: ServerResponse, log: Logger): Promise<void> {
  try {
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(text);
  } catch (error) {
    log.error({ err: error }, 'could not collect metrics');
    refuse(res, 503, 'Metrics are unavailable: see the server log.');
  }
}

async function health(redis: RedisClient, res: ServerResponse): Promise<void> {
  const state = await redisHealth(redis);
  res.writeHead(state === 'up' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: state === 'up' ? 'ok' : 'unavailable', redis: state }));
}
