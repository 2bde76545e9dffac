import './style.css';
import { ThroughputChart } from './chart.ts';
import { Api, AuthError, token } from './graphql.ts';
import { renderSchemaForm } from './schema-form.ts';

/** The dashboard: every panel reads taskql's own GraphQL API and stays live over graphql-ws. */

interface Task {
  id: string;
  name: string;
  state: string;
  progress: { percent: number; message: string | null } | null;
  createdAt: string;
  /** Set while no running worker knows its type (a mixed fleet): what it waits for. */
  waitingFor: string | null;
}

interface TaskDetail extends Task {
  input: unknown;
  result: unknown;
  error: { name: string; message: string } | null;
  logs: string[];
  attempts: number;
  maxAttempts: number;
  worker: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  workflowId: string | null;
}

interface FeedEvent {
  id: string;
  name: string;
  state: string | null;
  progress: { percent: number; message: string | null } | null;
}

const STATES = ['PENDING', 'SCHEDULED', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE', 'REVOKED'];
const FINAL = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);
const LIST_SIZE = 50;
const TASK_FIELDS = 'id name state progress { percent message } createdAt waitingFor';
const DETAIL_FIELDS = `${TASK_FIELDS} input result error { name message } logs attempts maxAttempts worker startedAt finishedAt durationMs workflowId`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

const connection = $('connection');
const api = new Api('/graphql', (connected) => {
  connection.textContent = connected ? 'live' : 'reconnecting…';
  connection.className = `connection ${connected ? 'live' : 'down'}`;
});
const chart = new ThroughputChart($<HTMLCanvasElement>('chart'));
const rows = new Map<string, HTMLTableRowElement>();
let filter: { state?: string; name?: string } = {};
let selected: { id: string; stop: () => void } | undefined;

// ---- tasks table -------------------------------------------------------------------------

function badge(state: string): HTMLElement {
  return el('span', { className: `badge ${state.toLowerCase()}`, textContent: state });
}

function progressBar(task: Pick<Task, 'state' | 'progress'>): HTMLElement {
  const percent = task.progress?.percent ?? (task.state === 'SUCCESS' ? 100 : 0);
  const bar = el('div', { className: 'progress', title: task.progress?.message ?? '' }, el('div', { className: 'fill' }));
  (bar.firstChild as HTMLElement).style.width = `${percent}%`;
  bar.dataset.percent = String(Math.round(percent));
  return bar;
}

/** Beside the badge of a task no running worker can take. */
function waitingMark(waitingFor: string): HTMLElement {
  const mark = el('span', { className: 'waiting', textContent: 'no worker', title: `Waiting for ${waitingFor}` });
  mark.dataset.testid = 'waiting-for';
  return mark;
}

function renderRow(task: Task): HTMLTableRowElement {
  const row = rows.get(task.id) ?? el('tr');
  row.dataset.id = task.id;
  row.dataset.state = task.state;
  row.dataset.testid = 'task-row';
  row.replaceChildren(
    el('td', { className: 'id', textContent: task.id.slice(0, 8), title: task.id }),
    el('td', { textContent: task.name }),
    el('td', {}, badge(task.state), ...(task.waitingFor ? [waitingMark(task.waitingFor)] : [])),
    el('td', {}, progressBar(task)),
    el('td', { textContent: new Date(task.createdAt).toLocaleTimeString() }),
  );
  row.onclick = () => void showDetail(task.id);
  rows.set(task.id, row);
  return row;
}

async function loadTasks(): Promise<void> {
  const { tasks } = await api.request<{ tasks: { nodes: Task[] } }>(
    `query ($filter: TaskFilter, $first: Int) { tasks(filter: $filter, first: $first) { nodes { ${TASK_FIELDS} } } }`,
    { filter: { state: filter.state || undefined, name: filter.name || undefined }, first: LIST_SIZE },
  );
  rows.clear();
  $('tasks').replaceChildren(...tasks.nodes.map(renderRow));
}

function matches(task: { name: string; state: string | null }): boolean {
  return (!filter.name || task.name === filter.name) && (!filter.state || task.state === filter.state);
}

