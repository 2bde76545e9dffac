import { CronExpressionParser } from 'cron-parser';
import type { Caller } from '../auth.ts';
import type { Repeat, ScheduleRecord } from '../queue/schedule-store.ts';
import type { TaskRecord } from '../queue/task-record.ts';
import { BadUserInputError, NotFoundError } from './errors.ts';
import { checkTaskRequest, refuseOptions, type RunTaskArgs } from './run-task.ts';
import type { Services } from './services.ts';

export interface UpsertScheduleArgs extends RunTaskArgs {
  id: string;
  cron?: string | null;
  everyMs?: number | null;
  timezone?: string | null;
}

const MIN_EVERY_MS = 100;

/**
 * Creates or replaces a schedule: every tick of `cron` (in `timezone`, default UTC) or every
 * `everyMs`, a normal task of `name` runs with `input`. Checked like runTask, before anything
 * is saved.
 */
export async function upsertSchedule(services: Services, args: UpsertScheduleArgs, caller?: Caller): Promise<ScheduleRecord> {
  if (!/^[\w.-]{1,128}$/.test(args.id)) {
    throw new BadUserInputError('Invalid schedule id: 1 to 128 letters, digits, _ . - only.');
  }
  const { type, input, options } = checkTaskRequest(services, args);
  refuseOptions(options, ['delayMs', 'runAt', 'idempotencyKey'], 'options', 'schedules');
  return services.schedules.upsert(args.id, type, input, checkRepeat(args), { ...options, owner: caller?.name });
}

export async function removeSchedule(services: Services, id: string): Promise<boolean> {
  if (!(await services.schedules.remove(id))) throw new NotFoundError(`No schedule with id "${id}"`);
  return true;
}

export function listSchedules(services: Services): Promise<ScheduleRecord[]> {
  return services.schedules.list();
}

/** The task the schedule fired last that a worker has started (null before the first). */
export async function lastScheduledTask(services: Services, schedule: ScheduleRecord): Promise<TaskRecord | null> {
  const id = await services.schedules.lastTaskId(schedule.id);
  return id ? services.store.read(id) : null;
}

function checkRepeat({ cron, everyMs, timezone }: UpsertScheduleArgs): Repeat {
  if ((cron == null) === (everyMs == null)) throw new BadUserInputError('Give either cron or everyMs (one of them).');
  if (everyMs != null) {
    if (timezone != null) throw new BadUserInputError('timezone applies to cron schedules only.');
    if (!Number.isInteger(everyMs) || everyMs < MIN_EVERY_MS) {
      throw new BadUserInputError(`Invalid everyMs: a whole number of milliseconds, at least ${MIN_EVERY_MS}.`);
    }
    return { everyMs };
  }
  const tz = timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new BadUserInputError(`Invalid timezone "${tz}": use an IANA name such as Europe/Paris.`);
  }
  try {
    CronExpressionParser.parse(cron!, { tz, strict: false });
  } catch (error) {
    throw new BadUserInputError(`Invalid cron expression "${cron}": ${(error as Error).message}`);
  }
  return { cron: cron!, timezone: tz };
}
