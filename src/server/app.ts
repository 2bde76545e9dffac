import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ExecutionArgs } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { RedisClient } from '../redis/connections.ts';
import { WebSocketServer } from 'ws';
import { isAdmin, type Authenticator } from '../auth.ts';
import type { Limits } from '../config.ts';
import type { Context } from '../schema/builder.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../resolvers/services.ts';
import { schema } from '../schema/index.ts';
import { createJsonPost } from './json-post.ts';
import { createMaskError } from './mask-error.ts';
import { isStateStream, SharedSubscriptions } from './shared-subscriptions.ts';
import { createMetrics } from './metrics.ts';
import { BULL_BOARD_PATH, createWebApp } from './web.ts';

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
  /**
   * Production hardening: GraphiQL and introspection off (unless enabled), CSRF prevention on.
   * @defaultValue development: everything on, no CSRF prevention
   */
  mode?: { graphiql: boolean; introspection: boolean; csrfPrevention: boolean };
}

export interface App {
  /** Prometheus metrics (also served at /metrics). */
  metrics: ReturnType<typeof createMetrics>;
  /** Listens; resolves with the GraphQL endpoint's URL. */
  start(): Promise<string>;
  /** Closes WebSockets (1001 "going away") and HTTP connections, then the server. */
  stop(): Promise<void>;
}

const ENDPOINT = '/graphql';
/** On stop, how long requests in flight may take before their connections are closed. */
const IN_FLIGHT_GRACE_MS = 5000;

const GRAPHIQL_DEFAULT_QUERY = `# Welcome to taskql. Run RunDivide, copy the id, then run WatchTask with it
# (paste it into the variables below) to see progress pushed live.

mutation RunDivide {
  runTask(name: "divide", input: { x: 1, y: 2 }) {
    id
    state
  }
}

subscription WatchTask($id: ID!) {
  taskUpdated(id: $id) {
    state
    progress { percent message }
    result
    error { name message }
  }
}

query TaskTypes {
  taskTypes { name description inputSchema }
}
`;

/**
 * GraphQL over HTTP and WebSocket (graphql-ws) on one path, GraphiQL, /health, /metrics, the
 * dashboard at / and bull-board at /admin/queues.
 */
