import {
  getNamedType,
  GraphQLError,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';

/**
 * Refuses operations that ask for more than `maxNodes` list items: each field with a `first`
 * argument counts `first` times the `first` of the lists around it (GitHub's node limit). A
 * `first` given as a variable counts as `largestPage` (validation is cached per document, before
 * variables are known); fragments count each time they are spread. graphql-armor's costLimit
 * counts fields, not items, so `tasks(first: 200)` costs it as much as `tasks(first: 1)`.
 */
export function nodeLimitRule(maxNodes: number, largestPage: number, defaultPage: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const schema = context.getSchema();

    const count = (set: SelectionSetNode, type: GraphQLNamedType | undefined, around: number, spread: ReadonlySet<string>): number => {
      let nodes = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const field = isObjectType(type) ? type.getFields()[selection.name.value] : undefined;
          if (!field) continue;
          let items = around;
          if (field.args.some((arg) => arg.name === 'first')) {
            const given = selection.arguments?.find((arg) => arg.name.value === 'first')?.value;
            const first = !given ? defaultPage : given.kind === Kind.INT ? Number(given.value) : largestPage;
            items = around * Math.max(first, 1);
            nodes += items;
          }
          if (selection.selectionSet) nodes += count(selection.selectionSet, getNamedType(field.type), items, spread);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const inner = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
          nodes += count(selection.selectionSet, inner ?? undefined, around, spread);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // A fragment that spreads itself is refused by graphql-js's own rules.
          if (!fragment || spread.has(name)) continue;
          nodes += count(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, around, new Set([...spread, name]));
        }
      }
      return nodes;
    };

    return {
      OperationDefinition(operation) {
        const root = schema.getRootType(operation.operation);
        const nodes = count(operation.selectionSet, root ?? undefined, 1, new Set());
        if (nodes > maxNodes) {
          context.reportError(
            new GraphQLError(`Query asks for up to ${nodes} list items; at most ${maxNodes} per operation (count of first, times the lists around it).`, {
              nodes: [operation],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}
