import { api } from '../api.ts';
import { duration, relative, shortId } from '../format.ts';
import { SchedulesQuery } from '../operations.ts';
import { href } from '../router.ts';
import { Badge, ErrorNote, Panel, Time, useLoad } from '../ui.tsx';

/** Schedules with their next run and the last task they started. */
export function SchedulesView() {
  const schedules = useLoad((signal) => api.request(SchedulesQuery, {}, signal), [], 3000);
  const list = schedules.data?.schedules ?? [];
  return (
    <Panel title="Schedules" testid="schedules">
      <ErrorNote error={schedules.error} />
      {schedules.data && list.length === 0 && <p class="muted">No schedule. Make one with the upsertSchedule mutation.</p>}
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">Schedule</th>
            <th scope="col">Task type</th>
            <th scope="col">When</th>
            <th scope="col">Next run</th>
            <th scope="col">Last task</th>
          </tr>
        </thead>
        <tbody>
          {list.map((schedule) => (
            <tr data-testid="schedule-row" data-id={schedule.id}>
              <td data-label="Schedule">{schedule.id}</td>
              <td data-label="Task type" title={JSON.stringify(schedule.input)}>
                {schedule.name}
              </td>
              <td data-label="When">
                {schedule.cron ? (
                  <code>
                    {schedule.cron}
                    {schedule.timezone ? ` (${schedule.timezone})` : ''}
                  </code>
                ) : schedule.everyMs ? (
                  `every ${duration(schedule.everyMs)}`
                ) : (
                  '—'
                )}
              </td>
              <td data-label="Next run" data-testid="next-run">
                <Time value={schedule.nextRunAt} /> {schedule.nextRunAt && <span class="muted">({relative(schedule.nextRunAt)})</span>}
              </td>
              <td data-label="Last task" data-testid="last-task">
                {schedule.lastTask ? (
                  <>
                    <a href={href(['tasks', schedule.lastTask.id])}>{shortId(schedule.lastTask.id)}</a> <Badge state={schedule.lastTask.state} />{' '}
                    <Time value={schedule.lastTask.createdAt} />
                  </>
                ) : (
                  <span class="muted">none yet</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
