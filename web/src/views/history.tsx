import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api.ts';
import { duration } from '../format.ts';
import type { DashboardHistoryQuery, StatsWindow } from '../gql/graphql.ts';
import { HistoryQuery } from '../operations.ts';
import { ErrorNote, Panel, useLoad } from '../ui.tsx';

type History = DashboardHistoryQuery['stats']['history'];

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

interface SeriesSpec {
  label: string;
  color: string;
  values: (number | null)[];
}

/** One uPlot chart that follows its container's width (and the theme, when redrawn). */
function Chart({ title, times, series, unit, testid }: { title: string; times: number[]; series: SeriesSpec[]; unit: (v: number) => string; testid: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--line') }, ticks: { stroke: cssVar('--line') } };
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: 180,
        title,
        scales: { x: { time: true } },
        axes: [axis, { ...axis, size: 60, values: (_u, ticks) => ticks.map(unit) }],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: false, value: (_u: uPlot, v: number | null) => (v === null ? '—' : unit(v)) }))],
        legend: { live: true },
      },
      [times, ...series.map((s) => s.values)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 200), height: 180 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [times, series]);
  return <div class="chart" ref={box} role="img" aria-label={title} data-testid={testid} />;
}

/** Throughput, failure rate and runtime percentiles over the last hour or day, from the counters workers keep in Redis. */
export function HistoryView() {
  const [window, setWindow] = useState<StatsWindow>('HOUR');
  const [theme, setTheme] = useState(document.documentElement.dataset.theme);
  useEffect(() => {
    const watch = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    watch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => watch.disconnect();
  }, []);
  const history = useLoad((signal) => api.request(HistoryQuery, { window }, signal), [window], 30_000);
  const data = history.data?.stats.history;
  return (
    <Panel
      title="History"
      testid="history"
      actions={
        <div class="segmented" role="group" aria-label="Window">
          {(['HOUR', 'DAY'] as const).map((w) => (
            <button type="button" aria-pressed={window === w} data-testid={`window-${w.toLowerCase()}`} onClick={() => setWindow(w)}>
              Last {w === 'HOUR' ? 'hour' : 'day'}
            </button>
          ))}
        </div>
      }
    >
      <ErrorNote error={history.error} />
      {data && <Charts key={`${data.window}-${theme}`} history={data} />}
    </Panel>
  );
}

function Charts({ history }: { history: History }) {
  const { buckets, bucketMinutes } = history;
  const times = buckets.map((b) => new Date(b.at).getTime() / 1000);
  const sum = (pick: (b: History['buckets'][number]) => number) => buckets.reduce((total, b) => total + pick(b), 0);
  const succeeded = sum((b) => b.succeeded);
  const failed = sum((b) => b.failed);
  const revoked = sum((b) => b.revoked);
  const per = bucketMinutes === 1 ? 'per minute' : `per ${bucketMinutes} minutes`;
  const count = (v: number) => String(Math.round(v * 10) / 10);
  return (
    <>
      <p data-testid="history-totals">
        {succeeded} succeeded, {failed} failed, {revoked} revoked in the last {history.window === 'HOUR' ? 'hour' : 'day'}
        {succeeded + failed > 0 && `; failure rate ${((failed / (succeeded + failed)) * 100).toFixed(1)}%`}. Buckets of {bucketMinutes} min, from the
        counters workers keep in Redis.
      </p>
      <div class="charts">
        <Chart
          title={`Finished tasks ${per}`}
          testid="chart-throughput"
          times={times}
          unit={count}
          series={[
            { label: 'succeeded', color: cssVar('--ok'), values: buckets.map((b) => b.succeeded) },
            { label: 'failed', color: cssVar('--bad'), values: buckets.map((b) => b.failed) },
            { label: 'revoked', color: cssVar('--muted'), values: buckets.map((b) => b.revoked) },
          ]}
        />
        <Chart
          title="Failure rate"
          testid="chart-failure-rate"
          times={times}
          unit={(v) => `${Math.round(v * 100)}%`}
          series={[{ label: 'failed / finished', color: cssVar('--bad'), values: buckets.map((b) => b.failureRate) }]}
        />
        <Chart
          title="Runtime"
          testid="chart-runtime"
          times={times}
          unit={(v) => duration(v)}
          series={[
            { label: 'p50', color: cssVar('--accent'), values: buckets.map((b) => b.runtimeP50Ms) },
            { label: 'p95', color: cssVar('--warn'), values: buckets.map((b) => b.runtimeP95Ms) },
          ]}
        />
      </div>
    </>
  );
}
