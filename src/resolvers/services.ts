import type { Logger } from '../logger.ts';
import type { CancelRequests } from '../pubsub/cancel-requests.ts';
import type { SharedStreams } from '../pubsub/shared-streams.ts';
import type { TaskEventListener } from '../pubsub/task-event-listener.ts';
import type { QueueControl } from '../queue/queue-control.ts';
import type { WorkflowRecord } from '../queue/workflow-record.ts';
import type { ScheduleStore } from '../queue/schedule-store.ts';
import type { FleetStore } from '../queue/fleet-store.ts';
import type { TaskStore } from '../queue/task-store.ts';
import type { WorkflowStore } from '../queue/workflow-store.ts';
import type { TaskRegistry } from '../tasks/index.ts';

/** What resolver functions work with; built once per API process and shared by requests. */
export interface Services {
  registry: TaskRegistry;
  store: TaskStore;
  /** Pause, resume, drain, clean. */
  queues: QueueControl;
  /** Asks the worker running a task to abort it. */
  cancelRequests: CancelRequests;
  schedules: ScheduleStore;
  workflows: WorkflowStore;
  events: TaskEventListener;
  /** One follower per workflow in this process, shared by all its subscriptions (see watchWorkflow). */
  workflowFollowers: SharedStreams<WorkflowRecord>;
  /** What the running workers know (task types per queue). */
  fleet: FleetStore;
  log: Logger;
  /** Largest task input (as JSON), in bytes. */
  maxInputBytes: number;
  /** Deepest nesting of objects and arrays in a task input. */
  maxInputDepth: number;
}
