import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../schema/builder.ts';

/**
 * Introspection has a shape of its own. The general depth limit would refuse the query every
 * tool sends (graphql-js's `getIntrospectionQuery()` and GraphiQL's are ~21 deep, from chains of
 * `ofType`), so introspection is exempt from it and held to this instead:
 * - `__schema` at most once per operation;
 * - lists inside lists at most INTROSPECTION_LIST_NESTING deep (`types { fields { args } }` is
 *   what the tools ask; `types { fields { type { fields … } } }` multiplies without end);
 * - at most INTROSPECTION_MAX_DEPTH deep in all (the tools' `ofType` chains are 9 or so).
 */
export const INTROSPECTION_LIST_NESTING = 3;
export const INTROSPECTION_MAX_DEPTH = 32;

/** Introspection fields that answer lists (each level multiplies the answer). */
const LIST_FIELDS = new Set(['types', 'fields', 'args', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'directives']);

const isIntrospectionRoot = (name: string) => name === '__schema' || name === '__type';

export const introspectionShape: ValidationRule = (context) => {
  const fragments = fragmentsOf(context.getDocument());
  return {
    OperationDefinition(operation) {
      let schemaFields = 0;
      const walk = (set: SelectionSetNode, inside: boolean, depth: number, lists: number, seen: Set<string>): void => {
        for (const selection of set.selections) {
          if (selection.kind === Kind.FRAGMENT_SPREAD) {
            const fragment = fragments.get(selection.name.value);
            if (fragment && !seen.has(fragment.name.value)) {
              walk(fragment.selectionSet, inside, depth, lists, new Set(seen).add(fragment.name.value));
            }
            continue;
          }
          if (selection.kind === Kind.INLINE_FRAGMENT) {
            walk(selection.selectionSet, inside, depth, lists, seen);
            continue;
          }
          const name = selection.name.value;
          const entering = !inside && isIntrospectionRoot(name);
          if (entering && name === '__schema' && ++schemaFields > 1) {
            context.reportError(new GraphQLError('Introspection: ask for __schema once per operation.', { nodes: [selection] }));
          }
          if (!(inside || entering) || !selection.selectionSet) {
            if (selection.selectionSet) walk(selection.selectionSet, false, 0, 0, seen);
            continue;
          }
          const nextLists = lists + (LIST_FIELDS.has(name) ? 1 : 0);
          if (nextLists > INTROSPECTION_LIST_NESTING || depth + 1 > INTROSPECTION_MAX_DEPTH) {
            context.reportError(
              new GraphQLError(
                `Introspection nested too deep: at most ${INTROSPECTION_LIST_NESTING} lists in lists and ${INTROSPECTION_MAX_DEPTH} levels.`,
                { nodes: [selection] },
              ),
            );
            return;
          }
          walk(selection.selectionSet, true, depth + 1, nextLists, seen);
        }
      };
      walk(operation.selectionSet, false, 0, 0, new Set());
    },
  };
};

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** Whether an operation asks for the schema (`__schema`, `__type`) at its root. */
function asksForSchema(operation: OperationDefinitionNode | null | undefined, document: DocumentNode): boolean {
  if (!operation) return false;
  const fragments = fragmentsOf(document);
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return isIntrospectionRoot(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return false;
      seen.add(fragment.name.value);
      return visit(fragment.selectionSet);
    });
  return visit(operation.selectionSet);
}

/** Introspection shows the whole API: with auth on, only to a caller with a valid token. */
export const introspectionNeedsToken: Plugin<Context> = {
  onExecute({ args, setResultAndStopExecution }) {
    const context = args.contextValue;
    if (!context.authEnabled || context.caller) return;
    if (!asksForSchema(getOperationAST(args.document, args.operationName), args.document)) return;
    setResultAndStopExecution({
      errors: [
        new GraphQLError('Authentication required for introspection: send an API token (Authorization: Bearer <token>).', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        }),
      ],
    });
  },
};
