import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { RunTask } from '../support/documents.ts';
import { Harness } from '../support/taskql.ts';

/** An operator's view: the dashboard at /, in a real browser, live over graphql-ws. */
describe('the dashboard', () => {
  let taskql: Harness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    taskql = await Harness.start({ heartbeatMs: 200 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL('/', taskql.url).href);
    await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await taskql?.stop();
  });

  /** Fills the run form for `type` and submits it; answers the new task's id. */
  async function run(type: string, fields: Record<string, string>): Promise<string> {
    await page.getByTestId('run-type').selectOption(type);
    for (const [name, value] of Object.entries(fields)) await page.getByTestId(`input-${name}`).fill(value);
    await page.getByTestId('run-submit').click();
    const output = page.getByTestId('run-result');
    await output.filter({ hasText: 'queued' }).waitFor();
    return (await output.textContent())!.replace('queued ', '');
  }

  const row = (id: string) => page.locator(`tr[data-id="${id}"]`);

  it('runs processData from the form and shows its progress bar move and its badge reach SUCCESS', async () => {
    const id = await run('processData', { data: 'from the dashboard', steps: '8', stepMs: '150' });
    // Part way: the row's bar is neither empty nor full.
    await page.waitForFunction((taskId) => {
      const percent = Number(document.querySelector(`tr[data-id="${taskId}"] .progress`)?.getAttribute('data-percent'));
      return percent > 0 && percent < 100;
    }, id);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-progress.png` });
    await row(id).locator('.badge', { hasText: 'SUCCESS' }).waitFor();
    expect(await row(id).locator('.progress').getAttribute('data-percent')).toBe('100');
    // The detail panel shows the result.
    await page.getByTestId('detail').filter({ hasText: 'Processed: from the dashboard' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-success.png` });
  });

  it('cancels a running task from its detail panel', async () => {
    const id = await run('sleep', { ms: '60000' });
    await row(id).locator('.badge', { hasText: 'STARTED' }).waitFor();
    await page.getByTestId('cancel').click();
    await row(id).locator('.badge', { hasText: 'REVOKED' }).waitFor();
    await page.getByTestId('detail').filter({ hasText: 'RevokedError: Cancelled by cancelTask' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-cancelled.png` });

    // Retry runs it again under the same id; cancel it once more.
    await page.getByTestId('retry').click();
    await row(id).locator('.badge', { hasText: 'STARTED' }).waitFor();
    await page.getByTestId('cancel').click();
    await row(id).locator('.badge', { hasText: 'REVOKED' }).waitFor();
  });

  it("shows a task's log lines in its detail as they are written", async () => {
    await run('sendEmail', { to: 'ops@example.com', subject: 'hello', body: 'hi' });
    await page.getByTestId('detail').filter({ hasText: 'delivered to ops@example.com' }).waitFor();
  });

  it('shows input errors from the form, the workers panel and the stats', async () => {
    await run('divide', { x: '1', y: '0', delayMs: '0' });
    await page.getByTestId('run-type').selectOption('sendEmail');
    await page.getByTestId('input-to').fill('not-an-address');
    await page.getByTestId('input-subject').fill('hello');
    // The browser's own email check would stop the submit: the API's must answer too.
    await page.getByTestId('run-form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
    await page.getByTestId('run-submit').click();
    await page.getByTestId('run-result').filter({ hasText: 'Invalid input of "sendEmail"' }).waitFor();
    await expect(page.getByTestId('workers').locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(1);
    await page.reload();
    await page.getByTestId('stats').filter({ hasText: 'failed (5 min)' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('filters the task list by state', async () => {
    await page.getByTestId('filter-state').selectOption('REVOKED');
    await page.locator('tr[data-testid="task-row"]').first().waitFor();
    const states = await page.locator('tr[data-testid="task-row"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.state));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['REVOKED']));
  });

  it('mounts bull-board under /admin/queues', async () => {
    const board = await browser.newPage();
    await board.goto(new URL('/admin/queues', taskql.url).href);
    await board.getByText('default').first().waitFor();
    expect(await board.title()).toContain('taskql queues');
    await board.close();
  });
});

describe('the dashboard of a fleet where no running worker knows a type', () => {
  it('marks such a task in the list, says what it waits for in its detail, and counts it in the stats', async () => {
    // No worker at all: nothing running knows "noop" on queue "default".
    const taskql = await Harness.start({ worker: false });
    const browser = await launchChromium();
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'waits' });
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(new URL('/', taskql.url).href);
      const row = page.locator(`tr[data-id="${runTask.id}"]`);
      await row.getByTestId('waiting-for').waitFor();
      await row.click();
      await page.getByTestId('detail').filter({ hasText: 'Waiting for a worker that runs task type "noop" on queue "default"' }).waitFor();
      await page.getByTestId('stats').filter({ hasText: 'no worker knows the type' }).waitFor();
      const figure = page.getByTestId('stats').locator('.figure', { hasText: 'no worker knows the type' }).locator('strong');
      expect(await figure.textContent()).toBe('1');
      await page.screenshot({ path: `${ARTIFACTS}/dashboard-waiting-for-worker.png`, fullPage: true });
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
      const page = await browser.newPage();
      await page.goto(new URL('/', taskql.url).href);
      await page.getByTestId('sign-in').waitFor();
      await page.getByTestId('token').fill('ops-secret-000000000');
      await page.getByTestId('sign-in').locator('button').click();
      await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
      await page.getByTestId('stats').filter({ hasText: 'running' }).waitFor();
      expect(await page.getByTestId('sign-in').isHidden()).toBe(true);
      const board = await page.goto(new URL('/admin/queues', taskql.url).href);
      expect(board?.status()).toBe(200);
    } finally {
      await browser.close();
      await taskql.stop();
    }
  });
});
