import { createClient, type Client } from 'graphql-ws';

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

/** taskql's own API: queries and mutations over HTTP, subscriptions over graphql-ws. */
export class Api {
  readonly ws: Client;

  constructor(
    private readonly url = '/graphql',
    onConnection: (connected: boolean) => void = () => {},
  ) {
    const wsUrl = new URL(url, location.href);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    this.ws = createClient({
      url: wsUrl.href,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      connectionParams: () => {
        const value = token.get();
        return value ? { authorization: `Bearer ${value}` } : {};
      },
      on: { connected: () => onConnection(true), closed: () => onConnection(false) },
    });
  }

  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token.get() ? { authorization: `Bearer ${token.get()}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    const denied = body.errors?.find((e) => e.extensions?.code === 'UNAUTHENTICATED' || e.extensions?.code === 'FORBIDDEN');
    if (denied) throw new AuthError(denied.message);
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('\n'));
    return body.data as T;
  }

  /** Calls `next` for each value; returns a function that ends the subscription. */
  subscribe<T>(query: string, variables: Record<string, unknown>, next: (data: T) => void, complete?: () => void): () => void {
    return this.ws.subscribe<T>(
      { query, variables },
      {
        next: (result) => result.data && next(result.data as T),
        error: (error) => console.error('subscription error', error),
        complete: () => complete?.(),
      },
    );
  }
}
