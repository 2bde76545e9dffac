import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, AuthError, token } from './api.ts';
import { TaskTypesQuery } from './operations.ts';
import { useRoute } from './router.ts';
import { describeError, useLoad } from './ui.tsx';
import { QueuesView } from './views/queues.tsx';
import { SchedulesView } from './views/schedules.tsx';
import { TaskDetail } from './views/task-detail.tsx';
import { TasksView } from './views/tasks.tsx';
import { WorkersView } from './views/workers.tsx';
import { WorkflowDetail, WorkflowsView } from './views/workflows.tsx';

const VIEWS = [
  ['tasks', 'Tasks'],
  ['queues', 'Queues'],
  ['workers', 'Workers'],
  ['workflows', 'Workflows'],
  ['schedules', 'Schedules'],
  ['history', 'History'],
] as const;

const THEME_KEY = 'taskql_theme';
type Theme = 'light' | 'dark' | 'auto';

function applyTheme(theme: Theme): void {
  const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(THEME_KEY) as Theme | null) ?? 'auto');
  useEffect(() => {
    applyTheme(theme);
    localStorage.setItem(THEME_KEY, theme);
    const media = matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme(theme);
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [theme]);
  return [theme, setTheme];
}

/** The history view and its chart library (uPlot) load when first shown: the first page stays small. */
function LazyHistory() {
  const [view, setView] = useState<{ HistoryView: FunctionComponent } | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    import('./views/history.tsx').then(setView, setError);
  }, []);
  if (error) return <p class="note error" role="alert">{describeError(error)}</p>;
  return view ? <view.HistoryView /> : <p class="muted">Loading…</p>;
}

function useConnection(): boolean {
  const [connected, setConnected] = useState(api.connected);
  useEffect(() => api.onConnection(setConnected), []);
  return connected;
}

/** With auth on, the dashboard needs an admin token: asks for one and keeps it in this browser. */
function SignIn({ reason }: { reason: string }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="panel sign-in"
      data-testid="sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        token.set(value.trim());
        location.reload();
      }}
    >
      <h2>Sign in</h2>
      <p class="note warn">{reason}</p>
      <label>
        Admin API token
        <input type="password" data-testid="token" autocomplete="current-password" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary">
        Sign in
      </button>
    </form>
  );
}

export function App() {
  const route = useRoute();
  const [theme, setTheme] = useTheme();
  const connected = useConnection();
  const types = useLoad((signal) => api.request(TaskTypesQuery, {}, signal), []);
  const [view = 'tasks', id] = route.parts;

  useEffect(() => {
    document.title = `taskql · ${VIEWS.find(([name]) => name === view)?.[1] ?? 'dashboard'}`;
  }, [view]);

  let body;
  if (types.error instanceof AuthError) body = <SignIn reason={describeError(types.error)} />;
  else if (view === 'tasks' && id) body = <TaskDetail id={id} key={id} />;
  else if (view === 'tasks') body = <TasksView route={route} typeNames={types.data?.taskTypes.map((t) => t.name) ?? []} />;
  else if (view === 'queues') body = <QueuesView />;
  else if (view === 'workers') body = <WorkersView />;
  else if (view === 'workflows' && id) body = <WorkflowDetail id={id} key={id} />;
  else if (view === 'workflows') body = <WorkflowsView />;
  else if (view === 'schedules') body = <SchedulesView />;
  else if (view === 'history') body = <LazyHistory />;
  else body = <p>Nothing here. <a href="#/tasks">Tasks</a></p>;

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header>
        <h1>
          <a href="#/tasks">taskql</a>
        </h1>
        <nav aria-label="Views" class="views">
          {VIEWS.map(([name, label]) => (
            <a href={`#/${name}`} aria-current={view === name ? 'page' : undefined} data-testid={`nav-${name}`}>
              {label}
            </a>
          ))}
        </nav>
        <div class="tools">
          <span class={`connection ${connected ? 'live' : 'down'}`} data-testid="connection" role="status">
            {connected ? 'live' : 'connecting…'}
          </span>
          <label class="theme">
            <span class="visually-hidden">Theme</span>
            <select data-testid="theme" value={theme} onChange={(e) => setTheme(e.currentTarget.value as Theme)}>
              <option value="auto">auto</option>
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
          </label>
          <a href="/graphql">GraphiQL</a>
          <a href="/admin/queues">bull-board</a>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {types.error && !(types.error instanceof AuthError) && <p class="note error" role="alert">{describeError(types.error)}</p>}
        {body}
      </main>
    </>
  );
}
