import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { getOperationAST, getVariableValues, GraphQLError, NoSchemaIntrospectionCustomRule, subscribe, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Authenticator } from '../auth.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../resolvers/services.ts';
import type { Context } from '../schema/builder.ts';
import { schemaFor } from '../schema/index.ts';
import { callerOf } from './credentials.ts';
import { csrfPrevention } from './csrf-prevention.ts';
import { introspectionNeedsToken, introspectionShape } from './introspection.ts';
import { createMaskError } from './mask-error.ts';
import type { createMetrics } from './metrics.ts';
import type { OriginPolicy } from './origin-policy.ts';
import { nodeLimitRule } from './node-limit.ts';
import { requestScan } from './request-scan.ts';
import { GRAPHQL_PATH } from './routes.ts';
import { DEFAULT_PAGE, MAX_PAGE } from '../resolvers/list-tasks.ts';
import { graphqlTracing } from '../telemetry/graphql-tracing.ts';

export interface YogaSettings {
  services: Services;
  auth: Authenticator;
  origins: OriginPolicy;
  limits: Limits;
  log: Logger;
  metrics: ReturnType<typeof createMetrics>;
  mode: { introspection: boolean };
}

export type TaskqlYoga = ReturnType<typeof createTaskqlYoga>;

/** No introspection on any transport (yoga's plugin for this only sees HTTP requests it parses). */
const noIntrospection: Plugin = { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };
/** List items per operation (graphql-armor's cost counts fields, not the items of a list). */
const nodeLimit = (maxNodes: number): Plugin => ({
  onValidate: ({ addValidationRule }) => addValidationRule(nodeLimitRule(maxNodes, MAX_PAGE, DEFAULT_PAGE)),
});
const introspectionLimits: Plugin = { onValidate: ({ addValidationRule }) => addValidationRule(introspectionShape) };

/**
 * Validation results by document, for the server's life (the document is the parse cache's, one
 * object per query text). This server's schema and rules never change, so the document alone is
 * the key. yoga's own cache keys each request by the names of the rules joined into a string
 * and an LRU lookup on it, ~7 µs a request (3 % of the API's CPU under `runTask`).
 */
function validationCache(): Plugin {
  const results = new WeakMap<DocumentNode, readonly Error[]>();
  return {
    onValidate({ params: { documentAST }, setResult }) {
      const known = results.get(documentAST);
      if (known) return setResult(known);
      return ({ result }) => void results.set(documentAST, result);
    },
  };
}

/**
 * Subscriptions run by graphql-js's own `subscribe` instead of yoga's executor
 * (@graphql-tools/executor), which runs each event through a copy of the execution context and
 * `flattenAsyncIterable` for the incremental delivery (@defer, @stream) this schema does not
 * offer. 10,000 subscriptions, six rounds in turn (bench/fanout-latency.ts): event p99 8–10 ms
 * against 10–12 ms, API RSS 290–316 MB against 312–346 MB.
 * What yoga's executor answered beyond graphql-js is kept: a subscription that cannot start for
 * its operation or variables (a required id missing or null) is BAD_USER_INPUT with HTTP 400,
 * and a subscribe resolver that fails outside GraphQL is an error result, not a thrown error
 * (over graphql-ws that would close the socket, every other subscription on it with it).
 */
async function subscribeWithInputErrors(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
  const operation = getOperationAST(args.document, args.operationName);
  const refused = operation
    ? getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}).errors
    : // No operation to run: graphql-js says why, and nothing else can have gone wrong yet.
      ((await subscribe(args)) as ExecutionResult).errors;
  if (refused) return { errors: refused.map(badInput) };
  try {
    return await subscribe(args);
  } catch (error) {
    return { errors: [new GraphQLError(error instanceof Error ? error.message : String(error), { nodes: operation, originalError: error as Error })] };
  }
}

const badInput = (error: GraphQLError) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { ...(error.extensions.http as object | undefined), status: 400 } },
  });

const subscribeWithGraphqlJs: Plugin = { onSubscribe: ({ setSubscribeFn }) => setSubscribeFn(subscribeWithInputErrors) };

/** The GraphQL server: schema, context (who calls), limits, error masking and plugins. */
export function createTaskqlYoga(settings: YogaSettings) {
  const { services, auth, limits, log, mode } = settings;
  return createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema: schemaFor(services.registry),
    graphqlEndpoint: GRAPHQL_PATH,
    // HTTP sends the token as Authorization (or the dashboard's cookie); graphql-ws as
    // connectionParams.authorization (checked once when the socket connects).
    context: (initial: { req?: IncomingMessage; res?: ServerResponse; connectionParams?: Record<string, unknown> }): Context => {
      const caller = callerOf(auth, initial.req?.headers, initial.connectionParams);
      if (caller === 'invalid') {
        throw new GraphQLError('Invalid API token.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      return { services, authEnabled: auth.enabled, caller, scan: requestScan(limits.MAX_SCAN_PER_REQUEST, initial.res) };
    },
    cors: settings.origins.cors,
    // GraphiQL is served by the app (graphiql.ts): rendered once, not once per request.
    graphiql: false,
    landingPage: false,
    maskedErrors: { maskError: createMaskError(log) },
    maxRequestBodySize: limits.MAX_BODY_BYTES,
    // Documents are cached, parse failures not: a cached failure is thrown before the metrics
    // plugin sees it (graphql-metrics.ts counts each failed request), and a document that does
    // not parse is refused after at most MAX_TOKENS tokens anyway.
    parserAndValidationCache: { errorCache: { get: () => undefined, set: () => {} }, validationCache: false },
    plugins: [
      validationCache(),
      subscribeWithGraphqlJs,
      // Outermost: the operation's span holds everything the operation does.
      graphqlTracing(),
      settings.metrics.plugin,
      csrfPrevention,
      ...(mode.introspection ? [introspectionLimits, introspectionNeedsToken] : [noIntrospection]),
      nodeLimit(limits.MAX_QUERY_NODES),
      // Limits on what one operation may ask for (graphql-armor). Introspection has its own
      // (introspectionShape): the tools' standard query is deeper than any the API needs.
      EnvelopArmorPlugin({
        maxDepth: { n: limits.MAX_QUERY_DEPTH, ignoreIntrospection: true },
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
}
