import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './support/taskql.ts';

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

/**
 * POSTs `body` with Node's HTTP client, either with a content-length (taskql's JSON fast path)
 * or chunked (no length: yoga's own path).
 */
function post(url: string, body: string, headers: Record<string, string>, framing: 'length' | 'chunked'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, type: response.headers['content-type'], body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    if (framing === 'length') request.setHeader('content-length', Buffer.byteLength(body));
    else request.setHeader('transfer-encoding', 'chunked');
    request.end(body);
  });
}

describe('GraphQL over HTTP', () => {
  let taskql: Harness;
  let withTokens: Harness;
  beforeAll(async () => {
    [taskql, withTokens] = await Promise.all([
      Harness.start({ worker: false }),
      Harness.start({ worker: false, tokens: [{ name: 'ops', token: 'ops-token-123456', scopes: ['admin'] }] }),
    ]);
  });
  afterAll(() => Promise.all([taskql.stop(), withTokens.stop()]));

  const json = { 'content-type': 'application/json' };
  const cases: { title: string; body: string; headers?: Record<string, string>; tokens?: boolean }[] = [
    { title: 'a query', body: JSON.stringify({ query: '{ taskTypes { name } }' }) },
    { title: 'a query, answered as graphql-response+json', body: JSON.stringify({ query: '{ task(id: "x") { id } }' }), headers: { accept: 'application/graphql-response+json' } },
    { title: 'a named operation among several', body: JSON.stringify({ query: 'query A { taskTypes { name } } query B { task(id: "x") { id } }', operationName: 'B' }) },
    { title: 'a mutation refused by its resolver', body: JSON.stringify({ query: 'mutation { runTask(name: "nope") { id } }' }), headers: { accept: 'application/graphql-response+json' } },
    { title: 'variables of the wrong type', body: JSON.stringify({ query: 'query ($id: ID!) { task(id: $id) { id } }', variables: { id: { not: 'an id' } } }) },
    { title: 'a field that does not exist', body: JSON.stringify({ query: '{ nope }' }), headers: { accept: 'application/graphql-response+json' } },
    { title: 'a syntax error', body: JSON.stringify({ query: '{ taskTypes { name }' }) },
    { title: 'a syntax error, answered as graphql-response+json', body: JSON.stringify({ query: '{ 8f31 }' }), headers: { accept: 'application/graphql-response+json' } },
    { title: 'extensions that are not an object', body: JSON.stringify({ query: '{ taskTypes { name } }', extensions: 'x' }) },
    { title: 'extensions that are an object', body: JSON.stringify({ query: '{ taskTypes { name } }', extensions: { trace: true } }) },
    { title: 'a key no request has', body: JSON.stringify({ query: '{ taskTypes { name } }', queryId: 1 }) },
    { title: 'invalid JSON', body: '{"query": ' },
    { title: 'a body that is not a request', body: JSON.stringify([{ query: '{ taskTypes { name } }' }]) },
    { title: 'a subscription (HTTP needs text/event-stream for it)', body: JSON.stringify({ query: 'subscription { taskUpdated(id: "x") { id } }' }) },
    { title: 'a query too deep', body: JSON.stringify({ query: `{ __schema { types { fields { type { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } } } }` }) },
    { title: 'an unknown API token', body: JSON.stringify({ query: '{ taskTypes { name } }' }), headers: { authorization: 'Bearer wrong' }, tokens: true },
    { title: 'an admin token', body: JSON.stringify({ query: '{ taskTypes { name } }' }), headers: { authorization: 'Bearer ops-token-123456' }, tokens: true },
    { title: 'no token where one is needed', body: JSON.stringify({ query: 'mutation { runTask(name: "noop") { id } }' }), tokens: true },
  ];

  it.each(cases)('answers $title the same on the JSON fast path as through yoga', async ({ body, headers, tokens }) => {
    const url = (tokens ? withTokens : taskql).url;
    const [fast, yoga] = await Promise.all([post(url, body, { ...json, ...headers }, 'length'), post(url, body, { ...json, ...headers }, 'chunked')]);
    expect(fast).toEqual(yoga);
    expect(fast.body.length).toBeGreaterThan(0);
  });

  it('queues a task once per runTask on the fast path, with the answer yoga would give', async () => {
    const body = JSON.stringify({ query: 'mutation { runTask(name: "noop") { name state } }' });
    const before = await taskql.queue().count();
    const fast = await post(taskql.url, body, json, 'length');
    expect(fast).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: '{"data":{"runTask":{"name":"noop","state":"PENDING"}}}' });
    expect(await taskql.queue().count()).toBe(before + 1);
  });

  it('answers a frontend dev server on loopback through yoga, with CORS headers (auth off)', async () => {
    const response = await fetch(taskql.url, {
      method: 'POST',
      headers: { ...json, origin: 'http://localhost:5173' },
      body: JSON.stringify({ query: '{ taskTypes { name } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
