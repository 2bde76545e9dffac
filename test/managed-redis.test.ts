import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../src/redis/embedded.ts';
import { writeTestCertificates } from './support/certificates.ts';
import { RunTask, TaskUpdated, Workers } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, TestClient, uniquePrefix } from './support/taskql.ts';

/**
 * Like a managed Redis: TLS only (rediss://, a private CA the process is told to trust), an ACL
 * user with a password instead of the default user, and no CLIENT commands for that user.
 */
describe('a managed-style Redis: TLS, an ACL user, no CLIENT commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-tls-'));
  let redis: RedisServer;
  let url: string;

  beforeAll(async () => {
    // A private CA and a certificate for localhost it signed (node:crypto: no openssl binary needed).
    const tls = writeTestCertificates(dir);
    const tlsPort = await getPort({ host: '127.0.0.1' });
    redis = await startRedisServer({
      dir: join(dir, 'data'),
      args: [
        ...['--port', '0', '--tls-port', String(tlsPort), '--tls-auth-clients', 'no'],
        ...['--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.ca],
        ...['--user', 'default', 'off', '--user', 'app', 'on', '>app-secret-1', '~*', '&*', '+@all', '-client'],
      ],
    });
    url = `rediss://app:app-secret-1@localhost:${tlsPort}`;
  }, 60_000);

  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a task end to end over rediss:// as an ACL user, and says what refusing CLIENT changes', async () => {
    const taskql = TaskqlProcess.spawn('dev', { REDIS_URL: url, NODE_EXTRA_CA_CERTS: join(dir, 'ca.crt'), TASKQL_PREFIX: uniquePrefix(), PORT: '0' });
    try {
      const warning = await taskql.waitForLog('refuses CLIENT commands');
      expect(warning.msg).toContain('uses heartbeats');
      const client = new TestClient(String((await taskql.waitForLog('API listening')).url));
      const { runTask } = await client.data(RunTask, { name: 'divide', input: { x: 1, y: 2 } });
      const { values } = await collect(client.wsClient(), TaskUpdated, { id: runTask.id });
      expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: 0.5 });
      const { workers } = await client.data(Workers);
      expect(workers.filter((worker) => worker.online)).toHaveLength(1);
      await client.stop();
    } finally {
      await taskql.stop('SIGKILL');
    }
  });

  it('refuses to connect over TLS to a server it cannot verify, and says why', async () => {
    const taskql = TaskqlProcess.spawn('worker', { REDIS_URL: url, TASKQL_PREFIX: uniquePrefix() });
    try {
      const warning = await taskql.waitForLog('Redis is unreachable');
      expect(String(warning.err)).toMatch(/certificate/i);
    } finally {
      await taskql.stop('SIGKILL');
    }
  });
});
