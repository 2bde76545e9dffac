import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Screenshots of browser tests go here (git-ignored). */
export const ARTIFACTS = 'test/artifacts';

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
