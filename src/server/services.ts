import type { RedisClient } from '../redis/connections.ts';
import { DEFAULTS } from '../config.ts';
import type { Logger } from '../logger.ts';
import { CancelRequests } from '../pubsub/cancel-requests.ts';
import { TaskEventListener } from '../pubsub/task-event-listener.ts';
import { FeedWatch } from '../pubsub/feed-watch.ts';
import { QueueControl } from '../queue/queue-control.ts';
import { FleetStore } from '../queue/fleet-store.ts';
import { ScheduleStore } from '../queue/schedule-store.ts';
import { TaskStore } from '../queue/task-store.ts';
import { WorkflowStore } from '../queue/workflow-store.ts';
import type { Services } from '../resolvers/services.ts';
import { SharedStreams } from '../pubsub/shared-streams.ts';
import type { WorkflowRecord } from '../queue/workflow-record.ts';
import { collectResults } from '../tasks/collect-results.ts';
import type { TaskRegistry } from '../tasks/index.ts';

export interface ServiceSettings {
  /** A `command` connection. */
  command: RedisClient;
  /** A `subscriber` connection. */
  subscriber: RedisClient;
  prefix: string;
  registry: TaskRegistry;
  log: Logger;
  retentionSeconds?: number;
  retentionCount?: number;
  /** @defaultValue DEFAULTS.MAX_INPUT_BYTES (config.ts) */
  maxInputBytes?: number;
  /** @defaultValue DEFAULTS.MAX_INPUT_DEPTH */
  maxInputDepth?: number;
}

/** Builds what the resolvers work with; `close` releases it (not the connections). */
export function createServices(settings: ServiceSettings): Services & { close(): Promise<void> } {
  const { command, subscriber, prefix, registry, log } = settings;
  const store = new TaskStore({
    redis: command,
    prefix,
    queueNames: registry.queueNames(),
    retentionSeconds: settings.retentionSeconds,
    retentionCount: settings.retentionCount,
    log,
  });
  const workflows = new WorkflowStore(store, collectResults);
  return {
    registry,
    store,
    queues: new QueueControl(store),
    cancelRequests: new CancelRequests(command, prefix),
    schedules: new ScheduleStore(store),
    workflows,
    events: new TaskEventListener(subscriber, prefix, new FeedWatch(command, prefix)),
    workflowFollowers: new SharedStreams<WorkflowRecord>(),
    fleet: new FleetStore(command, prefix),
    log,
    maxInputBytes: settings.maxInputBytes ?? DEFAULTS.MAX_INPUT_BYTES,
    maxInputDepth: settings.maxInputDepth ?? DEFAULTS.MAX_INPUT_DEPTH,
    close: async () => {
      await workflows.close();
      await store.close();
    },
  };
}
