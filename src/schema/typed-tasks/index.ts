import { GraphQLObjectType, lexicographicSortSchema, type GraphQLScalarType, GraphQLSchema } from 'graphql';
import { GraphqlTypes } from './graphql-types.ts';
import { NameClaims } from './names.ts';
import { genericFields, typedRootFields, type TypedContract, type TypedRootFields } from './task-fields.ts';

export { TypedSchemaError, typedNames } from './names.ts';
export type { TypedContract } from './task-fields.ts';

/**
 * taskql's schema plus each task type's typed contract: its input and result types and typed
 * root fields beside the generic ones (which stay as they are). Built per process from the task
 * types it is given, with graphql-js rather than Pothos: these types are only known at start-up,
 * and Pothos' builder is one per module, shared by every schema the process makes.
 *
 * Throws TypedSchemaError when a task type's name cannot make GraphQL names, or makes one that is
 * taken (by taskql's own schema or another task type).
 */
export function withTypedTasks(base: GraphQLSchema, contracts: readonly TypedContract[]): GraphQLSchema {
  if (contracts.length === 0) return base;
  const config = base.toConfig();
  const roots = [base.getQueryType()!, base.getMutationType()!, base.getSubscriptionType()!];
  const taken: [string, string][] = [
    ...Object.keys(base.getTypeMap()).map((name): [string, string] => [name, `taskql's type ${name}`]),
    ...roots.flatMap((root) => Object.keys(root.getFields()).map((field): [string, string] => [field, `taskql's field ${root.name}.${field}`])),
  ];
  const claims = new NameClaims(taken);
  const types = new GraphqlTypes(claims, {
    JSON: base.getType('JSON') as GraphQLScalarType,
    DateTime: base.getType('DateTime') as GraphQLScalarType,
  });
  const generic = genericFields(base);
  const typed: TypedRootFields[] = contracts.map((contract) => typedRootFields(contract, generic, types, claims));
  const extend = (root: GraphQLObjectType, part: keyof TypedRootFields) =>
    new GraphQLObjectType({
      ...root.toConfig(),
      fields: () => Object.assign({ ...root.toConfig().fields }, ...typed.map((fields) => fields[part])),
    });
  const [query, mutation, subscription] = [extend(roots[0]!, 'query'), extend(roots[1]!, 'mutation'), extend(roots[2]!, 'subscription')];
  const rootNames = new Set(roots.map((root) => root.name));
  const schema = new GraphQLSchema({
    ...config,
    query,
    mutation,
    subscription,
    types: config.types.filter((type) => !rootNames.has(type.name)),
  });
  // Builds every type now (thunks included), so a clash fails start-up, not a first request.
  schema.getTypeMap();
  for (const type of Object.values(schema.getTypeMap())) if ('getFields' in type) type.getFields();
  return lexicographicSortSchema(schema);
}
