import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadUserInputError, NotFoundError } from '../src/resolvers/errors.ts';
import { createMaskError } from '../src/server/mask-error.ts';
import { capturingLogger } from './support/logs.ts';

const fromResolver = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['runTask'] });

describe('what clients see of errors', () => {
  it('masks an unexpected error for the client and logs it in full on the server', async () => {
    const { log, lines } = capturingLogger();
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    const masked = createMaskError(log)(fromResolver(bug), 'Unexpected error.') as GraphQLError;

    expect(masked.message).toBe('Unexpected error.');
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(masked.toJSON())).not.toContain('reading');
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines.find((line) => line.msg === 'unexpected error');
    expect(logged).toMatchObject({ level: 50, path: ['runTask'], err: { type: 'TypeError', message: bug.message } });
    expect(String((logged?.err as { stack: string }).stack)).toContain('TypeError');
  });

  it("passes taskql's own errors through with their code", () => {
    const { log } = capturingLogger();
    const mask = createMaskError(log);
    expect((mask(fromResolver(new BadUserInputError('Invalid input')), 'x') as GraphQLError).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
    expect((mask(fromResolver(new NotFoundError('No task')), 'x') as GraphQLError).message).toBe('No task');
  });

  it('reports a lost Redis connection as SERVICE_UNAVAILABLE', () => {
    const { log } = capturingLogger();
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    const masked = createMaskError(log)(fromResolver(lost), 'x') as GraphQLError;
    expect(masked.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(masked.message).not.toContain('127.0.0.1');
  });

  it('keeps GraphQL validation errors as they are', () => {
    const { log } = capturingLogger();
    const invalid = new GraphQLError('Cannot query field "nope" on type "Task".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(createMaskError(log)(invalid, 'x')).toBe(invalid);
  });
});
