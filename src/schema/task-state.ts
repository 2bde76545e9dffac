import { TASK_STATES } from '../queue/task-record.ts';
import { builder } from './builder.ts';

export const TaskStateEnum = builder.enumType('TaskState', {
  description:
    'PENDING: queued, waiting for a worker. SCHEDULED: waiting for its delay. STARTED: a worker runs it. ' +
    'RETRY: an attempt failed and another will come. SUCCESS, FAILURE and REVOKED are final.',
  values: TASK_STATES,
});
