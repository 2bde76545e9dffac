import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { duration, fromLocalInput, shortId } from '../format.ts';
import type { DashboardTasksQuery, TaskBulkAction, TaskFilter, TaskOrder, TaskState } from '../gql/graphql.ts';
import { useTaskEvents } from '../live.ts';
import { CancelTasks, RetryTasks, TaskCountQuery, TasksQuery } from '../operations.ts';
import { href, replaceRoute, type Route } from '../router.ts';
import { Badge, ErrorNote, FINAL, Panel, ProgressBar, STATES, throttle, Time, useAction, useLoad } from '../ui.tsx';
import { RunForm } from './run-form.tsx';
import { Summary } from './summary.tsx';

type Row = DashboardTasksQuery['tasks']['nodes'][number];

/** Page size of the task list. */
export const PAGE_SIZE = 25;

/** The orders the URL names (`order=`): none is newest first. */
const ORDERS: Record<string, TaskOrder> = { oldest: 'OLDEST_FIRST', longest: 'LONGEST_FIRST', shortest: 'SHORTEST_FIRST' };

const RANGES: Record<string, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '1d': 86_400_000, '7d': 7 * 86_400_000 };

/** The filter the URL describes (`#/tasks?state=FAILURE&name=fetchUrl&range=1h`), as the API takes it. */
function toFilter(params: URLSearchParams): TaskFilter {
  const filter: TaskFilter = {};
  const id = params.get('id')?.trim();
  if (id) filter.idPrefix = id;
  if (params.get('name')) filter.name = params.get('name');
  if (params.get('state')) filter.state = params.get('state') as TaskState;
  const range = params.get('range');
  if (range && RANGES[range]) filter.createdAfter = new Date(Date.now() - RANGES[range]).toISOString();
  if (range === 'custom') {
    const from = fromLocalInput(params.get('from') ?? '');
    const to = fromLocalInput(params.get('to') ?? '');
    if (from) filter.createdAfter = from.toISOString();
    if (to) filter.createdBefore = to.toISOString();
  }
  const field = params.get('field')?.trim();
  const value = params.get('value');
  if (field && value) filter.input = { field, contains: value };
  return filter;
}

