import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from './gql/graphql.ts';

const TOKEN_KEY = 'taskql_token';

/** The API token the dashboard sends (when the server has auth on), kept in this browser. */
export const token = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set(value: string): void {
    localStorage.setItem(TOKEN_KEY, value);
    // bull-board (/admin/queues) is a plain page: it gets the token as a cookie.
    document.cookie = `${TOKEN_KEY}=${encodeURIComponent(value)}; path=/; SameSite=Strict`;
  },
};

/** Raised when the API wants a (better) token. */
export class AuthError extends Error {}

/** A GraphQL error the API answered, with its code (BAD_USER_INPUT, CONFLICT, ...). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

type Listener = (connected: boolean) => void;

/** taskql's own API: queries and mutations over HTTP, subscriptions over graphql-ws, all typed. */
export class Api {
  readonly #ws: Client;
  readonly #listeners = new Set<Listener>();
  connected = false;

  constructor(private readonly url = '/graphql') {
    const wsUrl = new URL(url, location.href);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#ws = createClient({
      url: wsUrl.href,
      // Connected from the start, so the header says whether live updates reach this page.
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      connectionParams: () => {
        const value = token.get();
        return value ? { authorization: `Bearer ${value}` } : {};
      },
      on: { connected: () => this.#tell(true), closed: () => this.#tell(false) },
    });
  }

  #tell(connected: boolean): void {
    this.connected = connected;
    for (const listener of this.#listeners) listener(connected);
  }

  /** Calls `listener` on each connect and disconnect of the live feed; answers how to stop. */
  onConnection(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async request<R, V>(document: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
    const value = token.get();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(value ? { authorization: `Bearer ${value}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
    const body = (await response.json()) as { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
    const denied = body.errors?.find((e) => e.extensions?.code === 'UNAUTHENTICATED' || e.extensions?.code === 'FORBIDDEN');
    if (denied) throw new AuthError(denied.message);
    if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('\n'), body.errors[0]?.extensions?.code);
    return body.data as R;
  }

  /** Calls `next` for each value; answers a function that ends the subscription. */
  subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, next: (data: R) => void, complete?: () => void): () => void {
    return this.#ws.subscribe<R>(
      { query: document.toString(), variables: variables as Record<string, unknown> },
      {
        next: (result) => result.data && next(result.data as R),
        error: (error) => console.warn('subscription error', error),
        complete: () => complete?.(),
      },
    );
  }
}

export const api = new Api();
