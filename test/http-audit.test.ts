import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './support/taskql.ts';

/**
 * graphql-http's audit of the GraphQL over HTTP spec, against /graphql as clients reach it (the
 * JSON fast path included): every MUST, SHOULD and MAY passes, as it does for plain yoga.
 */
describe('GraphQL over HTTP audit (graphql-http)', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('passes every MUST, SHOULD and MAY', async () => {
    const results = await auditServer({ url: taskql.url });
    const failed = results.filter((result) => result.status !== 'ok').map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failed).toEqual([]);
    const levels = ['MUST', 'SHOULD', 'MAY'].map((level) => results.filter((result) => result.name.startsWith(level)).length);
    expect(levels.every((count) => count > 0)).toBe(true);
  });
});
