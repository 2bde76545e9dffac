// A stand-in for a heavy dependency (an image library, a PDF renderer, a database driver):
// only the worker should load it. It says so when it is loaded, so a test can tell.
import { setTimeout as sleep } from 'node:timers/promises';

process.stderr.write(`report renderer loaded (pid ${process.pid})\n`);

/** One row as a line, after a moment of "work". */
export async function renderRow({ label, value }, signal) {
  await sleep(20, undefined, { signal });
  return `${label.padEnd(20, '.')} ${value}`;
}
