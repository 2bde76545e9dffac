import { lexicographicSortSchema } from 'graphql';
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