/** One feed for the whole page: rows change in place, new tasks appear at the top. */
function followFeed(): void {
  api.subscribe<{ taskEvents: FeedEvent }>(
    'subscription { taskEvents { id name state progress { percent message } } }',
    {},
    ({ taskEvents: event }) => {
      if (event.state && FINAL.has(event.state)) {
        chart.add(event.state);
        refreshSoon();
      }
      const row = rows.get(event.id);
      if (row) {
        const state = event.state ?? row.dataset.state ?? 'PENDING';
        const progressCell = row.children[3]!;
        row.dataset.state = state;
        row.children[2]!.replaceChildren(badge(state));
        if (event.progress || FINAL.has(state)) {
          const current = { percent: Number(progressCell.querySelector<HTMLElement>('.progress')?.dataset.percent ?? 0), message: null };
          progressCell.replaceChildren(progressBar({ state, progress: event.progress ?? current }));
        }
        if (!matches({ name: event.name, state })) row.remove();
      } else if (event.state && matches(event)) {
        const added = renderRow({ id: event.id, name: event.name, state: event.state, progress: event.progress, createdAt: new Date().toISOString(), waitingFor: null });
        $('tasks').prepend(added);
        while ($('tasks').children.length > LIST_SIZE) $('tasks').lastElementChild?.remove();
      }
      if (selected?.id === event.id) void refreshDetail(event.id);
    },
  );
}

// ---- detail --------------------------------------------------------------------------------

async function refreshDetail(id: string): Promise<void> {
  const { task } = await api.request<{ task: TaskDetail | null }>(`query ($id: ID!) { task(id: $id) { ${DETAIL_FIELDS} } }`, { id });
  const panel = $('detail');
  if (!task) {
    panel.replaceChildren(el('p', { textContent: `Task ${id} is gone (expired).` }));
    return;
  }
  const json = (value: unknown) => el('pre', { textContent: JSON.stringify(value, null, 2) });
  const act = (label: string, mutation: string, testid: string) => {
    const button = el('button', { textContent: label, type: 'button' });
    button.dataset.testid = testid;
    button.onclick = async () => {
      try {
        await api.request(`mutation ($id: ID!) { ${mutation}(id: $id) { id } }`, { id });
      } catch (error) {
        alert((error as Error).message);
      }
      await refreshDetail(id);
    };
    return button;
  };
  panel.hidden = false;
  panel.replaceChildren(
    el('h2', {}, `${task.name} `, badge(task.state)),
    el('p', { className: 'id', textContent: task.id }),
    ...(task.waitingFor ? [el('p', { className: 'waiting-note', textContent: `Waiting for ${task.waitingFor}.` })] : []),
    progressBar(task),
    el(
      'dl',
      {},
      ...[
        ['attempts', `${task.attempts} of ${task.maxAttempts}`],
        ['worker', task.worker ?? '—'],
        ['created', task.createdAt],
        ['started', task.startedAt ?? '—'],
        ['finished', task.finishedAt ?? '—'],
        ['duration', task.durationMs === null ? '—' : `${task.durationMs} ms`],
        ['workflow', task.workflowId ?? '—'],
      ].flatMap(([term, value]) => [el('dt', { textContent: term! }), el('dd', { textContent: value! })]),
    ),
    el('h3', { textContent: 'Input' }),
    json(task.input),
    ...(task.state === 'SUCCESS' ? [el('h3', { textContent: 'Result' }), json(task.result)] : []),
    ...(task.error ? [el('h3', { textContent: 'Error' }), el('pre', { className: 'error', textContent: `${task.error.name}: ${task.error.message}` })] : []),
    el('h3', { textContent: 'Log' }),
    el('pre', { className: 'log', textContent: task.logs.join('\n') || '(nothing logged)' }),
    el(
      'div',
      { className: 'actions' },
      ...(FINAL.has(task.state) ? [] : [act('Cancel', 'cancelTask', 'cancel')]),
      ...(task.state === 'FAILURE' || task.state === 'REVOKED' ? [act('Retry', 'retryTask', 'retry')] : []),
    ),
  );
}

async function showDetail(id: string): Promise<void> {
  selected?.stop();
  // Live while shown: each change (progress, logs, state) refreshes the panel.
  const stop = api.subscribe('subscription ($id: ID!) { taskUpdated(id: $id) { id state } }', { id }, () => void refreshDetail(id));
  selected = { id, stop };
  await refreshDetail(id);
}

// ---- run form, filters, workers, stats ----------------------------------------------------

