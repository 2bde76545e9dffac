import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoveSchedule, Schedules, UpsertSchedule } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { Harness } from './support/taskql.ts';

/** Resolves with the ids of the next `count` tasks of `queue` that complete. */
function nextCompletions(events: QueueEvents, count: number): Promise<string[]> {
  const ids: string[] = [];
  return new Promise((resolve) => {
    const onCompleted = ({ jobId }: { jobId: string }) => {
      ids.push(jobId);
      if (ids.length < count) return;
      events.off('completed', onCompleted);
      resolve(ids);
    };
    events.on('completed', onCompleted);
  });
}

const fireTime = (taskId: string) => Number(taskId.split(':').at(-1));

describe('schedules', () => {
  let taskql: Harness;
  let events: QueueEvents;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
    events = new QueueEvents('default', { connection: { url: taskql.redisUrl }, prefix: taskql.prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    await taskql.stop();
  });

  it('fires an everyMs schedule on time, each firing a normal task, and stops after removal', async () => {
    const { upsertSchedule } = await taskql.data(UpsertSchedule, { id: 'heartbeat', name: 'noop', input: { beat: true }, everyMs: 300 });
    expect(upsertSchedule).toMatchObject({ id: 'heartbeat', name: 'noop', queue: 'default', everyMs: 300, cron: null, input: { beat: true } });
    expect(Date.parse(upsertSchedule.nextRunAt!)).toBeGreaterThan(Date.now() - 300);

    const fired = nextCompletions(events, 2);
    const worker = await taskql.startWorker();
    const ids = await fired;
    expect(ids.every((id) => id.startsWith('repeat:heartbeat:'))).toBe(true);
    // On time: consecutive firings are one interval apart.
    expect(fireTime(ids[1]!) - fireTime(ids[0]!)).toBe(300);

    const { schedules } = await taskql.data(Schedules);
    const heartbeat = schedules.find((s) => s.id === 'heartbeat');
    // The latest firing a worker has taken: the second one seen, or (under load) a later one.
    const last = heartbeat!.lastTask!;
    expect(last.id.startsWith('repeat:heartbeat:')).toBe(true);
    expect(fireTime(last.id)).toBeGreaterThanOrEqual(fireTime(ids[1]!));
    expect(last.state).toMatch(/STARTED|SUCCESS/);
    if (last.state === 'SUCCESS') expect(last.result).not.toBeNull();

    expect((await taskql.data(RemoveSchedule, { id: 'heartbeat' })).removeSchedule).toBe(true);
    expect((await taskql.data(Schedules)).schedules.map((s) => s.id)).not.toContain('heartbeat');
    // Nothing left that could fire: no scheduler and no pending next task.
    const delayed = await taskql.queue().getDelayed();
    expect(delayed.filter((job) => job.id?.startsWith('repeat:heartbeat:'))).toEqual([]);
    await worker.stop();
  });

  it('keeps a cron schedule with its timezone and next run time', async () => {
    const { upsertSchedule } = await taskql.data(UpsertSchedule, {
      id: 'nightly-report',
      name: 'processData',
      input: { data: 'report' },
      cron: '0 3 * * *',
      timezone: 'Europe/Paris',
    });
    expect(upsertSchedule).toMatchObject({ cron: '0 3 * * *', timezone: 'Europe/Paris', everyMs: null });
    const next = new Date(upsertSchedule.nextRunAt!);
    const parisHour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', timeZone: 'Europe/Paris' }).format(next));
    expect(parisHour).toBe(3);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it('replaces a schedule upserted again under the same id', async () => {
    await taskql.data(UpsertSchedule, { id: 'replace-me', name: 'noop', everyMs: 60_000 });
    const { upsertSchedule } = await taskql.data(UpsertSchedule, { id: 'replace-me', name: 'sendEmail', input: { to: 'a@example.com', subject: 's' }, everyMs: 120_000 });
    expect(upsertSchedule).toMatchObject({ name: 'sendEmail', queue: 'email', everyMs: 120_000 });
    const mine = (await taskql.data(Schedules)).schedules.filter((s) => s.id === 'replace-me');
    expect(mine).toHaveLength(1);
  });

  it('refuses bad schedules with BAD_USER_INPUT and saves nothing', async () => {
    const bad = async (variables: Parameters<typeof taskql.request<unknown, Record<string, unknown>>>[1]) => {
      const result = await taskql.request(UpsertSchedule, { id: 'bad', name: 'noop', ...variables } as never);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return result.errors?.[0]?.message;
    };
    expect(await bad({ cron: '61 * * * *' })).toMatch(/Invalid cron expression "61 \* \* \* \*"/);
    expect(await bad({ cron: 'every day' })).toMatch(/Invalid cron expression/);
    expect(await bad({ name: 'nope', everyMs: 1000 })).toMatch(/Unknown task type "nope"/);
    expect(await bad({ name: 'divide', input: { x: 1 }, everyMs: 1000 })).toMatch(/y: /);
    expect(await bad({})).toMatch(/either cron or everyMs/);
    expect(await bad({ cron: '* * * * *', everyMs: 1000 })).toMatch(/either cron or everyMs/);
    expect(await bad({ cron: '* * * * *', timezone: 'Mars/Olympus' })).toMatch(/Invalid timezone/);
    expect(await bad({ everyMs: 5 })).toMatch(/at least 100/);
    expect((await taskql.data(Schedules)).schedules.map((s) => s.id)).not.toContain('bad');
  });

  it('answers NOT_FOUND when removing an unknown schedule', async () => {
    const result = await taskql.request(RemoveSchedule, { id: 'never-was' });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('schedules across processes', () => {
  it('fires each tick exactly once with two worker processes and two API processes', async () => {
    const taskql = await Harness.start({ worker: false });
    const otherApi = await Harness.start({ worker: false, prefix: taskql.prefix });
    const env = { REDIS_URL: taskql.redisUrl, TASKQL_PREFIX: taskql.prefix };
    const workers = [TaskqlProcess.spawn('worker', env), TaskqlProcess.spawn('worker', env)];
    const events = new QueueEvents('default', { connection: { url: taskql.redisUrl }, prefix: taskql.prefix });
    try {
      await events.waitUntilReady();
      await Promise.all(workers.map((worker) => worker.waitForLog('worker started')));
      const fired = nextCompletions(events, 6);
      // Both APIs upsert the same schedule, as two deploys might.
      await Promise.all([
        taskql.data(UpsertSchedule, { id: 'once', name: 'noop', everyMs: 200 }),
        otherApi.data(UpsertSchedule, { id: 'once', name: 'noop', everyMs: 200 }),
      ]);
      await fired;
      await taskql.data(RemoveSchedule, { id: 'once' });
      // Every task the schedule made: one per tick, no tick twice, none skipped.
      const jobs = await taskql.queue().getJobs(['completed', 'active', 'waiting', 'prioritized']);
      const times = jobs.map((job) => fireTime(job.id!)).sort((a, b) => a - b);
      expect(times.length).toBeGreaterThanOrEqual(6);
      expect(new Set(times).size).toBe(times.length);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(200);
    } finally {
      await events.close();
      await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
      await otherApi.stop();
      await taskql.stop();
    }
  });
});
