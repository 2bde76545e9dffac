import { GraphQLError } from 'graphql';
import type { Logger } from '../logger.ts';
import { isRedisUnavailableError } from '../redis/connections.ts';
import { TaskqlError } from '../resolvers/errors.ts';

/** GraphQL's own messages for input of the wrong type (variables, literals). */
const INPUT_COERCION = /got invalid value|cannot represent|Expected value of type|Expected type/;

/**
 * The one place errors meet clients: taskql's own errors carry their codes (docs/api.md#errors), Redis outages
 * become SERVICE_UNAVAILABLE, and anything unexpected is logged in full and masked.
 */
export function createMaskError(log: Logger) {
  return (error: unknown, fallbackMessage: string): Error => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const original = graphqlError?.originalError ?? (graphqlError ? undefined : error);
    const at = { nodes: graphqlError?.nodes, path: graphqlError?.path };

    if (original instanceof TaskqlError) {
      return new GraphQLError(original.message, { ...at, extensions: { code: original.code, ...original.details } });
    }
    if (isRedisUnavailableError(original)) {
      log.warn({ err: original }, 'Redis unavailable during a request');
      return new GraphQLError('The task store (Redis) is unavailable. Try again shortly.', {
        ...at,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    }
    if (graphqlError && (!original || original instanceof GraphQLError)) {
      if (graphqlError.extensions.code || !INPUT_COERCION.test(graphqlError.message)) return graphqlError;
      return new GraphQLError(graphqlError.message, { ...at, extensions: { code: 'BAD_USER_INPUT' } });
    }
    log.error({ err: original, path: graphqlError?.path }, 'unexpected error');
    return new GraphQLError(fallbackMessage, { ...at, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
