import { context, defaultTextMapGetter, propagation, ROOT_CONTEXT, SpanKind, trace, type Context, type Span } from '@opentelemetry/api';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { fail, tracer } from './task-tracing.ts';

/**
 * A span per GraphQL operation (`mutation RunTask`, SERVER), on HTTP and graphql-ws alike (both
 * go through yoga's envelop), with OpenTelemetry's GraphQL attributes (graphql.operation.type,
 * graphql.operation.name, graphql.document) and the result's errors. Its resolvers run with the
 * span active, so runTask's `enqueue` span, and so every attempt of the task, are in its trace.
 * A request with a `traceparent` header (and no HTTP instrumentation of its own) continues that
 * trace. @opentelemetry/api only: with no SDK registered, the no-op tracer does nothing.
 *
 * (@envelop/opentelemetry does this too, but brings an SDK with it; taskql leaves the SDK to the user.)
 */
export function graphqlTracing(): Plugin {
  const spans = new WeakMap<object, Span>();
  /** Runs a phase (execute, subscribe) in the operation's span. */
  const inSpan = (payload: { context: object }, wrapped: () => unknown) => {
    const parent = trace.getSpan(context.active()) ? context.active() : fromHeaders(payload.context);
    const span = tracer.startSpan('graphql', { kind: SpanKind.SERVER }, parent);
    if (!span.isRecording()) return wrapped() as Promise<void>;
    spans.set(payload.context, span);
    const ended = () => {
      spans.delete(payload.context);
      span.end();
    };
    try {
      const done = context.with(trace.setSpan(parent, span), wrapped) as Promise<void> | void;
      if (done instanceof Promise) return done.then(ended, (error: unknown) => (fail(span, error), ended(), Promise.reject(error)));
      ended();
      return done;
    } catch (error) {
      fail(span, error);
      ended();
      throw error;
    }
  };
  const describe = (contextValue: object, document: DocumentNode, operationName: string | null | undefined) => {
    const span = spans.get(contextValue);
    if (!span) return undefined;
    const operation = getOperationAST(document, operationName);
    const type = operation?.operation ?? 'query';
    const name = operation?.name?.value ?? operationName ?? undefined;
    span.updateName(name ? `${type} ${name}` : type);
    span.setAttribute('graphql.operation.type', type);
    if (name) span.setAttribute('graphql.operation.name', name);
    const source = document.loc?.source.body;
    if (source) span.setAttribute('graphql.document', source);
    return span;
  };
  const recordErrors = (span: Span, result: ExecutionResult) => {
    for (const error of result.errors ?? []) {
      const code = (error.extensions as { code?: unknown } | undefined)?.code;
      span.addEvent('graphql.error', { 'exception.message': error.message, ...(typeof code === 'string' && { 'graphql.error.code': code }) });
    }
    if (result.errors?.length) fail(span, new Error(result.errors.map((error) => error.message).join('; ')));
  };
  return {
    instrumentation: {
      execute: inSpan,
      subscribe: inSpan,
    },
    onExecute({ args }) {
      const span = describe(args.contextValue as object, args.document, args.operationName);
      if (!span) return undefined;
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result)) recordErrors(span, result);
        },
      };
    },
    onSubscribe({ args }) {
      const span = describe(args.contextValue as object, args.document, args.operationName);
      if (!span) return undefined;
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in result)) recordErrors(span, result);
        },
        onSubscribeError({ error }) {
          fail(span, error);
        },
      };
    },
  };
}

/**
 * The trace context of the request's traceparent header, when it has one: the HTTP request
 * (Node's, as the app hands it to yoga) or, for graphql-ws, the socket's upgrade request.
 */
function fromHeaders(contextValue: object): Context {
  const headers = (contextValue as { req?: { headers?: Record<string, string | string[] | undefined> } }).req?.headers;
  if (!headers?.traceparent) return context.active();
  return propagation.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}
