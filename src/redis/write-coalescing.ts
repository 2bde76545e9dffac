import type { Redis } from 'ioredis';

/**
 * Sends the commands one pass of the event loop issues on a connection in one socket write.
 *
 * ioredis writes each command to its socket at once: one `write` system call per command. A
 * `runTask` makes two (BullMQ's add and the index entry), and with 32 clients in flight an API
 * process issues dozens per pass of the loop, each a system call that costs more CPU than the
 * command's own encoding (in `node --cpu-prof` of a submit load, socket writes were the largest
 * single item, a fifth of the API's time). Corking the socket at the first write of a pass and
 * uncorking it once the pass's I/O callbacks have run (`setImmediate`) sends them in one `writev`:
 * same commands, same order, same connection, nothing waits longer than the rest of the pass.
 * (ioredis's own auto-pipelining batches the same way but builds a Pipeline per batch, which
 * cost more CPU than it saved here.)
 *
 * For the API's command connection only. A worker's connection does not gain: a worker is bound
 * by round trips, not by its CPU (each task's BullMQ move brings it the next task), and holding
 * each move back to the end of the pass left Redis idle meanwhile: one worker process drained
 * 4,100-4,500 no-ops/s with it and 7,000/s without (bench/redis-commands.ts, 30,000 tasks, event
 * publishing off to see the moves alone), while the API under 32 clients went from 2,900-3,450
 * to 3,700-4,500 runTask/s with it. Not for SUBSCRIBE mode either, nor BullMQ's blocking
 * connection (BullMQ makes that one itself, with `duplicate()`, which does not carry this).
 * Applied again at each (re)connect, as each connect has a new socket.
 */
export function coalesceWrites(redis: Redis): void {
  redis.on('connect', () => {
    const socket = redis.stream;
    const write = socket.write;
    let corked = false;
    const flush = () => {
      corked = false;
      socket.uncork();
    };
    socket.write = function (this: typeof socket, ...args: Parameters<typeof write>) {
      if (!corked) {
        corked = true;
        socket.cork();
        setImmediate(flush);
      }
      return write.apply(this, args);
    } as typeof write;
  });
}
