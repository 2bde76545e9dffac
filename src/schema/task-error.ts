import type { TaskError } from '../queue/task-record.ts';
import { builder } from './builder.ts';

export const TaskErrorRef = builder.objectRef<TaskError>('TaskError').implement({
  description: "Why a task failed: the handler's error name and message (or why it was revoked).",
  fields: (t) => ({
    name: t.exposeString('name'),
    message: t.exposeString('message'),
  }),
});
