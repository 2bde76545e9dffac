import { getOperationAST, GraphQLError, type ExecutionArgs } from 'graphql';
import type { Context, ServerOptions, SubscribePayload } from 'graphql-ws';
import type { WebSocketServer } from 'ws';
import type { Authenticator } from '../auth.ts';
import type { Limits } from '../config.ts';
import { callerOf } from './credentials.ts';
import { isAsyncIterable } from '../pubsub/shared-streams.ts';
import { isStateStream, SharedSubscriptions } from './shared-subscriptions.ts';
import { useServer, type Extra } from './ws-transport.ts';
import { onFirstValue, StartSlots } from './start-slots.ts';
import type { TaskqlYoga } from './yoga.ts';

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
  /** Set for state streams: subscriptions with the same key share one execution. */
  shareAs: string | undefined;
  /** Gives back the operation's start slot (see StartSlots). */
  started: () => void;
}

type OperationResult = ReturnType<NonNullable<ServerOptions['execute']>>;

/**
 * graphql-ws on `wsServer`, every operation through yoga's envelop, so HTTP and WebSocket share
 * plugins, context and error masking. Same state stream, same caller: one shared execution.
 */
export function serveGraphqlWs(wsServer: WebSocketServer, yoga: TaskqlYoga, auth: Authenticator, limits: Limits): void {
  const openSubscriptions = new WeakMap<object, Set<string>>();
  const shared = new SharedSubscriptions();
  // With auth on, what each token has open across its sockets (see MAX_SOCKETS_PER_TOKEN).
  const tokenOf = new WeakMap<object, string>();
  const socketsOf = new Counts();
  const subscriptionsOf = new Counts();
  const slots = new StartSlots();
  useServer<Record<string, unknown>>(
    {
      onConnect: (ctx) => {
        if (!auth.enabled) return true;
        const caller = callerOf(auth, ctx.extra.request.headers, ctx.connectionParams);
        if (caller === undefined || caller === 'invalid') return false; // closed with 4403 Forbidden
        if (socketsOf.get(caller.name) >= limits.MAX_SOCKETS_PER_TOKEN) {
          ctx.extra.socket.close(CLOSE_TOO_MANY, `Too many WebSockets for this API token: at most ${limits.MAX_SOCKETS_PER_TOKEN}.`);
          return false;
        }
        socketsOf.add(caller.name, 1);
        ctx.extra.socket.once('close', () => socketsOf.add(caller.name, -1));
        tokenOf.set(ctx, caller.name);
        return true;
      },
      execute: async (args) => {
        const root = args.rootValue as EnvelopedRoot;
        try {
          return await root.execute(args);
        } finally {
          root.started();
        }
      },
      subscribe: async (args) => {
        const root = args.rootValue as EnvelopedRoot;
        let result;
        try {
          result = await (root.shareAs === undefined ? root.subscribe(args) : shared.join(root.shareAs, () => root.subscribe(args) as never));
        } catch (error) {
          root.started();
          throw error;
        }
        // A state stream's first value is its snapshot, read from Redis: it has started once that is out.
        if (root.shareAs !== undefined && isAsyncIterable(result)) return onFirstValue(result, root.started);
        root.started();
        return result;
      },
      // A few at a time (see StartSlots): the slot is given back once the operation has
      // started (execute, subscribe, a state stream's snapshot), or at once when it is refused.
      onSubscribe: async (ctx, id, params) => {
        const started = await slots.take();
        try {
          const admitted = await admit(ctx, id, params, started);
          if (Array.isArray(admitted)) started();
          return admitted;
        } catch (error) {
          // e.g. the context could not be built: nothing of it stays taken.
          started();
          release(ctx, id);
          throw error;
        }
      },
      onComplete: (ctx, id) => release(ctx, id),
    },
    wsServer,
  );

  /** The operation's arguments, or why it may not run. */
  async function admit(
    ctx: Context<Record<string, unknown>, Extra>,
    id: string,
    params: SubscribePayload,
    started: () => void,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const open = openSubscriptions.get(ctx) ?? new Set<string>();
    openSubscriptions.set(ctx, open);
    if (open.size >= limits.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      return [
        new GraphQLError(`Too many subscriptions on this connection: at most ${limits.MAX_SUBSCRIPTIONS_PER_CONNECTION}.`, {
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ];
    }
    const token = tokenOf.get(ctx);
    if (token !== undefined && subscriptionsOf.get(token) >= limits.MAX_SUBSCRIPTIONS_PER_TOKEN) {
      return [
        new GraphQLError(`Too many subscriptions for this API token: at most ${limits.MAX_SUBSCRIPTIONS_PER_TOKEN} on all its connections.`, {
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ];
    }
    // Taken now (subscriptions start concurrently); given back if this one does not start.
    open.add(id);
    if (token !== undefined) subscriptionsOf.add(token, 1);
    const refuse = (errors: readonly GraphQLError[]) => {
      release(ctx, id);
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
    // graphql-ws would answer this itself, after onSubscribe: without giving anything back.
    if (!getOperationAST(document, params.operationName)) return refuse([new GraphQLError('Unable to identify operation')]);
    const contextValue = await enveloped.contextFactory();
    const shareAs = isStateStream(enveloped.schema, document, params.operationName)
      ? JSON.stringify([contextValue.caller?.name ?? null, params.operationName ?? null, params.query, params.variables ?? null])
      : undefined;
    const args: ExecutionArgs = {
      schema: enveloped.schema,
      document,
      operationName: params.operationName,
      variableValues: params.variables,
      contextValue,
      rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe, shareAs, started } satisfies EnvelopedRoot,
    };
    return args;
  }

  /** A subscription has ended (or did not start): given back to its connection and token. */
  function release(ctx: object, id: string): void {
    if (!openSubscriptions.get(ctx)?.delete(id)) return;
    const token = tokenOf.get(ctx);
    if (token !== undefined) subscriptionsOf.add(token, -1);
  }
}

/** Closes a WebSocket whose token has as many open as it may (4429, like HTTP's 429). */
const CLOSE_TOO_MANY = 4429;

/** Counts by name; names at zero are forgotten. */
class Counts {
  readonly #counts = new Map<string, number>();

  get(name: string): number {
    return this.#counts.get(name) ?? 0;
  }

  add(name: string, delta: number): void {
    const count = this.get(name) + delta;
    if (count > 0) this.#counts.set(name, count);
    else this.#counts.delete(name);
  }
}
