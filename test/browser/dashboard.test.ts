import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, DOCS_SCREENSHOTS, launchChromium } from '../support/browser.ts';
import { RemoveSchedule, RunChain, RunTask, RunTasks, SearchTasks, StatsHistory, TaskUpdated, UpsertSchedule } from '../support/documents.ts';
import { collect, Harness } from '../support/taskql.ts';
import { testRegistry } from '../support/test-tasks.ts';

/** The two widths every point is checked at: a phone and a wide screen. */
const WIDTHS = [390, 1400] as const;

/** The main views; their screenshots are docs/dashboard-<view>.png (-phone.png at 390 px): see DOCS_SCREENSHOTS. */
const VIEWS = ['tasks', 'queues', 'workers', 'workflows', 'schedules', 'history'] as const;

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function finished(taskql: Harness, id: string): Promise<string | undefined> {
  const { values } = await collect(taskql.wsClient(), TaskUpdated, { id });
  return values.at(-1)?.taskUpdated.state;
}

for (const width of WIDTHS) {
  describe(`the dashboard at ${width} px`, () => {
    let taskql: Harness;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    const dialogs: string[] = [];
    const phone = width < 700;

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      // The shipped task types and the tests' own (flaky: fails its first attempts).
      taskql = await Harness.start({ heartbeatMs: 200, registry: testRegistry });
      browser = await launchChromium();
      // Reduced motion: no bar caught mid-transition in a screenshot.
      page = await browser.newPage({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
      // A wait that fails names what it waited for, well before the test's own timeout.
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => errors.push(error.message));
      // The dashboard never uses alert(), confirm() or prompt(): errors and confirmations are inline.
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(new URL('/', taskql.url).href);
      await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
    });
    afterAll(async () => {
      await browser?.close();
      await taskql?.stop();
    });

    /** Goes to a view and waits until the page has taken the new address in. */
    const open = async (hash: string) => {
      await page.evaluate(
        (to) =>
          new Promise<void>((resolve) => {
            if (location.hash === to) return resolve();
            window.addEventListener('hashchange', () => requestAnimationFrame(() => resolve()), { once: true });
            location.hash = to;
          }),
        hash,
      );
    };
    const shot = (name: string) => page.screenshot({ path: `${DOCS_SCREENSHOTS}/dashboard-${name}${phone ? '-phone' : ''}.png`, fullPage: true });
    const row = (id: string) => page.locator(`tr[data-id="${id}"]`);
    const rowIds = () => page.getByTestId('task-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id!));
    /** The page is no wider than the window: nothing scrolls sideways. */
    const sidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    async function runFromForm(type: string, fields: Record<string, string>): Promise<string> {
      await open('#/tasks');
      const panel = page.getByTestId('run-panel');
      if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
      await page.getByTestId('run-type').selectOption(type);
      for (const [name, value] of Object.entries(fields)) await page.getByTestId(`input-${name}`).fill(value);
      await page.getByTestId('run-submit').click();
      return (await page.getByTestId('run-id').textContent())!;
    }

    it('runs a task from the form and follows it live; SUCCESS rows have a full bar, from the feed too', async () => {
      const id = await runFromForm('processData', { data: 'from the dashboard', steps: '6', stepMs: '200' });
      await page.waitForFunction((taskId) => {
        const percent = Number(document.querySelector(`tr[data-id="${taskId}"] .progress`)?.getAttribute('data-percent'));
        return percent > 0 && percent < 100;
      }, id);
      await row(id).locator('.badge', { hasText: 'SUCCESS' }).waitFor();
      expect(await row(id).locator('.progress').getAttribute('data-percent')).toBe('100');
      // noop reports no progress at all: its SUCCESS row, added from the live feed, is full as well.
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: { from: 'the api' } });
      await row(runTask.id).locator('.badge', { hasText: 'SUCCESS' }).waitFor();
      expect(await row(runTask.id).locator('.progress').getAttribute('data-percent')).toBe('100');
      expect(await row(runTask.id).textContent()).not.toMatch(ISO_TIME);
    });

    it('pages through tasks on the server, and a late answer for an old page never shows', async () => {
      const batch = `page-${width}`;
      const { runTasks } = await taskql.data(RunTasks, { tasks: Array.from({ length: 60 }, (_, n) => ({ name: 'noop', input: { batch, n } })) });
      for (const task of runTasks) await finished(taskql, task.id);
      await open(`#/tasks?field=batch&value=${batch}`);
      await page.getByTestId('page-number').filter({ hasText: 'Page 1' }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('tr[data-testid="task-row"]').length === 25);
      const first = await rowIds();

      // The next answer for page 1 is held back until page 2 has been shown.
      let held: Request | undefined;
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let heldSeen = (_request: Request) => {};
      const seen = new Promise<Request>((resolve) => (heldSeen = resolve));
      await page.route('**/graphql', async (route) => {
        const body = route.request().postDataJSON() as { query?: string; variables?: { after?: string | null } } | null;
        if (!held && body?.query?.includes('query DashboardTasks') && body.variables?.after == null) {
          held = route.request();
          heldSeen(held);
          await released;
        }
        // The page may have given up on it meanwhile (it aborts what it no longer needs).
        await route.continue().catch(() => undefined);
      });
      await page.getByTestId('refresh').click();
      const stale = await seen;
      await page.getByTestId('next-page').click();
      await page.getByTestId('page-number').filter({ hasText: 'Page 2' }).waitFor();
      await page.waitForFunction((ids) => {
        const shown = [...document.querySelectorAll<HTMLElement>('tr[data-testid="task-row"]')].map((r) => r.dataset.id);
        return shown.length === 25 && shown.every((id) => !ids.includes(id!));
      }, first);
      const settled = Promise.race([page.waitForEvent('requestfinished', (r) => r === stale), page.waitForEvent('requestfailed', (r) => r === stale)]);
      release();
      await settled;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const second = await rowIds();
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      expect(second).toHaveLength(25);
      await page.unroute('**/graphql');

      await page.getByTestId('next-page').click();
      await page.getByTestId('page-number').filter({ hasText: 'Page 3' }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('tr[data-testid="task-row"]').length === 10);
      const third = await rowIds();
      expect(await page.getByTestId('next-page').isDisabled()).toBe(true);
      expect(new Set([...first, ...second, ...third])).toEqual(new Set(runTasks.map((t) => t.id)));
      await page.getByTestId('prev-page').click();
      await page.getByTestId('page-number').filter({ hasText: 'Page 2' }).waitFor();
      await page.waitForFunction((ids) => [...document.querySelectorAll<HTMLElement>('tr[data-testid="task-row"]')].map((r) => r.dataset.id).join() === ids.join(), second);
      await shot('tasks');
    });

    it('searches by id prefix, type, state, time range and input field, and sorts by creation and by duration', async () => {
      const batch = `page-${width}`;
      const { tasks } = await taskql.data(SearchTasks, { filter: { input: { field: 'batch', contains: batch } }, first: 1, order: 'OLDEST_FIRST' });
      const oldest = tasks.nodes[0]!.id;
      await open(`#/tasks?field=batch&value=${batch}`);
      const firstRow = (id: string) => page.waitForFunction((first) => document.querySelector<HTMLElement>('tr[data-testid="task-row"]')?.dataset.id === first, id);
      // Wide: the columns' headers sort; a phone shows no headers, its filters have the order.
      const sortBy = async (header: string, order: string) => {
        if (phone) await page.getByTestId('filter-order').selectOption(order);
        else await page.getByTestId(header).click();
      };
      await sortBy('sort-created', 'oldest');
      await firstRow(oldest);
      if (!phone) expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Created');

      // By duration, on the server: the longest finished task first, then (a second click) the shortest.
      const [long, short] = await Promise.all([taskql.data(RunTask, { name: 'sleep', input: { ms: 400 } }), taskql.data(RunTask, { name: 'sleep', input: { ms: 0 } })]);
      await Promise.all([finished(taskql, long.runTask.id), finished(taskql, short.runTask.id)]);
      await open('#/tasks?name=sleep');
      await sortBy('sort-duration', 'longest');
      await firstRow(long.runTask.id);
      await sortBy('sort-duration', 'shortest');
      await firstRow(short.runTask.id);
      if (!phone) expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Duration');

      await open('#/tasks');
      // What is being typed stays while live updates redraw the list.
      await page.getByTestId('filter-id').fill('3f2a');
      const fresh = await taskql.data(RunTask, { name: 'noop', input: { while: 'typing' } });
      await row(fresh.runTask.id).locator('.badge', { hasText: 'SUCCESS' }).waitFor();
      expect(await page.getByTestId('filter-id').inputValue()).toBe('3f2a');
      await page.getByTestId('filter-id').fill(oldest.slice(0, 8));
      await page.getByTestId('filter-id').press('Enter');
      await page
        .waitForFunction((id) => {
          const shown = [...document.querySelectorAll<HTMLElement>('tr[data-testid="task-row"]')].map((r) => r.dataset.id);
          return shown.length === 1 && shown[0] === id;
        }, oldest)
        .catch(async (error: unknown) => {
          throw new Error(`${String(error)}\nat ${page.url()}, input "${await page.getByTestId('filter-id').inputValue()}", rows ${(await rowIds()).join(' ')}, text: ${await page.getByTestId('tasks-panel').textContent()}`);
        });

      const failed = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y: 0, delayMs: 0 } });
      await finished(taskql, failed.runTask.id);
      await open('#/tasks');
      await page.getByTestId('filter-name').selectOption('divide');
      await page.getByTestId('filter-state').selectOption('FAILURE');
      // The list of both filters: the failed task, and only FAILURE rows.
      await page.waitForFunction((id) => {
        const rows = [...document.querySelectorAll<HTMLElement>('tr[data-testid="task-row"]')];
        return rows.some((r) => r.dataset.id === id) && rows.every((r) => r.dataset.state === 'FAILURE');
      }, failed.runTask.id);
      expect(page.url()).toContain('state=FAILURE');
      expect(page.url()).toContain('name=divide');

      await page.getByTestId('filter-range').selectOption('1h');
      await row(failed.runTask.id).waitFor();
      await page.getByTestId('filter-range').selectOption('custom');
      const inAnHour = new Date(Date.now() + 3_600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      await page.getByTestId('filter-from').fill(inAnHour);
      await page.getByTestId('no-tasks').waitFor();
      expect(await page.getByTestId('task-row').count()).toBe(0);
    });

    it("shows a task's whole story: timeline with attempts and worker, stack, progress messages, logs, local times", async () => {
      const { runTask } = await taskql.data(RunTask, { name: 'flaky', input: { failTimes: 5 }, options: { attempts: 2, backoffMs: 1 } });
      expect(await finished(taskql, runTask.id)).toBe('FAILURE');
      await open(`#/tasks/${runTask.id}`);
      const detail = page.getByTestId('detail');
      await detail.getByTestId('timeline').locator('li[data-state="FAILURE"]').waitFor();
      const timeline = await detail.getByTestId('timeline').locator('li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.state));
      expect(timeline).toEqual(['PENDING', 'STARTED', 'RETRY', 'STARTED', 'FAILURE']);
      expect(await detail.getByTestId('timeline').textContent()).toMatch(/attempt 2.*on /);
      expect(await detail.getByTestId('task-error').textContent()).toContain('flaky failure (attempt 2)');
      expect(await detail.getByTestId('error-stack').textContent()).toMatch(/flaky failure \(attempt 2\)\n\s+at /);
      expect(await detail.textContent()).not.toMatch(ISO_TIME);
      await shot('task-failed');

      const id = await runFromForm('processData', { data: 'story', steps: '3', stepMs: '50' });
      expect(await finished(taskql, id)).toBe('SUCCESS');
      await open(`#/tasks/${id}`);
      await detail.getByTestId('progress-messages').locator('li').nth(2).waitFor();
      await detail.getByTestId('result').filter({ hasText: 'Processed: story' }).waitFor();

      const mail = await taskql.data(RunTask, { name: 'sendEmail', input: { to: 'ops@example.com', subject: 'hello' } });
      await open(`#/tasks/${mail.runTask.id}`);
      await detail.getByTestId('logs').filter({ hasText: 'delivered to ops@example.com' }).waitFor();
      await shot('task');
    });

    it('cancels, retries, and runs again with an edited input', async () => {
      const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 60_000 } });
      await open(`#/tasks/${runTask.id}`);
      const detail = page.getByTestId('detail');
      await detail.locator('.badge', { hasText: 'STARTED' }).first().waitFor();
      await page.getByTestId('cancel').click();
      await detail.locator('.detail-head .badge', { hasText: 'REVOKED' }).waitFor();
      await detail.getByTestId('task-error').filter({ hasText: 'Cancelled by cancelTask' }).waitFor();
      await page.getByTestId('retry').click();
      await detail.locator('.detail-head .badge', { hasText: 'STARTED' }).waitFor();
      await page.getByTestId('cancel').click();
      await detail.locator('.detail-head .badge', { hasText: 'REVOKED' }).waitFor();

      const divide = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y: 0, delayMs: 0 } });
      await finished(taskql, divide.runTask.id);
      await open(`#/tasks/${divide.runTask.id}`);
      await page.getByTestId('run-again').click();
      await page.getByTestId('rerun-input').fill(JSON.stringify({ x: 1, y: 4, delayMs: 0 }));
      await page.getByTestId('rerun-submit').click();
      await page.getByTestId('rerun-result').locator('a').click();
      await detail.getByTestId('result').filter({ hasText: '0.25' }).waitFor();
      // A bad edit is said inline.
      await page.getByTestId('run-again').click();
      await page.getByTestId('rerun-input').fill('{"x": 1, "y": "four"}');
      await page.getByTestId('rerun-submit').click();
      await detail.getByTestId('error').filter({ hasText: 'y' }).waitFor();
    });

    it('retries and cancels every task of a filter after a confirmation that says how many', async () => {
      const failing = await Promise.all(Array.from({ length: 3 }, () => taskql.data(RunTask, { name: 'divide', input: { x: 777, y: 0, delayMs: 0 } })));
      for (const { runTask } of failing) await finished(taskql, runTask.id);
      await open('#/tasks?name=divide&state=FAILURE&field=x&value=777');
      await page.getByTestId('bulk-retry').click();
      await page.getByTestId('bulk-count').filter({ hasText: 'Retry 3 failed or revoked tasks matching this filter?' }).waitFor();
      await shot('bulk');
      await page.getByTestId('bulk-yes').click();
      await page.getByTestId('bulk-outcome').filter({ hasText: '3 retried' }).waitFor();
      for (const { runTask } of failing) expect(await finished(taskql, runTask.id)).toBe('FAILURE');

      const waiting = await Promise.all(Array.from({ length: 3 }, () => taskql.data(RunTask, { name: 'sleep', input: { ms: 4242 }, options: { delayMs: 600_000 } })));
      await open('#/tasks?name=sleep&field=ms&value=4242');
      await page.getByTestId('bulk-cancel').click();
      await page.getByTestId('bulk-count').filter({ hasText: 'Cancel 3 unfinished tasks matching this filter?' }).waitFor();
      await page.getByTestId('bulk-no').click();
      expect(await page.getByTestId('bulk-confirm').count()).toBe(0);
      await page.getByTestId('bulk-cancel').click();
      await page.getByTestId('bulk-yes').click();
      await page.getByTestId('bulk-outcome').filter({ hasText: '3 cancelled' }).waitFor();
      for (const { runTask } of waiting) await row(runTask.id).locator('.badge', { hasText: 'REVOKED' }).waitFor();
    });

    it('shows queues with depth and oldest wait, and pauses, drains and resumes one', async () => {
      await open('#/queues');
      const queue = page.locator('tr[data-queue="default"]');
      await queue.waitFor();
      await queue.getByTestId('pause').click();
      await page.locator('tr[data-queue="default"][data-paused="true"]').waitFor();
      await Promise.all([taskql.data(RunTask, { name: 'noop' }), taskql.data(RunTask, { name: 'noop' })]);
      await queue.getByTestId('queue-depth').filter({ hasText: /^2$/ }).waitFor();
      expect(await queue.locator('td[data-label="Oldest wait"]').textContent()).toMatch(/\d+(\.\d)? (ms|s)/);
      await shot('queues');
      await queue.getByTestId('drain').click();
      await page.getByTestId('drain-confirm').filter({ hasText: 'Remove the 2 tasks waiting in “default”?' }).waitFor();
      await page.getByTestId('drain-yes').click();
      await page.getByTestId('queue-note').filter({ hasText: 'Removed 2 waiting tasks' }).waitFor();
      await queue.getByTestId('queue-depth').filter({ hasText: /^0$/ }).waitFor();
      await queue.getByTestId('resume').click();
      await page.locator('tr[data-queue="default"][data-paused="false"]').waitFor();
    });

    it('shows workers with host, pid, concurrency, queues, uptime, active, done and online', async () => {
      await open('#/workers');
      const worker = page.getByTestId('worker-row').first();
      await worker.waitFor();
      expect(await worker.getAttribute('data-online')).toBe('true');
      const cell = (label: string) => worker.locator(`td[data-label="${label}"]`).textContent();
      expect(await cell('Host')).toBe(hostname());
      expect(await cell('PID')).toBe(String(process.pid));
      expect(await cell('Concurrency')).toBe('8');
      expect(await cell('Queues')).toContain('default');
      expect(Number(await cell('Done'))).toBeGreaterThan(0);
      expect(await cell('Uptime')).toMatch(/\d/);
      expect(await cell('Status')).toBe('online');
      await shot('workers');
    });

    it("draws a workflow's steps as a graph whose states change live", async () => {
      const step = (x: number) => ({ name: 'divide', input: { x, y: 1, delayMs: 400 } });
      const { runChain } = await taskql.data(RunChain, { steps: [step(1), step(2), step(3)] });
      await open('#/workflows');
      await page.locator(`tr[data-id="${runChain.id}"]`).click();
      const graph = page.getByTestId('workflow-detail').getByTestId('graph');
      await graph.locator('[data-testid="step"][data-state="STARTED"]').first().waitFor();
      expect(await graph.getByTestId('step').count()).toBe(3);
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('[data-testid="step"]')].every((s) => s.dataset.state === 'SUCCESS'));
      await shot('workflow');
      await open('#/workflows');
      await page.locator(`tr[data-id="${runChain.id}"] .badge`, { hasText: 'SUCCESS' }).waitFor();
      await shot('workflows');
    });

    it('shows schedules with their next run and last task', async () => {
      await taskql.data(UpsertSchedule, { id: `every-second-${width}`, name: 'noop', input: { scheduled: true }, everyMs: 1000 });
      try {
        await open('#/schedules');
        const schedule = page.locator(`tr[data-id="every-second-${width}"]`);
        await schedule.getByTestId('last-task').locator('a').waitFor();
        expect(await schedule.getByTestId('next-run').textContent()).toMatch(/\d{1,2}:\d{2}/);
        expect(await schedule.textContent()).not.toMatch(ISO_TIME);
        await shot('schedules');
      } finally {
        await taskql.data(RemoveSchedule, { id: `every-second-${width}` });
      }
    });

    it("draws throughput, failure rate and runtimes from the server's counters, for the last hour and day", async () => {
      const { stats } = await taskql.data(StatsHistory, { window: 'HOUR' });
      await open('#/history');
      await page.getByTestId('history-totals').waitFor();
      const shown = await page.getByTestId('history-totals').textContent();
      const [, succeeded, failed] = /(\d+) succeeded, (\d+) failed/.exec(shown!) ?? [];
      const sum = (pick: (b: (typeof stats.history.buckets)[number]) => number) => stats.history.buckets.reduce((n, b) => n + pick(b), 0);
      // The page's figures are the counters' (a task or two may finish in between).
      expect(Number(succeeded)).toBeGreaterThanOrEqual(sum((b) => b.succeeded));
      expect(Number(failed)).toBe(sum((b) => b.failed));
      expect(Number(failed)).toBeGreaterThan(0);
      for (const chart of ['chart-throughput', 'chart-failure-rate', 'chart-runtime']) await page.getByTestId(chart).locator('canvas').waitFor();
      await shot('history');
      await page.getByTestId('window-day').click();
      await page.getByTestId('history-totals').filter({ hasText: 'in the last day' }).waitFor();
    });

    it('fits the window on every view (no sideways scroll), down to 360 px on a phone, in light and dark', async () => {
      const widths = phone ? [390, 360] : [1400];
      for (const w of widths) {
        await page.setViewportSize({ width: w, height: 900 });
        for (const view of VIEWS) {
          await open(`#/${view}`);
          await page.locator(`[aria-current="page"][data-testid="nav-${view}"]`).waitFor();
          await page.locator('main .panel').first().waitFor();
          expect([view, w, await sidewaysScroll()]).toEqual([view, w, 0]);
        }
      }
      await page.setViewportSize({ width, height: 900 });
      await open('#/tasks');
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.getByTestId('theme').selectOption('light');
      const light = await background();
      await page.getByTestId('theme').selectOption('dark');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      expect(await background()).not.toBe(light);
      await page.getByTestId('task-row').first().waitFor();
      await shot('tasks-dark');
      // "auto" follows the system's setting.
      await page.getByTestId('theme').selectOption('auto');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    });

    it('is usable from the keyboard: views, a task, its actions', async () => {
      await open('#/tasks');
      await page.getByTestId('task-row').first().waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      /** Presses Tab until `selector` has the focus (at most 80 times). */
      const tabTo = async (selector: string) => {
        for (let i = 0; i < 80; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        }
        throw new Error(`Tab never reached ${selector}`);
      };
      await tabTo('[data-testid="nav-queues"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('queues').waitFor();
      await page.keyboard.press('Shift+Tab');
      await tabTo('[data-testid="nav-tasks"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('task-row').first().waitFor();
      await tabTo('tr[data-testid="task-row"] a');
      await page.keyboard.press('Enter');
      await page.getByTestId('detail').waitFor();
      await tabTo('[data-testid="run-again"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('rerun-input').waitFor();
      const focus = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(focus).not.toBe('none');
    });

    it('says errors inline, never in an alert', async () => {
      await open('#/tasks');
      const panel = page.getByTestId('run-panel');
      if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
      await page.getByTestId('run-type').selectOption('sendEmail');
      await page.getByTestId('input-to').fill('not-an-address');
      await page.getByTestId('input-subject').fill('hello');
      // The browser's own email check would stop the submit first: the API's check answers too.
      await page.getByTestId('run-form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
      await page.getByTestId('run-submit').click();
      await page.getByTestId('run-form').getByTestId('error').filter({ hasText: 'Invalid input of "sendEmail"' }).waitFor();
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
}

describe('the dashboard of a fleet where no running worker knows a type', () => {
  it('marks such a task in the list, says what it waits for in its detail, and counts it', async () => {
    // No worker at all: nothing running knows "noop" on queue "default".
    const taskql = await Harness.start({ worker: false });
    const browser = await launchChromium();
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'waits' });
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(new URL('/', taskql.url).href);
        const row = page.locator(`tr[data-id="${runTask.id}"]`);
        await row.getByTestId('waiting-for').waitFor();
        await page.getByTestId('awaiting-worker').locator('strong').filter({ hasText: /^1$/ }).waitFor();
        await row.locator('a').click();
        await page.getByTestId('waiting-note').filter({ hasText: 'Waiting for a worker that runs task type "noop" on queue "default"' }).waitFor();
        await page.screenshot({ path: `${ARTIFACTS}/dashboard-waiting-for-worker-${width}.png`, fullPage: true });
        await page.close();
      }
    } finally {
      await browser.close();
      await taskql.stop();
    }
  });
});

describe('the dashboard with API tokens', () => {
  it('asks for an admin token, then works with it (and bull-board with its cookie)', async () => {
    const taskql = await Harness.start({ tokens: [{ name: 'ops', token: 'ops-secret-000000000', scopes: ['admin'] }] });
    const browser = await launchChromium();
    try {
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(new URL('/', taskql.url).href);
        await page.getByTestId('sign-in').waitFor();
        await page.getByTestId('token').fill('ops-secret-000000000');
        await page.getByTestId('sign-in').locator('button').click();
        await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
        await page.getByTestId('stats').filter({ hasText: 'running' }).waitFor();
        expect(await page.getByTestId('sign-in').count()).toBe(0);
        const board = await page.goto(new URL('/admin/queues', taskql.url).href);
        expect(board?.status()).toBe(200);
        await page.close();
      }
    } finally {
      await browser.close();
      await taskql.stop();
    }
  });

  it('mounts bull-board under /admin/queues', async () => {
    const taskql = await Harness.start({ worker: false });
    const browser = await launchChromium();
    try {
      const board = await browser.newPage();
      await board.goto(new URL('/admin/queues', taskql.url).href);
      await board.getByText('default').first().waitFor();
      expect(await board.title()).toContain('taskql queues');
    } finally {
      await browser.close();
      await taskql.stop();
    }
  });
});