export function TasksView({ route, typeNames }: { route: Route; typeNames: string[] }) {
  const { params } = route;
  const key = params.toString();
  // Fixed when the filter is set: the pages of one filter share one time window.
  const filter = useMemo(() => toFilter(params), [key]);
  const order: TaskOrder = ORDERS[params.get('order') ?? ''] ?? 'NEWEST_FIRST';
  // The cursors of the pages before this one (null: the first page).
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = pages.key === key ? pages.cursors : [null];
  const after = cursors.at(-1) ?? null;

  const list = useLoad((signal) => api.request(TasksQuery, { filter, first: PAGE_SIZE, after, order }, signal), [key, after]);
  const rows = list.data?.tasks.nodes ?? [];
  const refreshSoon = useMemo(() => throttle(() => list.reload(), 1000), [key, after]);

  useTaskEvents((event) => {
    const shown = rows.some((row) => row.id === event.id);
    if (shown) {
      list.setData((data) =>
        data && {
          tasks: {
            ...data.tasks,
            nodes: data.tasks.nodes.map((row): Row =>
              row.id === event.id
                ? { ...row, state: event.state ?? row.state, progress: event.progress ?? row.progress, attempts: event.attempts ?? row.attempts }
                : row,
            ),
          },
        },
      );
      if (event.state && FINAL.has(event.state)) refreshSoon();
    } else if (cursors.length === 1 && order === 'NEWEST_FIRST' && (event.state === 'PENDING' || event.state === 'SCHEDULED')) {
      // A new task: the first page of the newest tasks shows it.
      refreshSoon();
    }
  });

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    replaceRoute(href(['tasks'], Object.fromEntries(next)));
  };
  const page = cursors.length;
  const next = list.data?.tasks.pageInfo;

  return (
    <>
      <Summary />
      <details class="panel run" data-testid="run-panel">
        <summary>Run a task</summary>
        <RunForm />
      </details>
      <Panel
        title="Tasks"
        testid="tasks-panel"
        actions={
          <button type="button" onClick={() => list.reload()} data-testid="refresh">
            Refresh
          </button>
        }
      >
        <Filters params={params} set={set} typeNames={typeNames} />
        <BulkActions filter={filter} onDone={() => list.reload()} />
        <ErrorNote error={list.error} />
        <table class="tasks responsive" data-testid="tasks">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">Attempts</th>
              <SortHeader label="Created" testid="sort-created" order={order} descending="NEWEST_FIRST" ascending="OLDEST_FIRST" set={set} />
              <SortHeader label="Duration" testid="sort-duration" order={order} descending="LONGEST_FIRST" ascending="SHORTEST_FIRST" set={set} />
            </tr>
          </thead>
          <tbody>
            {rows.map((task) => (
              <tr key={task.id} data-testid="task-row" data-id={task.id} data-state={task.state} onClick={() => (location.hash = href(['tasks', task.id]))}>
                <td data-label="Task" class="id">
                  <a href={href(['tasks', task.id])} title={task.id} onClick={(e) => e.stopPropagation()}>
                    {shortId(task.id)}
                  </a>
                </td>
                <td data-label="Type">{task.name}</td>
                <td data-label="State">
                  <Badge state={task.state} />
                  {task.waitingFor && (
                    <span class="waiting" data-testid="waiting-for" title={task.waitingFor}>
                      no worker
                    </span>
                  )}
                </td>
                <td data-label="Progress">
                  <ProgressBar state={task.state} progress={task.progress} />
                </td>
                <td data-label="Attempts">
                  {task.attempts} / {task.maxAttempts}
                </td>
                <td data-label="Created">
                  <Time value={task.createdAt} />
                </td>
                <td data-label="Duration">{task.durationMs === null ? '—' : duration(task.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && rows.length === 0 && <p class="muted" data-testid="no-tasks">No task matches{next?.hasNextPage ? ' on this page (the search goes on: next page)' : ''}.</p>}
        <nav class="pager" aria-label="Pages">
          <button type="button" data-testid="prev-page" disabled={page === 1} onClick={() => setPages({ key, cursors: cursors.slice(0, -1) })}>
            ← Previous
          </button>
          <span data-testid="page-number">Page {page}</span>
          <button
            type="button"
            data-testid="next-page"
            disabled={!next?.hasNextPage || !next.endCursor}
            onClick={() => next?.endCursor && setPages({ key, cursors: [...cursors, next.endCursor] })}
          >
            Next →
          </button>
        </nav>
      </Panel>
    </>
  );
}

/** The URL's name of each order. */
const ORDER_NAMES = Object.fromEntries(Object.entries(ORDERS).map(([name, order]) => [order, name])) as Partial<Record<TaskOrder, string>>;

/**
 * A column the list can be sorted by on the server: a click sorts by it (descending first), and
 * again the other way.
 */
function SortHeader({ label, testid, order, descending, ascending, set }: { label: string; testid: string; order: TaskOrder; descending: TaskOrder; ascending: TaskOrder; set: (changes: Record<string, string | undefined>) => void }) {
  const sorted = order === descending ? 'descending' : order === ascending ? 'ascending' : undefined;
  const next = order === descending ? ascending : descending;
  return (
    <th scope="col" aria-sort={sorted ?? 'none'}>
      <button type="button" class="sort" data-testid={testid} title={`Sort by ${label.toLowerCase()}`} onClick={() => set({ order: ORDER_NAMES[next] })}>
        {label} {sorted === 'descending' ? '↓' : sorted === 'ascending' ? '↑' : '↕'}
      </button>
    </th>
  );
}

/**
 * A filter typed in: applied on Enter or when it loses focus, not on each key. What is being typed
 * is the field's own (live updates re-render the list all the time and must not wipe it); it
 * follows the URL when the URL changes.
 */
function FilterInput({ name, label, type = 'search', placeholder, value, onCommit }: { name: string; label: string; type?: string; placeholder?: string; value: string; onCommit: (value: string | undefined) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <label>
      {label}
      <input
        type={type}
        name={name}
        data-testid={`filter-${name}`}
        placeholder={placeholder}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => onCommit(e.currentTarget.value.trim() || undefined)}
      />
    </label>
  );
}

function Filters({ params, set, typeNames }: { params: URLSearchParams; set: (changes: Record<string, string | undefined>) => void; typeNames: string[] }) {
  const text = (name: string, label: string, placeholder: string) => (
    <FilterInput name={name} label={label} placeholder={placeholder} value={params.get(name) ?? ''} onCommit={(value) => set({ [name]: value })} />
  );
  const range = params.get('range') ?? '';
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()} data-testid="filters">
      {text('id', 'Id or prefix', 'e.g. 3f2a9c1b')}
      <label>
        Type
        <select data-testid="filter-name" value={params.get('name') ?? ''} onChange={(e) => set({ name: e.currentTarget.value || undefined })}>
          <option value="">all</option>
          {typeNames.map((name) => (
            <option value={name}>{name}</option>
          ))}
        </select>
      </label>
      <label>
        State
        <select data-testid="filter-state" value={params.get('state') ?? ''} onChange={(e) => set({ state: e.currentTarget.value || undefined })}>
          <option value="">all</option>
          {STATES.map((state) => (
            <option value={state}>{state}</option>
          ))}
        </select>
      </label>
      <label>
        Created
        <select data-testid="filter-range" value={range} onChange={(e) => set({ range: e.currentTarget.value || undefined })}>
          <option value="">any time</option>
          <option value="15m">last 15 minutes</option>
          <option value="1h">last hour</option>
          <option value="1d">last day</option>
          <option value="7d">last 7 days</option>
          <option value="custom">between…</option>
        </select>
      </label>
      {range === 'custom' && (
        <>
          <FilterInput name="from" label="From" type="datetime-local" value={params.get('from') ?? ''} onCommit={(value) => set({ from: value })} />
          <FilterInput name="to" label="To" type="datetime-local" value={params.get('to') ?? ''} onCommit={(value) => set({ to: value })} />
        </>
      )}
      {text('field', 'Input field', 'e.g. url')}
      {text('value', 'contains', 'e.g. example.com')}
      <label>
        Order
        <select data-testid="filter-order" value={params.get('order') ?? ''} onChange={(e) => set({ order: e.currentTarget.value || undefined })}>
          <option value="">newest first</option>
          <option value="oldest">oldest first</option>
          <option value="longest">longest first (finished)</option>
          <option value="shortest">shortest first (finished)</option>
        </select>
      </label>
    </form>
  );
}

