import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { TaskRegistry } from '../tasks/index.ts';
import { builder } from './builder.ts';
import './scalars.ts';
import './task-state.ts';
import './task-progress.ts';
import './task-error.ts';
import './task-options.ts';
import './task-type.ts';
import './task.ts';
import './schedule.ts';
import './workflow.ts';
import './task-list.ts';
import './task-bulk.ts';
import './task-event.ts';
import './worker.ts';
import './stats.ts';
import './stats-history.ts';
import './queue.ts';
import { withTypedTasks, type TypedContract } from './typed-tasks/index.ts';

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

/** taskql's own schema: the generic fields, the same whatever the task types. */
export const schema = lexicographicSortSchema(builder.toSchema());

const built = new WeakMap<TaskRegistry, GraphQLSchema>();

/**
 * The schema a server with `registry`'s task types serves: taskql's own plus each type's typed
 * contract (typed-tasks/). Built once per registry. Throws TypedSchemaError for a task type whose
 * name cannot make GraphQL names (start-up fails with it).
 */
export function schemaFor(registry: TaskRegistry): GraphQLSchema {
  let typed = built.get(registry);
  if (!typed) built.set(registry, (typed = withTypedTasks(schema, registry.list().filter((type) => !type.internal))));
  return typed;
}

/** The SDL for these task types (what `taskql schema` prints, and schema.graphql for the shipped ones). */
export const printTaskqlSchema = (types: readonly TypedContract[]): string => printSchema(withTypedTasks(schema, types));
