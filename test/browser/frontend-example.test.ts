import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, DOCS_SCREENSHOTS, launchChromium } from '../support/browser.ts';
import { Harness } from '../support/taskql.ts';

const exec = promisify(execFile);
const TOKEN = 'frontend-run-token-0001';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A static file server for the built page: the frontend's own origin, not taskql's. */
async function servePage(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      const file = join(dir, path === '/' ? 'index.html' : path.replace(/\.\.+/g, ''));
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * examples/frontend as its user runs it: built with its own `npm run build` (codegen, tsc, Vite),
 * served from another origin than taskql's, allowed by CORS_ORIGINS, in a real Chromium.
 */
describe('the frontend example in a browser', () => {
  let taskql: Harness;
  let browser: Browser;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let dist: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dist = mkdtempSync(join(tmpdir(), 'taskql-frontend-'));
    [allowed, other] = await Promise.all([servePage(dist), servePage(dist)]);
    // Tokens on: no page of another origin may call the API unless CORS_ORIGINS names it.
    taskql = await Harness.start({
      tokens: [{ name: 'frontend', token: TOKEN, scopes: ['read', 'run'] }],
      origins: { corsOrigins: [allowed.origin] },
    });
    await exec('npm', ['run', 'build', '--', '--outDir', dist, '--emptyOutDir'], {
      cwd: 'examples/frontend',
      env: { ...process.env, VITE_TASKQL_URL: taskql.url, VITE_TASKQL_TOKEN: TOKEN },
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await taskql?.stop();
    allowed?.server.close();
    other?.server.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  const pageErrors: string[] = [];
  const open = async (origin: string, width: number): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 700 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(origin);
    return page;
  };

  it('runs divide from a page of an allowed origin and shows its progress bar live to SUCCESS', async () => {
    const page = await open(allowed.origin, 1024);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.fill('input[name=x]', '3');
    await page.fill('input[name=y]', '4');
    await page.fill('input[name=seconds]', '2');
    await page.click('button[type=submit]');

    // A report between 0 and 100 reaches the bar while the task runs (pushed, not polled).
    await page.waitForFunction(() => {
      const bar = document.querySelector<HTMLProgressElement>('#task-progress')!;
      return document.querySelector('#task-state')?.textContent === 'STARTED' && bar.value > 0 && bar.value < 100;
    });
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}/frontend-example.png` });
    await page.locator('#task-state', { hasText: 'SUCCESS' }).waitFor();
    expect(await page.textContent('#task-result')).toBe('x / y = 0.75');
    expect(await page.$eval('#task-progress', (bar) => (bar as HTMLProgressElement).value)).toBe(100);
    expect(await page.isHidden('#error')).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(sockets).toEqual([taskql.wsUrl]);

    // The task the page ran is the API's, with the typed input it sent.
    const id = (await page.textContent('#task-id'))!;
    const response = await fetch(taskql.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: 'query($id: ID!) { divideTask(id: $id) { state input { x y delayMs } result } }', variables: { id } }),
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({
      divideTask: { state: 'SUCCESS', input: { x: 3, y: 4, delayMs: 2000 }, result: 0.75 },
    });
    await page.close();
  });

  it('fits a phone: the form and the bar within 390 px', async () => {
    const page = await open(allowed.origin, 390);
    await page.click('button[type=submit]');
    await page.locator('#task-state', { hasText: 'SUCCESS' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.textContent('#task-result')).toBe('x / y = 0.5');
    await page.screenshot({ path: `${ARTIFACTS}/frontend-example-390.png` });
    await page.close();
  });

  it('is refused from an origin CORS_ORIGINS does not name: an error on the page, nothing queued', async () => {
    const page = await open(other.origin, 1024);
    const before = await taskql.queue().count();
    await page.click('button[type=submit]');
    await page.locator('#error').waitFor();
    expect(await page.textContent('#error')).toMatch(/fetch/i);
    expect(await page.isHidden('#task')).toBe(true);
    expect(await taskql.queue().count()).toBe(before);
    await page.close();
  });
});
