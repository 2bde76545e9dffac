import { useMemo, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { duration } from '../format.ts';
import { useTaskEvents } from '../live.ts';
import { DrainQueue, OverviewQuery, PauseQueue, ResumeQueue } from '../operations.ts';
import { ErrorNote, Panel, throttle, useAction, useLoad } from '../ui.tsx';

/** Per queue: depth, oldest wait, live counts, paused, and pause / resume / drain. */
export function QueuesView() {
  const stats = useLoad((signal) => api.request(OverviewQuery, {}, signal), [], 5000);
  const soon = useMemo(() => throttle(() => stats.reload(), 1000), []);
  useTaskEvents(() => soon());
  const action = useAction();
  const [draining, setDraining] = useState<{ name: string; depth: number } | undefined>();
  const [note, setNote] = useState<string | undefined>();
  const act = async (work: () => Promise<unknown>, done?: string) => {
    setNote(undefined);
    if ((await action.run(work)) !== undefined && done) setNote(done);
    stats.reload();
  };
  const queues = stats.data?.stats.queues ?? [];
  return (
    <Panel title="Queues" testid="queues">
      <ErrorNote error={stats.error ?? action.error} onClose={action.clear} />
      {note && (
        <p class="note ok" role="status" data-testid="queue-note">
          {note}
        </p>
      )}
      {draining && (
        <div class="note confirm" role="alertdialog" aria-label="Drain queue" data-testid="drain-confirm">
          <span>
            Remove the {draining.depth} task{draining.depth === 1 ? '' : 's'} waiting in “{draining.name}”? Scheduled, running and finished ones stay.
          </span>
          <button
            type="button"
            class="danger"
            data-testid="drain-yes"
            onClick={() => {
              const { name } = draining;
              setDraining(undefined);
              void act(async () => {
                const { drainQueue } = await api.request(DrainQueue, { name });
                setNote(`Removed ${drainQueue} waiting task${drainQueue === 1 ? '' : 's'} from “${name}”.`);
                return drainQueue;
              });
            }}
          >
            Drain
          </button>
          <button type="button" data-testid="drain-no" onClick={() => setDraining(undefined)}>
            Keep them
          </button>
        </div>
      )}
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col">State</th>
            <th scope="col">Depth</th>
            <th scope="col">Oldest wait</th>
            <th scope="col">Running</th>
            <th scope="col">Scheduled</th>
            <th scope="col">Retrying</th>
            <th scope="col">No worker</th>
            <th scope="col">Done / failed (kept)</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr data-testid="queue-row" data-queue={queue.name} data-paused={String(queue.paused)}>
              <td data-label="Queue">
                <strong>{queue.name}</strong>
              </td>
              <td data-label="State">{queue.paused ? <span class="badge revoked">paused</span> : <span class="badge success">running</span>}</td>
              <td data-label="Depth" data-testid="queue-depth">
                {queue.depth}
              </td>
              <td data-label="Oldest wait">{queue.oldestWaitingMs === null ? '—' : duration(queue.oldestWaitingMs)}</td>
              <td data-label="Running">{queue.live.started}</td>
              <td data-label="Scheduled">{queue.live.scheduled}</td>
              <td data-label="Retrying">{queue.live.retry}</td>
              <td data-label="No worker">{queue.live.awaitingWorker}</td>
              <td data-label="Done / failed (kept)">
                {queue.completed} / {queue.failed}
              </td>
              <td data-label="Actions" class="actions">
                {queue.paused ? (
                  <button type="button" data-testid="resume" disabled={action.busy} onClick={() => void act(() => api.request(ResumeQueue, { name: queue.name }), `Resumed “${queue.name}”.`)}>
                    Resume
                  </button>
                ) : (
                  <button type="button" data-testid="pause" disabled={action.busy} onClick={() => void act(() => api.request(PauseQueue, { name: queue.name }), `Paused “${queue.name}”: running tasks finish, new ones wait.`)}>
                    Pause
                  </button>
                )}
                <button type="button" class="danger" data-testid="drain" disabled={action.busy} onClick={() => setDraining({ name: queue.name, depth: queue.depth })}>
                  Drain…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
