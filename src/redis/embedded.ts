import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import getPort from 'get-port';
import type { Logger } from '../logger.ts';

export interface RedisServer {
  url: string;
  /** The redis-server's process id, when this process started it. */
  pid?: number;
  stop(): Promise<void>;
}

export class NoRedisError extends Error {
  override name = 'NoRedisError';
}

const LOCAL = { host: '127.0.0.1', port: 6379 };

/**
 * The set-up promise (README, Quick start): REDIS_URL if set; else the Redis on 127.0.0.1:6379 if it answers;
 * else (when allowed, i.e. dev mode) a private redis-server with its data in `dataDir`.
 */
export interface ResolveRedisOptions {
  redisUrl?: string;
  dataDir: string;
  allowEmbedded: boolean;
  /** @defaultValue 127.0.0.1:6379 */
  local?: { host: string; port: number };
  /** @defaultValue 'redis-server' (from PATH) */
  command?: string;
}

export async function resolveRedis(options: ResolveRedisOptions, log: Logger): Promise<RedisServer> {
  const none = { stop: async () => {} };
  if (options.redisUrl) return { url: options.redisUrl, ...none };
  const local = options.local ?? LOCAL;
  const where = `${local.host}:${local.port}`;
  if (await answersPing(local.host, local.port)) {
    log.info(`using the Redis on ${where} (set REDIS_URL to choose another)`);
    return { url: `redis://${where}`, ...none };
  }
  if (!options.allowEmbedded) {
    throw new NoRedisError(`No Redis answers on ${where}: set REDIS_URL to your Redis (redis://host:port).`);
  }
  const server = await startRedisServer({ dir: options.dataDir, appendOnly: true, command: options.command });
  log.info({ url: server.url, dataDir: resolve(options.dataDir) }, `no Redis on ${where}: started a private redis-server`);
  return server;
}

/** Starts `redis-server` from PATH on a free loopback port; resolves once it accepts connections. */
export async function startRedisServer(options: {
  dir: string;
  port?: number;
  appendOnly?: boolean;
  command?: string;
  /** More redis-server options (e.g. for a cluster node). */
  args?: readonly string[];
}): Promise<RedisServer> {
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await getPort({ host: '127.0.0.1' }));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', resolve(options.dir), '--save', ''];
  args.push('--appendonly', options.appendOnly ? 'yes' : 'no', '--maxmemory-policy', 'noeviction', '--logfile', '');
  args.push(...(options.args ?? []));
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and Redis
  // must outlive the worker's grace period; `stop()` ends it last. Should this process exit
  // any other way, the 'exit' hook still takes it down.
  const child = spawn(options.command ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  await new Promise<void>((ready, fail) => {
    let output = '';
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new NoRedisError(
              'No Redis found: set REDIS_URL, start Redis on 127.0.0.1:6379, or install redis-server ' +
                '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).',
            )
          : error,
      ),
    );
    child.once('exit', (code) => fail(new Error(`redis-server exited with code ${code}: ${output.slice(-500)}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) ready();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  child.removeAllListeners('exit');
  child.stdout.resume();

  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((done) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function answersPing(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG') || data.toString().startsWith('-NOAUTH')));
  });
}
