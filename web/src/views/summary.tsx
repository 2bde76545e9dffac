import { useMemo } from 'preact/hooks';
import { api } from '../api.ts';
import { useTaskEvents } from '../live.ts';
import { OverviewQuery } from '../operations.ts';
import { ErrorNote, FINAL, throttle, useLoad } from '../ui.tsx';

/** The figures above the task list: what runs and waits now, what finished in the last 5 minutes. */
export function Summary() {
  const stats = useLoad((signal) => api.request(OverviewQuery, {}, signal), [], 10_000);
  const soon = useMemo(() => throttle(() => stats.reload(), 1000), []);
  useTaskEvents((event) => event.state && FINAL.has(event.state) && soon());
  const total = stats.data?.stats.total;
  const figure = (label: string, value: string | number, testid?: string) => (
    <div class="figure" data-testid={testid}>
      <strong>{value}</strong>
      <span>{label}</span>
    </div>
  );
  return (
    <section class="figures" aria-label="Now" data-testid="stats">
      <ErrorNote error={stats.error} />
      {total && (
        <>
          {figure('running', total.live.started)}
          {figure('waiting', total.live.pending + total.live.retry + total.live.scheduled)}
          {figure('no worker knows the type', total.live.awaitingWorker, 'awaiting-worker')}
          {figure('succeeded (5 min)', total.succeeded.last5m)}
          {figure('failed (5 min)', total.failed.last5m)}
          {figure('failure rate (15 min)', total.failureRate === null ? '—' : `${(total.failureRate * 100).toFixed(1)}%`)}
        </>
      )}
    </section>
  );
}
