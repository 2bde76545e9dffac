import { createClient, type Client } from 'graphql-ws';

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
      on: { connected: () => onConnection(true), closed: () => onConnection(false) },
    });
  }

  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
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
