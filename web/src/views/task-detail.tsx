import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { duration, shortId } from '../format.ts';
import { CancelTask, RetryTask, RunTask, TaskDetailQuery, TaskUpdated } from '../operations.ts';
import { href } from '../router.ts';
import { Badge, ErrorNote, FINAL, Panel, ProgressBar, throttle, Time, useAction, useLoad } from '../ui.tsx';

/** One task's whole story: facts, timeline, progress messages, logs, result or failure, actions. */
export function TaskDetail({ id }: { id: string }) {
  const detail = useLoad((signal) => api.request(TaskDetailQuery, { id }, signal), [id]);
  const refresh = useMemo(() => throttle(() => detail.reload(), 250), [id]);
  // Live while shown: each change (state, progress, logs) reads the task again.
  useEffect(() => api.subscribe(TaskUpdated, { id }, () => refresh()), [id]);
  const action = useAction();
  const [editing, setEditing] = useState<string | undefined>();
  const [rerun, setRerun] = useState<string | undefined>();
  const task = detail.data?.task;

  if (detail.data && !task) {
    return (
      <Panel title="Task" testid="detail">
        <p>Task {id} is unknown, or has expired.</p>
        <a href="#/tasks">All tasks</a>
      </Panel>
    );
  }
  if (!task) return <ErrorNote error={detail.error} />;

  const act = async (which: 'cancel' | 'retry') => {
    await action.run<unknown>(() => (which === 'cancel' ? api.request(CancelTask, { id }) : api.request(RetryTask, { id })));
    detail.reload();
  };
  const runAgain = async (event: Event) => {
    event.preventDefault();
    const done = await action.run(() => api.request(RunTask, { name: task.name, input: JSON.parse(editing ?? 'null') }));
    if (done) {
      setEditing(undefined);
      setRerun(done.runTask.id);
    }
  };
  const states = task.timeline.filter((entry) => entry.percent === null);
  const messages = task.timeline.filter((entry) => entry.percent !== null);
  const facts: [string, preact.ComponentChildren][] = [
    ['Id', <code data-testid="task-id">{task.id}</code>],
    ['Queue', task.queue],
    ['Attempts', `${task.attempts} of ${task.maxAttempts}`],
    ['Worker', task.worker ?? '—'],
    ['Created', <Time value={task.createdAt} />],
    ['Started', <Time value={task.startedAt} />],
    ['Finished', <Time value={task.finishedAt} />],
    ['Duration', task.durationMs === null ? '—' : duration(task.durationMs)],
    ['Workflow', task.workflowId ? <a href={href(['workflows', task.workflowId])}>{shortId(task.workflowId)}</a> : '—'],
    ...(task.owner ? ([['Owner', task.owner]] as [string, string][]) : []),
  ];

  return (
    <Panel
      title={`${task.name} ${shortId(task.id)}`}
      testid="detail"
      actions={
        <>
          {!FINAL.has(task.state) && (
            <button type="button" class="danger" data-testid="cancel" disabled={action.busy} onClick={() => void act('cancel')}>
              Cancel
            </button>
          )}
          {(task.state === 'FAILURE' || task.state === 'REVOKED') && (
            <button type="button" data-testid="retry" disabled={action.busy} onClick={() => void act('retry')}>
              Retry
            </button>
          )}
          <button type="button" data-testid="run-again" onClick={() => setEditing(editing === undefined ? JSON.stringify(task.input, null, 2) : undefined)}>
            Run again…
          </button>
        </>
      }
    >
      <div class="detail-head">
        <Badge state={task.state} />
        <ProgressBar state={task.state} progress={task.progress} />
        {task.progress?.message && <span class="muted">{task.progress.message}</span>}
      </div>
      {task.waitingFor && (
        <p class="note warn" data-testid="waiting-note">
          Waiting for {task.waitingFor}.
        </p>
      )}
      <ErrorNote error={action.error} onClose={action.clear} />
      {editing !== undefined && (
        <form class="rerun" onSubmit={runAgain} data-testid="rerun-form">
          <label>
            Input of the new {task.name} task (JSON)
            <textarea data-testid="rerun-input" rows={6} value={editing} onInput={(e) => setEditing(e.currentTarget.value)} />
          </label>
          <div class="actions">
            <button type="submit" class="primary" data-testid="rerun-submit" disabled={action.busy}>
              Run {task.name}
            </button>
            <button type="button" onClick={() => setEditing(undefined)}>
              Close
            </button>
          </div>
        </form>
      )}
      {rerun && (
        <p class="note ok" role="status" data-testid="rerun-result">
          Queued a new task: <a href={href(['tasks', rerun])}>{shortId(rerun)}</a>
        </p>
      )}
      <dl class="facts">
        {facts.map(([term, value]) => (
          <div>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div class="columns">
        <div>
          <h3>Timeline</h3>
          <ol class="timeline" data-testid="timeline">
            {states.map((entry) => (
              <li data-state={entry.state}>
                <Time value={entry.at} /> <Badge state={entry.state} />
                {entry.attempt !== null && <span> attempt {entry.attempt}</span>}
                {entry.worker && (
                  <span class="muted" title="worker">
                    {' '}
                    on {entry.worker}
                  </span>
                )}
                {entry.note && <div class="muted">{entry.note}</div>}
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>Progress messages</h3>
          {messages.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ol class="timeline" data-testid="progress-messages">
              {messages.map((entry) => (
                <li>
                  <Time value={entry.at} /> <strong>{Math.round(entry.percent ?? 0)}%</strong> {entry.note}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <h3>Input</h3>
      <pre data-testid="input">{JSON.stringify(task.input, null, 2)}</pre>
      {task.state === 'SUCCESS' && (
        <>
          <h3>Result</h3>
          <pre data-testid="result">{JSON.stringify(task.result, null, 2)}</pre>
        </>
      )}
      {task.error && (
        <>
          <h3>{task.state === 'REVOKED' ? 'Why it was revoked' : 'Error'}</h3>
          <pre class="error" data-testid="task-error">
            {task.error.name}: {task.error.message}
          </pre>
          {task.errorStack && (
            <details open>
              <summary>Stack of the last attempt</summary>
              <pre class="error stack" data-testid="error-stack">
                {task.errorStack}
              </pre>
            </details>
          )}
        </>
      )}
      <h3>Log</h3>
      <pre class="log" data-testid="logs">
        {task.logs.join('\n') || '(nothing logged)'}
      </pre>
    </Panel>
  );
}
