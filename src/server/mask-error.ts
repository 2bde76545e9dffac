import { GraphQLError } from 'graphql';
import type { Logger } from '../logger.ts';
import { QueueWriteError, type QueueOutcome } from '../queue/queue-outcome.ts';
import { isRedisOutOfMemoryError, isRedisUnavailableError } from '../redis/connections.ts';
import { TaskqlError } from '../resolvers/errors.ts';

/**
 * What a client that could not queue is told (extensions.outcome): whether trying again is
 * safe, or could run the work twice.
 */
const QUEUE_FAILURES: Record<QueueOutcome, string> = {
  NOT_QUEUED: 'nothing was queued. Try again shortly.',
  UNKNOWN:
    'it did not answer in time, so this may have been queued (and will then run). To retry safely, call runTask again ' +
    'with the same idempotencyKey: it returns the task if it exists and queues it if not. Without one, check before retrying.',
};

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
    if (original instanceof QueueWriteError) {
      log.warn({ err: original.cause, outcome: original.outcome }, 'Redis failed while queueing');
      return new GraphQLError(`${storeTrouble(original.cause)}: ${QUEUE_FAILURES[original.outcome]}`, {
        ...at,
        extensions: { code: 'SERVICE_UNAVAILABLE', outcome: original.outcome },
      });
    }
    if (isRedisUnavailableError(original)) {
      log.warn({ err: original }, 'Redis unavailable during a request');
      return new GraphQLError(`${storeTrouble(original)}. Try again shortly.`, {
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

const storeTrouble = (error: unknown): string =>
  isRedisOutOfMemoryError(error) ? 'The task store (Redis) is out of memory' : 'The task store (Redis) is unavailable';
