import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { SharedStreams } from '../pubsub/shared-streams.ts';
import { STATE_STREAM } from '../schema/state-stream.ts';

/**
 * Is `document`'s operation a subscription to a state stream (and so shareable)? State streams
 * are root fields whose values are states (the whole thing as it is now, first the snapshot,
 * then once per change) rather than events: a subscriber who joins late loses nothing by
 * starting from the latest value. The schema marks them (extensions: STATE_STREAM): taskUpdated,
 * workflowUpdated and each task type's typed `…Updated`.
 */
export function isStateStream(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'subscription') return false;
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === 'Field' && fields[selection.name.value]?.extensions.taskqlStateStream === STATE_STREAM.taskqlStateStream,
  );
}

/**
 * Subscriptions to the same state stream with the same operation, variables and caller share
 * one GraphQL execution (one execution per event, whose result goes to each of them).
 */
export class SharedSubscriptions extends SharedStreams<ExecutionResult, ExecutionResult> {}
