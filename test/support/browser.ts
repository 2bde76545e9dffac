import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Screenshots of browser tests go here (git-ignored). */
export const ARTIFACTS = 'test/artifacts';

/**
 * Where the screenshots shown in docs/ are written: test/artifacts unless UPDATE_DOCS_SCREENSHOTS
 * is set (`UPDATE_DOCS_SCREENSHOTS=1 npm run test:browser`), so that a test run leaves the
 * checkout as it was.
 */
export const DOCS_SCREENSHOTS = process.env.UPDATE_DOCS_SCREENSHOTS ? 'docs' : ARTIFACTS;

const CHROMIUM_PATHS = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Headless Chromium from the system (playwright-core downloads no browser). */
export function launchChromium(): Promise<Browser> {
  const executablePath = CHROMIUM_PATHS.find((path) => path && existsSync(path));
  if (!executablePath) {
    throw new Error('No Chromium for the browser tests: apt-get install chromium, or set CHROMIUM_PATH to a Chrome/Chromium binary.');
  }
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
