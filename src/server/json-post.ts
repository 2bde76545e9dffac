import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, type ExecutionResult } from 'graphql';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from '../logger.ts';
import type { Context } from '../schema/builder.ts';

type Yoga = YogaServerInstance<{ req: IncomingMessage; res: ServerResponse }, Context>;

/** The answer types of a plain JSON POST, picked the way yoga does: the first one listed. */
const REGULAR_TYPES: Record<string, 'application/json' | 'application/graphql-response+json'> = {
  '': 'application/json',
  '*/*': 'application/json',
  'application/json': 'application/json',
  'application/graphql-response+json': 'application/graphql-response+json',
};

interface Params {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

/** The keys of a GraphQL-over-HTTP request body; yoga refuses others with 400. */
const PARAM_KEYS = new Set(['query', 'variables', 'operationName', 'extensions']);

/**
 * The hot path of GraphQL over HTTP: a plain JSON POST (what Apollo Client, urql and server
 * code send) answered straight from Node's request. It goes through yoga's envelop like every
 * other request (the same plugins, parser and validation cache, context, limits and error
 * masking) and yoga's own result processing, but skips yoga's Fetch API layer (Request,
 * Response, streams, AbortSignal per request), which was more than half of `runTask`'s CPU.
 *
 * Answers false, having touched nothing, for requests it leaves to yoga: other methods, content
 * or accept types, browsers' cross-origin requests (CORS), bodies without a length or over the
 * limit. Requests that fail before execution (bad JSON, parse, validation, authentication) and
 * subscriptions are replayed to yoga with the body read, so those answers are yoga's own.
 */
export function createJsonPost(yoga: Yoga, options: { maxBodyBytes: number; log: Logger }) {
  /** `counted`: the failure went through envelop here already, and is in the metrics. */
  const replay = async (req: IncomingMessage, res: ServerResponse, body: Buffer, counted?: 'counted') => {
    const headers = Object.entries(req.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]]));
    const serverContext = counted ? { req, res, metricsCounted: true as const } : { req, res };
    const response = await yoga.fetch(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: 'POST', headers, body: new Uint8Array(body) }, serverContext);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, body: Buffer, accepted: string) => {
    let params: Params;
    try {
      params = JSON.parse(body.toString('utf8')) as Params;
    } catch {
      return replay(req, res, body);
    }
    if (!isPlainParams(params)) return replay(req, res, body);
    const enveloped = yoga.getEnveloped({ req, res, params });
    let document, contextValue;
    try {
      document = enveloped.parse(params.query);
    } catch {
      // yoga caches no parse failure (yoga.ts): the replay parses again, and answers as yoga does.
      return replay(req, res, body, 'counted');
    }
    try {
      const operation = getOperationAST(document, params.operationName)?.operation;
      if (operation !== 'query' && operation !== 'mutation') return replay(req, res, body);
      if (enveloped.validate(enveloped.schema, document).length > 0) return replay(req, res, body, 'counted');
    } catch {
      return replay(req, res, body);
    }
    try {
      contextValue = await enveloped.contextFactory();
    } catch {
      return replay(req, res, body, 'counted');
    }
    const result = (await enveloped.execute({
      schema: enveloped.schema,
      document,
      variableValues: params.variables,
      operationName: params.operationName,
      contextValue,
    })) as ExecutionResult;
    // yoga's own processing (status from the errors, internals left out), into a plain holder.
    const { body: text, init } = processRegularResult(result, { Response: Answer } as never, accepted) as unknown as Answer;
    res.writeHead(init.status, { ...init.headers, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  /** Handles the request, or answers false for yoga to handle it. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const accepted = REGULAR_TYPES[req.headers.accept?.split(/[;,]/)[0]?.trim() ?? ''];
    const length = Number(req.headers['content-length']);
    if (
      req.method !== 'POST' ||
      !accepted ||
      req.headers.accept?.includes('event-stream') ||
      !isJson(req.headers['content-type']) ||
      req.headers.origin !== undefined ||
      !(length > 0 && length <= options.maxBodyBytes)
    ) {
      return false;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      answer(req, res, Buffer.concat(chunks), accepted).catch((error: unknown) => {
        options.log.error({ err: error }, 'unexpected error answering a GraphQL request');
        if (!res.headersSent) res.writeHead(500, { 'content-type': `${accepted}; charset=utf-8` });
        res.end(JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      });
    });
    return true;
  };
}

/** What processRegularResult builds, without the Fetch API. */
class Answer {
  readonly body: string;
  readonly init: { status: number; headers: Record<string, string> };
  constructor(body: string, init: { status: number; headers: Record<string, string> }) {
    this.body = body;
    this.init = init;
  }
}

const isJson = (type: string | undefined) => type === 'application/json' || type?.replace(/\s/g, '').toLowerCase() === 'application/json;charset=utf-8';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request shapes yoga accepts as they are; anything else goes to yoga for its answer. */
function isPlainParams(params: unknown): params is Params {
  if (!isObject(params) || typeof params.query !== 'string') return false;
  for (const key in params) if (!PARAM_KEYS.has(key)) return false;
  const { variables, operationName, extensions } = params;
  return (
    (variables === undefined || variables === null || isObject(variables)) &&
    (operationName === undefined || operationName === null || typeof operationName === 'string') &&
    (extensions === undefined || extensions === null || isObject(extensions))
  );
}
