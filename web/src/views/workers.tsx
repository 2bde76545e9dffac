import { api } from '../api.ts';
import { duration } from '../format.ts';
import { WorkersQuery } from '../operations.ts';
import { ErrorNote, Panel, Time, useLoad } from '../ui.tsx';

/** Worker processes as their heartbeats describe them. */
export function WorkersView() {
  const workers = useLoad((signal) => api.request(WorkersQuery, {}, signal), [], 5000);
  const list = workers.data?.workers ?? [];
  return (
    <Panel title="Workers" testid="workers">
      <ErrorNote error={workers.error} />
      {workers.data && list.length === 0 && <p class="muted">No worker has been seen in the last 10 minutes.</p>}
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">PID</th>
            <th scope="col">Status</th>
            <th scope="col">Queues</th>
            <th scope="col">Concurrency</th>
            <th scope="col">Active</th>
            <th scope="col">Done</th>
            <th scope="col">Failed</th>
            <th scope="col">Uptime</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {list.map((worker) => (
            <tr data-testid="worker-row" data-online={String(worker.online)} class={worker.online ? '' : 'offline'} title={worker.id}>
              <td data-label="Host">{worker.hostname}</td>
              <td data-label="PID">{worker.pid}</td>
              <td data-label="Status">{worker.online ? <span class="badge success">online</span> : <span class="badge failure">offline</span>}</td>
              <td data-label="Queues" title={`task types: ${worker.taskTypes.join(', ')}`}>
                {worker.queues.join(', ')}
              </td>
              <td data-label="Concurrency">{worker.concurrency}</td>
              <td data-label="Active">{worker.active}</td>
              <td data-label="Done">{worker.processed}</td>
              <td data-label="Failed">{worker.failed}</td>
              <td data-label="Uptime">{worker.online ? duration(new Date(worker.lastSeenAt).getTime() - new Date(worker.startedAt).getTime()) : '—'}</td>
              <td data-label="Last seen">
                <Time value={worker.lastSeenAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
