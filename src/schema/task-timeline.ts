import type { TimelineEntry } from '../queue/task-timeline.ts';
import { builder } from './builder.ts';
import { TaskStateEnum } from './task-state.ts';

export const TimelineEntryRef = builder.objectRef<TimelineEntry>('TaskTimelineEntry').implement({
  description: "One state change of a task: its creation, each attempt's start and outcome, cancels and retries.",
  fields: (t) => ({
    state: t.field({ type: TaskStateEnum, resolve: (entry) => entry.state }),
    at: t.field({ type: 'DateTime', resolve: (entry) => new Date(entry.at) }),
    attempt: t.int({ nullable: true, description: 'The attempt (1 for the first), for changes of an attempt.', resolve: (entry) => entry.attempt ?? null }),
    worker: t.string({ nullable: true, description: 'The worker process that reported it (see workers).', resolve: (entry) => entry.worker ?? null }),
    percent: t.float({ nullable: true, description: 'Set for a progress report with a message (note): its percent.', resolve: (entry) => entry.percent ?? null }),
    note: t.string({ nullable: true, description: 'What happened: the error of a failure, why it was revoked, a retry.', resolve: (entry) => entry.note ?? null }),
  }),
});
