import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RESYNC } from '../pubsub/task-event-listener.ts';
import { isTerminal } from '../queue/task-record.ts';
import { getStats, type Stats } from '../resolvers/stats.ts';
import type { Services } from '../resolvers/services.ts';
import { listWorkers } from '../resolvers/workers.ts';

/**
 * `/metrics` in Prometheus text format: GraphQL operations (counts, durations, errors) from
 * yoga's Prometheus plugin, and taskql's own:
 * - taskql_tasks{name,state}: tasks waiting or running now (read at scrape time);
 * - taskql_queue_depth{queue}, taskql_queue_oldest_waiting_seconds{queue};
 * - taskql_workers_online;
 * - taskql_tasks_finished_total{name,state} and taskql_task_runtime_seconds{name}: counted from
 *   the live feed by this API process since it started. Every API process sees every task, so
 *   scrape one of them (or aggregate with max, not sum).
 */
export function createMetrics(services: Services) {
  const registry = new Registry();
  // prom-client collects metrics in parallel: one stats read serves the whole scrape.
  let scrape: { at: number; stats: Promise<Stats> } | undefined;
  const stats = () => {
    if (!scrape || Date.now() - scrape.at > 1000) scrape = { at: Date.now(), stats: getStats(services) };
    return scrape.stats;
  };
  new Gauge({
    name: 'taskql_tasks',
    help: 'Tasks waiting or running now, by type and state',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
    async collect() {
      const { types } = await stats();
      this.reset();
      for (const type of types) {
        for (const [state, count] of Object.entries(type.live)) this.set({ name: type.name, state: state.toUpperCase() }, count);
      }
    },
  });
  new Gauge({
    name: 'taskql_queue_depth',
    help: 'Tasks waiting for a worker',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const { queues } = await stats();
      this.reset();
      for (const queue of queues) this.set({ queue: queue.name }, queue.depth);
    },
  });
  new Gauge({
    name: 'taskql_queue_oldest_waiting_seconds',
    help: 'How long the next task to run has waited',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const { queues } = await stats();
      this.reset();
      for (const queue of queues) this.set({ queue: queue.name }, (queue.oldestWaitingMs ?? 0) / 1000);
    },
  });
  new Gauge({
    name: 'taskql_workers_online',
    help: 'Worker processes with a recent heartbeat',
    registers: [registry],
    async collect() {
      this.set((await listWorkers(services)).filter((worker) => worker.online).length);
    },
  });
  const finished = new Counter({
    name: 'taskql_tasks_finished_total',
    help: 'Tasks that reached a final state, by type and state (seen by this API process)',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
  });
  const runtime = new Histogram({
    name: 'taskql_task_runtime_seconds',
    help: 'Runtime of the last attempt of finished tasks (seen by this API process)',
    labelNames: ['name'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [registry],
  });


  let stream: Awaited<ReturnType<Services['events']['listenFeed']>> | undefined;
  return {
    // Only what operators read; the plugin's other metrics (per-phase timings, summaries,
    // deprecated-field scans, per-URL HTTP histograms) cost about a fifth of runTask's throughput.
    // Queries and mutations only: observing a subscription wraps its stream in one more layer
    // for its whole life (memory per subscription), and its "duration" is how long it was open.
    plugin: usePrometheus({
      endpoint: '/metrics',
      registry,
      metrics: {
        graphql_envelop_request: ['execute'],
        graphql_envelop_request_duration: ['execute'],
        graphql_envelop_error_result: ['parse', 'validate', 'context', 'execute'],
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
        graphql_yoga_http_duration: false,
      },
    }),
    registry,
    /** Starts counting finished tasks from the live feed. */
    async start(): Promise<void> {
      stream = await services.events.listenFeed();
      void (async () => {
        for await (const event of stream) {
          if (event === RESYNC || !event.state || !isTerminal(event.state)) continue;
          finished.inc({ name: event.name, state: event.state });
          if (event.startedAt && event.finishedAt) runtime.observe({ name: event.name }, (event.finishedAt - event.startedAt) / 1000);
        }
      })();
    },
    stop(): void {
      stream?.close();
    },
  };
}