interface TaskType {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

async function setUpForm(): Promise<void> {
  const { taskTypes } = await api.request<{ taskTypes: TaskType[] }>('{ taskTypes { name description inputSchema } }');
  const select = $<HTMLSelectElement>('run-type');
  const names = $<HTMLSelectElement>('filter-name');
  for (const type of taskTypes) {
    select.append(el('option', { value: type.name, textContent: type.name }));
    names.append(el('option', { value: type.name, textContent: type.name }));
  }
  let read: () => unknown = () => ({});
  const choose = () => {
    const type = taskTypes.find((t) => t.name === select.value)!;
    $('run-description').textContent = type.description;
    read = renderSchemaForm($('run-fields'), type.inputSchema);
  };
  select.onchange = choose;
  choose();
  $<HTMLFormElement>('run-form').onsubmit = async (event) => {
    event.preventDefault();
    const output = $('run-result');
    try {
      const { runTask } = await api.request<{ runTask: { id: string } }>(
        'mutation ($name: String!, $input: JSON) { runTask(name: $name, input: $input) { id } }',
        { name: select.value, input: read() },
      );
      output.textContent = `queued ${runTask.id}`;
      output.className = '';
      await showDetail(runTask.id);
    } catch (error) {
      output.textContent = (error as Error).message;
      output.className = 'error';
    }
  };
}

function setUpFilters(): void {
  const states = $<HTMLSelectElement>('filter-state');
  for (const state of STATES) states.append(el('option', { value: state, textContent: state }));
  const apply = () => {
    filter = { state: states.value, name: $<HTMLSelectElement>('filter-name').value };
    void loadTasks();
  };
  states.onchange = apply;
  $<HTMLSelectElement>('filter-name').onchange = apply;
}

interface Worker {
  id: string;
  queues: string[];
  taskTypes: string[];
  active: number;
  processed: number;
  failed: number;
  online: boolean;
  lastSeenAt: string;
}

async function loadWorkers(): Promise<void> {
  const { workers } = await api.request<{ workers: Worker[] }>('{ workers { id queues taskTypes active processed failed online lastSeenAt } }');
  $('workers').replaceChildren(
    ...workers.map((w) =>
      el(
        'tr',
        { className: w.online ? '' : 'offline' },
        el('td', { textContent: w.id }),
        el('td', { textContent: w.queues.join(', '), title: `task types: ${w.taskTypes.join(', ')}` }),
        el('td', { textContent: String(w.active) }),
        el('td', { textContent: String(w.processed) }),
        el('td', { textContent: String(w.failed) }),
        el('td', { textContent: w.online ? new Date(w.lastSeenAt).toLocaleTimeString() : 'offline' }),
      ),
    ),
  );
}

async function loadStats(): Promise<void> {
  const { stats } = await api.request<{
    stats: {
      total: { succeeded: { last5m: number }; failed: { last5m: number }; failureRate: number | null; live: { pending: number; started: number; retry: number; scheduled: number } };
      queues: { name: string; depth: number; paused: boolean; live: { awaitingWorker: number } }[];
    };
  }>('{ stats { total { succeeded { last5m } failed { last5m } failureRate live { pending started retry scheduled } } queues { name depth paused live { awaitingWorker } } } }');
  const { total } = stats;
  const figure = (label: string, value: string) => el('div', { className: 'figure' }, el('strong', { textContent: value }), el('span', { textContent: label }));
  $('stats').replaceChildren(
    figure('running', String(total.live.started)),
    figure('waiting', String(total.live.pending + total.live.retry + total.live.scheduled)),
    // Counted per queue: a type this API does not know is still on one of its queues.
    figure('no worker knows the type', String(stats.queues.reduce((sum, q) => sum + q.live.awaitingWorker, 0))),
    figure('succeeded (5 min)', String(total.succeeded.last5m)),
    figure('failed (5 min)', String(total.failed.last5m)),
    figure('failure rate', total.failureRate === null ? '—' : `${(total.failureRate * 100).toFixed(1)}%`),
    ...stats.queues.map((q) => figure(`queue ${q.name}${q.paused ? ' (paused)' : ''}`, String(q.depth))),
  );
}

// Stats and workers are read again when tasks finish (at most once a second), and every 10 s
// for what no event announces (heartbeats, scheduled tasks coming due).
const REFRESH_MS = 10_000;
let refreshing: number | undefined;
function refreshSoon(): void {
  refreshing ??= window.setTimeout(() => {
    refreshing = undefined;
    void Promise.all([loadWorkers(), loadStats()]);
  }, 1000);
}

async function start(): Promise<void> {
  setUpFilters();
  await setUpForm();
  followFeed();
  await Promise.all([loadTasks(), loadWorkers(), loadStats()]);
  setInterval(() => void Promise.all([loadWorkers(), loadStats()]), REFRESH_MS);
}

/** With auth on, the dashboard needs an admin token: ask for one, keep it, start again. */
function askForToken(reason: string): void {
  const form = $<HTMLFormElement>('sign-in');
  form.hidden = false;
  connection.textContent = reason;
  connection.className = 'connection down';
  form.onsubmit = (event) => {
    event.preventDefault();
    token.set($<HTMLInputElement>('token').value.trim());
    location.reload();
  };
}

start().catch((error: unknown) => {
  if (error instanceof AuthError) askForToken(error.message);
  else throw error;
});
