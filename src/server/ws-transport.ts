import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { Socket } from 'node:net';
import type { RawData, WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws hands the server's hooks as `ctx.extra`: the socket and its upgrade request. */
export interface Extra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/**
 * Past this many bytes queued on a socket, a send waits until its message is written: the
 * operation sending it (a subscription's loop) is held back, as graphql-ws's own binding holds
 * every send. Below it a send returns at once.
 * @defaultValue 65536
 */
export const SEND_HIGH_WATER_BYTES = 1 << 16;

/** A ping this often, and a socket that has not answered the last one by the next is ended, in ms. */
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws served on a `ws` server: graphql-ws's `makeServer` (the protocol) bound to each
 * socket as its own `graphql-ws/use/ws` binds it (subprotocol check, keep-alive pings, errors
 * closing with 1011), but for how messages are written.
 *
 * `ws` writes each message in its own system call, and graphql-ws's binding waits for each
 * write's callback before the operation may send its next message. A live feed sends one
 * message per task event: in `node --cpu-prof` of the API under the end-to-end bench (10,000
 * no-ops, their SUCCESS events relayed to one feed client), those writes were ~45 us of the
 * API's ~630 us of CPU per task. Here the messages one pass of the event loop sends on a socket
 * go out in one `writev` (the socket is corked at the first and uncorked by `setImmediate`,
 * once the pass's I/O callbacks have run: same messages, same order), and a send does not wait
 * for its write unless the socket already holds SEND_HIGH_WATER_BYTES (a slow reader).
 */
export function useServer<P extends Record<string, unknown>>(
  options: ServerOptions<P, Extra>,
  wsServer: WebSocketServer,
  keepAliveMs = KEEP_ALIVE_MS,
): void {
  const server = makeServer<P, Extra>(options);
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.on('error', (error) => {
    console.error('WebSocket server error: closing its sockets.', error);
    for (const socket of wsServer.clients) socket.close(CloseCode.InternalServerError, 'Internal server error');
  });

  wsServer.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      console.error('WebSocket error: closing the socket.', error);
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });

    let answered = true;
    const pings = setInterval(() => {
      if (!answered) return void socket.terminate();
      answered = false;
      socket.ping();
    }, keepAliveMs);
    socket.on('pong', () => (answered = true));

    const send = batchedSend(socket, request.socket);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => socket.close(code, reason),
        onMessage: (received) =>
          socket.on('message', async (data: RawData) => {
            try {
              await received(String(data));
            } catch (error) {
              console.error('graphql-ws message handling failed: closing the socket.', error);
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );

    socket.once('close', (code, reason) => {
      clearInterval(pings);
      void closed(code, String(reason));
    });
  });
}

/**
 * `socket`'s send as described on useServer: a pass's messages in one write, waiting only on a
 * full socket. `tcp` is the upgraded request's socket, the one `ws` writes to.
 */
function batchedSend(socket: WebSocket, tcp: Socket): (data: string) => Promise<void> | undefined {
  let corked = false;
  const uncork = () => {
    corked = false;
    // Ended meanwhile, the socket was uncorked by end() itself.
    if (tcp.writableCorked > 0) tcp.uncork();
  };
  return (data) => {
    if (socket.readyState !== socket.OPEN) return undefined;
    if (!corked) {
      corked = true;
      tcp.cork();
      setImmediate(uncork);
    }
    if (socket.bufferedAmount < SEND_HIGH_WATER_BYTES) {
      socket.send(data);
      return undefined;
    }
    return new Promise<void>((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve())));
  };
}
