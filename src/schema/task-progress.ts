import type { TaskProgress } from '../queue/task-record.ts';
import { builder } from './builder.ts';

export const TaskProgressRef = builder.objectRef<TaskProgress>('TaskProgress').implement({
  description: "The latest progress a task's handler reported.",
  fields: (t) => ({
    percent: t.exposeFloat('percent', { description: '0 to 100' }),
    message: t.string({ nullable: true, resolve: (progress) => progress.message ?? null }),
    data: t.field({
      type: 'JSON',
      nullable: true,
      description: "The report's payload (ctx.progress's third argument: a step name, a count, a partial result).",
      resolve: (progress) => progress.data ?? null,
    }),
  }),
});
