import { listTaskTypes, type TaskTypeInfo } from '../resolvers/task-types.ts';
import { builder } from './builder.ts';

export const TaskTypeRef = builder.objectRef<TaskTypeInfo>('TaskType').implement({
  description: 'A kind of work this service can run.',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    inputSchema: t.field({
      type: 'JSON',
      description: 'The input as JSON Schema (draft 2020-12), e.g. to build a form.',
      resolve: (type) => type.inputSchema,
    }),
    queue: t.exposeString('queue'),
    attempts: t.exposeInt('attempts', { description: 'Default attempts.' }),
    backoffMs: t.exposeInt('backoffMs', { description: 'Default base backoff between attempts.' }),
    timeoutMs: t.exposeInt('timeoutMs', { nullable: true, description: 'Default time limit of an attempt.' }),
  }),
});

builder.queryField('taskTypes', (t) =>
  t.field({
    authScopes: { read: true },
    type: [TaskTypeRef],
    description: 'Every task type, with its input schema.',
    resolve: (_root, _args, { services }) => listTaskTypes(services),
  }),
);
