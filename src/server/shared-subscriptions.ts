import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { SharedStreams } from '../pubsub/shared-streams.ts';

/**
 * Root fields whose values are states (the whole thing as it is now, first the snapshot, then
 * once per change) rather than events: a subscriber who joins late loses nothing by starting
 * from the latest value.
 */
const STATE_STREAMS = new Set(['taskUpdated', 'workflowUpdated']);

/** Is `document`'s operation a subscription to a state stream (and so shareable)? */
export function isStateStream(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'subscription') return false;
  return operation.selectionSet.selections.every((selection) => selection.kind === 'Field' && STATE_STREAMS.has(selection.name.value));
}

/**
 * Subscriptions to the same state stream with the same operation, variables and caller share
 * one GraphQL execution (one execution per event, whose result goes to each of them).
 */
export class SharedSubscriptions extends SharedStreams<ExecutionResult, ExecutionResult> {}
