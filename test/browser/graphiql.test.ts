import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, DOCS_SCREENSHOTS, launchChromium } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../support/taskql.ts';

/** What a newcomer does first: GraphiQL in a real browser, with no internet access. */
describe('GraphiQL in a browser', () => {
  let taskql: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    taskql = await Harness.start();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await taskql?.stop();
  });

  const response = () => page.locator('.graphiql-response');
  /** Waits until the result pane matches (Monaco renders spaces as no-break spaces: use \s). */
  const resultMatches = (pattern: RegExp) =>
    page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('.graphiql-response')?.textContent ?? ''),
      pattern.source,
    );
  const runOperation = async (name: string) => {
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.locator('.graphiql-dropdown-item', { hasText: name }).click();
  };

  it('loads without reaching the internet', async () => {
    const outside: string[] = [];
    page.on('request', (request) => {
      const { hostname, protocol } = new URL(request.url());
      if (/^https?:$/.test(protocol) && hostname !== '127.0.0.1') outside.push(request.url());
    });
    await page.goto(taskql.url);
    await page.getByRole('button', { name: /Execute query/ }).waitFor();
    expect(await page.title()).toBe('taskql');
    expect(outside).toEqual([]);
  });

  it('loads the schema: the docs explorer lists the root fields (introspection within the default limits)', async () => {
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('taskTypes', { exact: true }).first().waitFor();
    expect(await page.getByText('Error fetching schema').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/graphiql-docs.png` });
    await page.getByRole('button', { name: /Hide Documentation Explorer/i }).click();
  });

  it('runs divide(1, 2) from the default document and watches it reach SUCCESS 0.5 live', async () => {
    await runOperation('RunDivide');
    await resultMatches(/"id":\s*"/);
    const id = /"id":\s*"([^"]+)"/.exec((await response().textContent()) ?? '')![1]!;

    await page.locator('.graphiql-editor-tool .graphiql-editor').first().click();
    await page.keyboard.insertText(JSON.stringify({ id }));
    await runOperation('WatchTask');

    await resultMatches(/"state":\s*"STARTED"[\s\S]*"percent":\s*\d+/);
    await page.screenshot({ path: `${ARTIFACTS}/graphiql-progress.png` });
    await resultMatches(/"state":\s*"SUCCESS"/);
    await page.screenshot({ path: `${ARTIFACTS}/graphiql-success.png` });
    const final = ((await response().textContent()) ?? '').replace(/\s+/g, ' ');
    expect(final).toContain('"result": 0.5');
    expect(final).toContain('"percent": 100');
  });

  it('shows typed input and result for each task type in the docs, and runs divide through runDivide with a number as result', async () => {
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    // Back to the root, then Mutation → runDivide → DivideTask.
    while ((await docs.locator('.graphiql-doc-explorer-back').count()) > 0) await docs.locator('.graphiql-doc-explorer-back').first().click();
    await docs.getByText('Mutation', { exact: true }).first().click();
    await docs.getByText('runDivide', { exact: true }).first().click();
    const typeName = (name: string) => docs.locator('.graphiql-doc-explorer-type-name', { hasText: new RegExp(`^${name}$`) }).first();
    await typeName('DivideInput').waitFor();
    await typeName('DivideTask').click();
    await typeName('DivideInputData').waitFor();
    const explorer = (await docs.textContent()) ?? '';
    expect(explorer).toMatch(/result\s*:?\s*Float/);
    mkdirSync('docs', { recursive: true });
    // Tall enough to show every field of DivideTask, result: Float among them.
    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}/graphiql-typed-docs.png` });
    await page.setViewportSize({ width: 1400, height: 800 });
    await page.getByRole('button', { name: /Hide Documentation Explorer/i }).click();

    const query = page.locator('.graphiql-query-editor .monaco-editor').first();
    await query.click();
    await page.keyboard.press('ControlOrMeta+A');
    // One line: Monaco would indent and close braces after each newline.
    await page.keyboard.insertText(
      'mutation RunTyped { runDivide(input: { x: 1, y: 4, delayMs: 0 }) { id } } ' +
        'subscription FollowTyped($id: ID!) { divideUpdated(id: $id) { state input { x y } result } }',
    );
    await page.getByRole('button', { name: /Prettify query/i }).click();
    await runOperation('RunTyped');
    await resultMatches(/"runDivide":[\s\S]*"id":\s*"/);
    const id = /"id":\s*"([^"]+)"/.exec((await response().textContent()) ?? '')![1]!;
    await page.locator('.graphiql-editor-tool .graphiql-editor').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText(JSON.stringify({ id }));
    await runOperation('FollowTyped');
    await resultMatches(/"state":\s*"SUCCESS"/);
    const final = ((await response().textContent()) ?? '').replace(/\s+/g, ' ');
    expect(final).toContain('"result": 0.25');
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}/graphiql-typed-run.png` });
  });
});
