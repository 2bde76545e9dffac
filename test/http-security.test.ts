import { request as httpRequest } from 'node:http';
import { once } from 'node:events';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RunTask } from './support/documents.ts';
import { Harness } from './support/taskql.ts';

const tokens = [
  { name: 'alice', token: 'alice-secret-0000000', scopes: ['run' as const, 'read' as const] },
  { name: 'ops', token: 'ops-secret-000000000', scopes: ['admin' as const] },
];

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with the path sent byte for byte (fetch would normalise `.`, `..` and case of nothing else). */
function raw(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once('error', reject);
    req.end(init.body);
  });
}

/** The spellings of one path that some router could take for it. */
function variantsOf(path: string): string[] {
  const [first, ...rest] = path.slice(1).split('/') as [string, ...string[]];
  const tail = rest.length > 0 ? `/${rest.join('/')}` : '';
  return [
    path,
    path.toUpperCase(),
    path.replace(/\/(\w)/g, (_, c: string) => `/${c.toUpperCase()}`),
    `/%${first.charCodeAt(0).toString(16)}${first.slice(1)}${tail}`,
    `/%25${first.charCodeAt(0).toString(16)}${first.slice(1)}${tail}`,
    path.replaceAll('/', '%2F'),
    `/${path}`,
    path.replaceAll('/', '//'),
    `/.${path}`,
    `/static/..${path}`,
    `/static/%2e%2e${path}`,
    path.replaceAll('/', '\\').replace(/^\\/, '/'),
    `${path}/`,
    `${path}?x=1`,
  ];
}

const ADMIN_GETS = ['/metrics', '/admin/queues', '/admin/queues/api/queues'];

describe('admin-only paths, however they are spelt', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ tokens, worker: false });
  });
  afterAll(() => taskql.stop());

  it('answers 401 to every spelling of every admin path without an admin token', async () => {
    const open: string[] = [];
    for (const path of ADMIN_GETS) {
      for (const variant of variantsOf(path)) {
        for (const headers of [{}, { authorization: 'Bearer alice-secret-0000000' }, { cookie: 'taskql_token=alice-secret-0000000' }] as Record<string, string>[]) {
          const answer = await raw(taskql.url, variant, { headers });
          if (answer.status !== 401 && answer.status !== 400) open.push(`${variant} ${JSON.stringify(headers)}: ${answer.status}`);
        }
      }
    }
    expect(open).toEqual([]);
  });

  it('lets no spelling of bull-board pause a queue or add a job', async () => {
    const queue = taskql.queue();
    for (const variant of variantsOf('/admin/queues/api/queues/default/pause')) {
      const answer = await raw(taskql.url, variant, { method: 'PUT', headers: { authorization: 'Bearer alice-secret-0000000' } });
      expect([400, 401]).toContain(answer.status);
    }
    for (const variant of variantsOf('/admin/queues/api/queues/default/add')) {
      const answer = await raw(taskql.url, variant, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'noop', data: { owner: 'ops', input: {} } }),
      });
      expect([400, 401]).toContain(answer.status);
    }
    expect(await queue.isPaused()).toBe(false);
    expect(await queue.count()).toBe(0);
  });

  it('still serves admins on the plain paths', async () => {
    const admin = { authorization: 'Bearer ops-secret-000000000' };
    expect((await raw(taskql.url, '/metrics', { headers: admin })).status).toBe(200);
    const queues = await raw(taskql.url, '/ADMIN/queues/api/queues', { headers: admin });
    expect(queues.status).toBe(200);
    expect(queues.body).toContain('"default"');
  });

  it('refuses a malformed path with 400', async () => {
    expect((await raw(taskql.url, '/admin%zz/queues')).status).toBe(400);
  });
});

