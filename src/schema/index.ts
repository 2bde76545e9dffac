import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
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
import './task-event.ts';
import './worker.ts';
import './stats.ts';
import './queue.ts';

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = lexicographicSortSchema(builder.toSchema());

/**
 * The schema a server with `registry`'s task types serves (`taskql schema`). Today the same
 * for every registry; typed fields per task type will be built here from the contracts.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the registry is the input of the typed fields to come
export const schemaFor = (registry: TaskRegistry): GraphQLSchema => schema;
