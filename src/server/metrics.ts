import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import { countOf, countUpTo, PROMETHEUS_BOUNDS_MS } from '../queue/runtime-histogram.ts';
import { OUTCOMES, type FinishedCounts } from '../queue/task-stats.ts';
import { getStats, type Stats } from '../resolvers/stats.ts';
import { createGraphqlMetrics } from './graphql-metrics.ts';
import type { Services } from '../resolvers/services.ts';
import { listWorkers } from '../resolvers/workers.ts';

/**
 * `/metrics` in Prometheus text format: GraphQL operations (counts, durations, errors; see
 * graphql-metrics.ts), and taskql's own:
 * - taskql_tasks{name,state}: tasks waiting or running now (read at scrape time);
 * - taskql_queue_depth{queue}, taskql_queue_oldest_waiting_seconds{queue};
 * - taskql_workers_online;
 * - taskql_tasks_finished_total{name,state} and taskql_task_runtime_seconds{name}: exact totals
 *   since the deployment began, from the counters the workers keep in Redis. Every API process
 *   answers the same figures, so scrape one of them (or aggregate with max, not sum).
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
  // Finished tasks, from the counters the workers keep in Redis (task-stats.ts): exact totals
  // since the deployment began, the same from every API process, read at scrape time.
  let totals: { at: number; totals: Promise<Map<string, FinishedCounts>> } | undefined;
  const finishedTotals = () => {
    if (!totals || Date.now() - totals.at > 1000) totals = { at: Date.now(), totals: services.store.stats.totals() };
    return totals.totals;
  };
  new Counter({
    name: 'taskql_tasks_finished_total',
    help: 'Tasks that reached a final state, by type and state',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [name, counts] of await finishedTotals()) {
        for (const [state, outcome] of Object.entries(OUTCOMES)) if (counts[outcome] > 0) this.inc({ name, state }, counts[outcome]);
      }
    },
  });
  registry.registerMetric(runtimeHistogram(finishedTotals) as unknown as Metric);

  return {
    // Queries and mutations only: observing a subscription would wrap its stream in one more
    // layer for its whole life (memory per subscription), and its "duration" is how long it was open.
    plugin: createGraphqlMetrics(registry),
    registry,
  };
}

/**
 * taskql_task_runtime_seconds{name}: the runtime of the last attempt of finished tasks, as a
 * Prometheus histogram whose buckets are read, not observed (prom-client's Histogram only
 * observes): a metric object of the shape prom-client's registry prints.
 */
function runtimeHistogram(totals: () => Promise<Map<string, FinishedCounts>>) {
  const name = 'taskql_task_runtime_seconds';
  const help = 'Runtime of the last attempt of finished tasks';
  return {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      for (const [type, counts] of await totals()) {
        const count = countOf(counts.runtime);
        if (count === 0) continue;
        for (const le of PROMETHEUS_BOUNDS_MS) values.push({ metricName: `${name}_bucket`, labels: { le: le / 1000, name: type }, value: countUpTo(counts.runtime, le) });
        values.push(
          { metricName: `${name}_bucket`, labels: { le: '+Inf', name: type }, value: count },
          { metricName: `${name}_sum`, labels: { name: type }, value: counts.runtimeSumMs / 1000 },
          { metricName: `${name}_count`, labels: { name: type }, value: count },
        );
      }
      return { name, help, type: 'histogram', values, aggregator: 'sum' };
    },
  };
}