export function createApp(settings: AppSettings): App {
  const { services, log, limits, auth } = settings;
  const mode = settings.mode ?? { graphiql: true, introspection: true, csrfPrevention: false };
  const metrics = createMetrics(services);
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema,
    graphqlEndpoint: ENDPOINT,
    // HTTP sends the token as Authorization; graphql-ws as connectionParams.authorization
    // (checked once when the socket connects, see onConnect below).
    context: (initial: { req?: IncomingMessage; connectionParams?: Record<string, unknown> }): Context => {
      const given = initial.connectionParams?.authorization ?? initial.req?.headers.authorization;
      const caller = auth.identify(typeof given === 'string' ? given : undefined);
      if (caller === 'invalid') {
        throw new GraphQLError('Invalid API token.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      return { services, authEnabled: auth.enabled, caller };
    },
    graphiql: mode.graphiql ? { title: 'taskql', subscriptionsProtocol: 'WS', defaultQuery: GRAPHIQL_DEFAULT_QUERY } : false,
    // GraphiQL's assets inlined in the page (yoga's default loads them from a CDN), so it
    // works with no internet access. Loaded on first use: the bundle is ~80 MB of RSS.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    landingPage: false,
    maskedErrors: { maskError: createMaskError(log) },
    maxRequestBodySize: limits.MAX_BODY_BYTES,
    plugins: [
      metrics.plugin,
      ...(mode.introspection ? [] : [noIntrospection]),
      ...(mode.csrfPrevention ? [useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'content-type'] })] : []),
      // Limits on what one operation may ask for (graphql-armor).
      EnvelopArmorPlugin({
        maxDepth: { n: limits.MAX_QUERY_DEPTH, ignoreIntrospection: false },
        costLimit: { maxCost: limits.MAX_QUERY_COST, ignoreIntrospection: true },
        maxAliases: { n: limits.MAX_ALIASES },
        maxTokens: { n: limits.MAX_TOKENS },
        maxDirectives: { n: 50 },
        blockFieldSuggestion: { enabled: false },
      }),
    ],
    logging: {
      debug: (...args) => log.debug(args.join(' ')),
      info: (...args) => log.info(args.join(' ')),
      warn: (...args) => log.warn(args.join(' ')),
      // Yoga reports every error of a result here, expected ones too; createMaskError logs
      // the unexpected ones in full, so these stay at debug.
      error: (...args) => log.debug(args.join(' ')),
    },
  });

  // Subscriptions over server-sent events never finish by themselves: stop() ends them.
  const eventStreams = new Set<ServerResponse>();
  const web = createWebApp(services.store);
  const jsonPost = createJsonPost(yoga, { maxBodyBytes: limits.MAX_BODY_BYTES, log });
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    if (path === '/health') return void health(settings.redis, res);
    if ((path === '/metrics' || path.startsWith(BULL_BOARD_PATH)) && !isAdminRequest(auth, req)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
      return void res.end('An admin API token is needed (Authorization: Bearer <token>, or the dashboard\'s taskql_token cookie).\n');
    }
    if (path !== ENDPOINT && path !== '/metrics') return void web(req, res);
    if (path === ENDPOINT && jsonPost(req, res)) return;
    if (req.headers.accept?.includes('text/event-stream')) {
      eventStreams.add(res);
      res.once('close', () => eventStreams.delete(res));
    }
    void yoga(req, res);
  });

  const wsServer = new WebSocketServer({ server, path: ENDPOINT, maxPayload: limits.MAX_WS_MESSAGE_BYTES });
  const openSubscriptions = new WeakMap<object, Set<string>>();
  const shared = new SharedSubscriptions();
  // Subscriptions go through yoga's envelop, so HTTP and WebSocket share plugins, context
  // and error masking.
  useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      onConnect: (ctx) => {
        if (!auth.enabled) return true;
        const given = ctx.connectionParams?.authorization;
        const caller = auth.identify(typeof given === 'string' ? given : undefined);
        return caller !== undefined && caller !== 'invalid'; // false: closed with 4403 Forbidden
      },
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => {
        const root = args.rootValue as EnvelopedRoot;
        return root.shareAs === undefined ? root.subscribe(args) : shared.join(root.shareAs, () => root.subscribe(args) as never);
      },
      onSubscribe: async (ctx, id, params) => {
        const open = openSubscriptions.get(ctx) ?? new Set<string>();
        openSubscriptions.set(ctx, open);
        if (open.size >= limits.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [
            new GraphQLError(`Too many subscriptions on this connection: at most ${limits.MAX_SUBSCRIPTIONS_PER_CONNECTION}.`, {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ];
        }
        // Taken now (subscriptions start concurrently); given back if this one does not start.
        open.add(id);
        const refuse = (errors: readonly GraphQLError[]) => {
          open.delete(id);
          return errors;
        };
        const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra.request, socket: ctx.extra.socket, params });
        let document;
        try {
          document = enveloped.parse(params.query);
        } catch (error) {
          return refuse([error as GraphQLError]);
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return refuse(errors);
        const contextValue = await enveloped.contextFactory();
        // Same state stream, same caller: one shared execution (see SharedSubscriptions).
        const shareAs = isStateStream(document, params.operationName)
          ? JSON.stringify([contextValue.caller?.name ?? null, params.operationName ?? null, params.query, params.variables ?? null])
          : undefined;
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue,
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe, shareAs } satisfies EnvelopedRoot,
        };
        return args;
      },
      onComplete: (ctx, id) => void openSubscriptions.get(ctx)?.delete(id),
    },
    wsServer,
  );

  return {
    metrics,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.port, settings.host, () => {
          server.off('error', reject);
          const { port } = server.address() as AddressInfo;
          const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
          resolve(`http://${host}:${port}${ENDPOINT}`);
        });
      }),
    stop: async () => {
      metrics.stop();
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      const wsClosed = new Promise<void>((resolve) => wsServer.close(() => resolve()));
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const stream of eventStreams) stream.destroy();
      // Other requests in flight are short; give them a moment, then close what is left.
      const grace = setTimeout(() => server.closeAllConnections(), IN_FLIGHT_GRACE_MS);
      await Promise.all([wsClosed, httpClosed]);
      clearTimeout(grace);
    },
  };
}

/** No introspection on any transport (yoga's plugin for this only sees HTTP requests it parses). */
const noIntrospection: Plugin = { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
  /** Set for state streams: subscriptions with the same key share one execution. */
  shareAs: string | undefined;
}

type OperationResult = ReturnType<NonNullable<ServerOptions['execute']>>;

async function health(redis: RedisClient, res: ServerResponse): Promise<void> {
  const redisUp = await redis.ping().then(
    (reply) => reply === 'PONG',
    () => false,
  );
  res.writeHead(redisUp ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: redisUp ? 'ok' : 'unavailable', redis: redisUp ? 'up' : 'down' }));
}

/** With auth on: a bearer token (or the dashboard's cookie) of an admin. */
function isAdminRequest(auth: Authenticator, req: IncomingMessage): boolean {
  if (!auth.enabled) return true;
  const cookie = /(?:^|;\s*)taskql_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const caller = auth.identify(req.headers.authorization ?? (cookie ? decodeURIComponent(cookie) : undefined));
  return caller !== undefined && caller !== 'invalid' && isAdmin(caller);
}