describe('cross-site requests with auth off', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  const query = JSON.stringify({ query: '{ taskTypes { name } }' });
  const json = { 'content-type': 'application/json' };

  it('gives CORS headers to loopback pages only, and never with credentials', async () => {
    const local = await raw(taskql.url, '/graphql', { method: 'POST', headers: { ...json, origin: 'http://localhost:5173' }, body: query });
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(local.headers['access-control-allow-credentials']).toBeUndefined();
    const foreign = await raw(taskql.url, '/graphql', { method: 'POST', headers: { ...json, origin: 'https://evil.example' }, body: query });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await raw(taskql.url, '/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses POSTs a form could send (urlencoded, multipart, text/plain), and queues nothing', async () => {
    const queue = taskql.queue();
    const mutation = 'mutation { runTask(name: "noop") { id } }';
    const forms = [
      { type: 'application/x-www-form-urlencoded', body: new URLSearchParams({ query: mutation }).toString() },
      { type: 'text/plain', body: JSON.stringify({ query: mutation }) },
      { type: 'multipart/form-data; boundary=x', body: `--x\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: mutation })}\r\n--x--\r\n` },
    ];
    for (const form of forms) {
      const answer = await raw(taskql.url, '/graphql', { method: 'POST', headers: { 'content-type': form.type, origin: 'https://evil.example' }, body: form.body });
      expect(answer.status, form.type).toBe(403);
    }
    expect(await queue.count()).toBe(0);
    // A client that means it says so with the header (or sends JSON).
    const meant = await raw(taskql.url, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' },
      body: new URLSearchParams({ query: '{ taskTypes { name } }' }).toString(),
    });
    expect(meant.status).toBe(200);
  });

  it('answers only to loopback host names (DNS rebinding), on HTTP and WebSocket', async () => {
    const port = new URL(taskql.url).port;
    const rebound = await raw(taskql.url, '/graphql', { method: 'POST', headers: { ...json, host: `evil.example:${port}` }, body: query });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatch(/ALLOWED_HOSTS/);
    expect((await raw(taskql.url, '/', { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await raw(taskql.url, '/graphql', { method: 'POST', headers: { ...json, host: `localhost:${port}` }, body: query })).status).toBe(200);
    const socket = new WebSocket(taskql.wsUrl, 'graphql-transport-ws', { headers: { host: `evil.example:${port}` } });
    const [, response] = (await once(socket, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
  });

  it('refuses WebSockets from pages of other origins, and takes those of its own and of loopback', async () => {
    const foreign = new WebSocket(taskql.wsUrl, 'graphql-transport-ws', { origin: 'https://evil.example' });
    const [, response] = (await once(foreign, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
    for (const origin of [new URL(taskql.url).origin, 'http://localhost:5173', undefined]) {
      const socket = new WebSocket(taskql.wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
      await once(socket, 'open');
      socket.close();
    }
  });
});

describe('CORS_ORIGINS with auth on', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ tokens, worker: false, origins: { corsOrigins: ['https://app.example.com'] } });
  });
  afterAll(() => taskql.stop());

  it('gives CORS headers and WebSockets to the listed origin alone (not loopback ones)', async () => {
    const body = JSON.stringify({ query: '{ taskTypes { name } }' });
    const headers = { 'content-type': 'application/json', authorization: 'Bearer alice-secret-0000000' };
    const listed = await raw(taskql.url, '/graphql', { method: 'POST', headers: { ...headers, origin: 'https://app.example.com' }, body });
    expect(listed.status).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const local = await raw(taskql.url, '/graphql', { method: 'POST', headers: { ...headers, origin: 'http://localhost:5173' }, body });
    expect(local.headers['access-control-allow-origin']).toBeUndefined();
    const socket = new WebSocket(taskql.wsUrl, 'graphql-transport-ws', { origin: 'https://app.example.com' });
    await once(socket, 'open');
    socket.close();
    const other = new WebSocket(taskql.wsUrl, 'graphql-transport-ws', { origin: 'http://localhost:5173' });
    const [, response] = (await once(other, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
  });
});

describe('introspection and GraphiQL', () => {
  const introspect = (url: string, headers: Record<string, string> = {}) =>
    raw(url, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, schemaDescription: true, directiveIsRepeatable: true, oneOf: true }) }) });

  it("answers the tools' full introspection query under the default limits, over HTTP and WebSocket", async () => {
    const taskql = await Harness.start({ worker: false });
    try {
      const answer = await introspect(taskql.url);
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.body) as { data?: { __schema: { types: { name: string }[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.__schema.types.map((t) => t.name)).toContain('Task');
      const overWs = await taskql.wsClient().iterate({ query: getIntrospectionQuery() }).next();
      expect((overWs.value as { data?: { __schema?: unknown } }).data?.__schema).toBeDefined();
    } finally {
      await taskql.stop();
    }
  });

  it('still refuses introspection that multiplies (lists in lists) or repeats __schema', async () => {
    const taskql = await Harness.start({ worker: false });
    try {
      const post = async (query: string) => JSON.parse((await raw(taskql.url, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).body) as { errors?: { message: string }[] };
      expect((await post('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }')).errors?.[0]?.message).toMatch(/too deep/);
      expect((await post('{ a: __schema { types { name } } b: __schema { types { name } } }')).errors?.[0]?.message).toMatch(/once/);
    } finally {
      await taskql.stop();
    }
  });

  it('with tokens set (outside production), GraphiQL and introspection need one', async () => {
    const taskql = await Harness.start({ tokens, worker: false });
    try {
      const page = await raw(taskql.url, '/graphql', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(401);
      expect(page.body).not.toMatch(/<script/i);
      const signedIn = await raw(taskql.url, '/graphql', { headers: { accept: 'text/html', cookie: 'taskql_token=alice-secret-0000000' } });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatch(/graphiql/i);

      const anonymous = JSON.parse((await introspect(taskql.url)).body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.data ?? null).toBeNull();
      const withToken = JSON.parse((await introspect(taskql.url, { authorization: 'Bearer alice-secret-0000000' })).body) as { errors?: unknown };
      expect(withToken.errors).toBeUndefined();
      // GraphiQL in the browser sends the dashboard's cookie.
      const withCookie = JSON.parse((await introspect(taskql.url, { cookie: 'taskql_token=alice-secret-0000000' })).body) as { errors?: unknown };
      expect(withCookie.errors).toBeUndefined();
      expect((await taskql.as('alice-secret-0000000').data(RunTask, { name: 'noop' })).runTask.id).toBeTruthy();
    } finally {
      await taskql.stop();
    }
  });
});
