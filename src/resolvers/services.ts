import type { Logger } from '../logger.ts';
import type { TaskEventListener } from '../pubsub/task-event-listener.ts';
import type { ScheduleStore } from '../queue/schedule-store.ts';
import type { TaskStore } from '../queue/task-store.ts';
import type { WorkflowStore } from '../queue/workflow-store.ts';
import type { TaskRegistry } from '../tasks/index.ts';

/** What resolver functions work with; built once per API process and shared by requests. */
export interface Services {
  registry: TaskRegistry;
  store: TaskStore;
  schedules: ScheduleStore;
  workflows: WorkflowStore;
  events: TaskEventListener;
  log: Logger;
  /** Largest task input (as JSON), in bytes. */
  maxInputBytes: number;
  /** Deepest nesting of objects and arrays in a task input. */
  maxInputDepth: number;
}
