import { once } from 'node:events';
import WebSocket from 'ws';

/** A graphql-transport-ws message as it travels. */
export interface WsMessage {
  id?: string;
  type: string;
  payload?: unknown;
}

/**
 * A graphql-ws client on a raw socket, message by message: for tests that must see the protocol
 * itself (close codes, errors per subscription) or stop reading the socket as a stuck client would.
 */
export class RawWsClient {
  readonly messages: WsMessage[] = [];
  readonly #waiters: { match: (m: WsMessage) => boolean; resolve: (m: WsMessage) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as WsMessage;
      this.messages.push(message);
      for (const waiter of [...this.#waiters]) {
        if (!waiter.match(message)) continue;
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    });
    this.closed = once(socket, 'close').then(([code, reason]) => ({ code: code as number, reason: String(reason) }));
  }

  /** Opens a socket and sends connection_init (with `authorization` when given). */
  static async connect(url: string, authorization?: string): Promise<RawWsClient> {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await once(socket, 'open');
    const client = new RawWsClient(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: authorization ? { authorization } : {} }));
    return client;
  }

  /** The first message (already received or to come) that `match` accepts. */
  next(match: (m: WsMessage) => boolean): Promise<WsMessage> {
    const seen = this.messages.find(match);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  acked(): Promise<WsMessage> {
    return this.next((m) => m.type === 'connection_ack');
  }

  subscribe(id: string, query: string, variables: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  /** The first answer to subscription `id`: a value or an error. */
  answer(id: string): Promise<WsMessage> {
    return this.next((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
  }

  completed(id: string): Promise<WsMessage> {
    return this.next((m) => m.id === id && m.type === 'complete');
  }

  /** Stops (and resumes) reading the TCP socket under the WebSocket. */
  get tcp(): { pause(): void; resume(): void } {
    return (this.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed;
  }
}