/** Retry or cancel every task of the filter, after a confirmation that says how many. */
function BulkActions({ filter, onDone }: { filter: TaskFilter; onDone: () => void }) {
  const [asking, setAsking] = useState<{ action: TaskBulkAction; count: number; complete: boolean } | undefined>();
  const [outcome, setOutcome] = useState<string | undefined>();
  const action = useAction();
  const ask = async (which: TaskBulkAction) => {
    setOutcome(undefined);
    const found = await action.run(() => api.request(TaskCountQuery, { filter, action: which }));
    if (found) setAsking({ action: which, ...found.taskCount });
  };
  const confirm = async () => {
    if (!asking) return;
    const verb = asking.action === 'RETRY' ? 'retried' : 'cancelled';
    const done = await action.run(async () =>
      asking.action === 'RETRY' ? (await api.request(RetryTasks, { filter })).retryTasks : (await api.request(CancelTasks, { filter })).cancelTasks,
    );
    setAsking(undefined);
    if (done) {
      setOutcome(`${done.changed} ${verb}${done.skipped ? `, ${done.skipped} skipped (they had moved on)` : ''}${done.complete ? '' : '; more may match: run it again'}.`);
      onDone();
    }
  };
  const verb = asking?.action === 'RETRY' ? 'Retry' : 'Cancel';
  const which = asking?.action === 'RETRY' ? 'failed or revoked' : 'unfinished';
  return (
    <div class="bulk" data-testid="bulk">
      <button type="button" data-testid="bulk-retry" disabled={action.busy} onClick={() => void ask('RETRY')}>
        Retry all matching…
      </button>
      <button type="button" data-testid="bulk-cancel" disabled={action.busy} onClick={() => void ask('CANCEL')}>
        Cancel all matching…
      </button>
      {asking && (
        <div class="note confirm" role="alertdialog" aria-label={`${verb} tasks`} data-testid="bulk-confirm">
          {asking.count === 0 ? (
            <>
              <span>No {which} task matches this filter.</span>
              <button type="button" onClick={() => setAsking(undefined)}>
                OK
              </button>
            </>
          ) : (
            <>
              <span data-testid="bulk-count">
                {verb} {asking.count}
                {asking.complete ? '' : ' or more'} {which} task{asking.count === 1 ? '' : 's'} matching this filter?
              </span>
              <button type="button" class="danger" data-testid="bulk-yes" disabled={action.busy} onClick={() => void confirm()}>
                {verb} {asking.count}
              </button>
              <button type="button" data-testid="bulk-no" onClick={() => setAsking(undefined)}>
                Keep them
              </button>
            </>
          )}
        </div>
      )}
      {outcome && (
        <p class="note ok" role="status" data-testid="bulk-outcome">
          {outcome}
        </p>
      )}
      <ErrorNote error={action.error} onClose={action.clear} />
    </div>
  );
}
