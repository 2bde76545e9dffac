import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Writes `source` as `dir`/client.ts and type-checks `dir`/tsconfig.json with the repo's tsc:
 * '' when it compiles, else tsc's errors (as a user's compiler would print them).
 */
export async function compileClient(dir: string, source: string): Promise<string> {
  writeFileSync(join(dir, 'client.ts'), source);
  try {
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', join(dir, 'tsconfig.json')]);
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout) || String(error);
  }
}
