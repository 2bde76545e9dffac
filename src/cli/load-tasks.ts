import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A `--tasks` module that cannot be found, loaded or read: start-up fails with one line. */
export class TaskModuleError extends Error {
  override name = 'TaskModuleError';
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/**
 * Imports the user's task module (`--tasks`, TASKQL_TASKS), a path relative to `cwd` or a
 * package name, and returns its task types: the default export, or the `tasks` export, an
 * array. The entries are checked by the registry, which names a malformed one.
 */
export async function loadTasks(specifier: string, cwd = process.cwd()): Promise<unknown[]> {
  const file = locate(specifier, cwd);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new TaskModuleError(loadFailure(specifier, file, error), { cause: error });
  }
  const tasks = [module.default, module.tasks, (module.default as { tasks?: unknown } | undefined)?.tasks].find(Array.isArray);
  if (tasks) return tasks as unknown[];
  const found = 'default' in module || 'tasks' in module ? 'neither its default export nor its `tasks` export is an array' : 'it has no default export and no `tasks` export';
  throw new TaskModuleError(
    `the tasks module ${specifier} gives no task types: ${found}; write \`export default [myTask, …]\``,
  );
}

function locate(specifier: string, cwd: string): string {
  const path = resolve(cwd, specifier);
  if (existsSync(path)) return path;
  if (!/^[./]/.test(specifier)) {
    // A package name (or a file of one), resolved from the working directory as a user's own code would be.
    try {
      return createRequire(join(cwd, 'package.json')).resolve(specifier);
    } catch {
      // reported below
    }
  }
  throw new TaskModuleError(`cannot find the tasks module ${specifier} (no file ${path})`);
}

function loadFailure(specifier: string, file: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (TYPESCRIPT.has(extname(file)) && code === 'ERR_UNKNOWN_FILE_EXTENSION') {
    return (
      `cannot load ${specifier}: Node ${process.version} does not run TypeScript by itself; use Node >= 22.18 ` +
      '(it strips types), or a loader (NODE_OPTIONS="--import tsx" with tsx installed), or compile it to .js'
    );
  }
  if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
    return (
      `cannot load ${specifier}: it uses TypeScript that Node's type stripping cannot run (enums, namespaces, ` +
      'parameter properties); use a loader (NODE_OPTIONS="--import tsx") or compile it to .js'
    );
  }
  return `the tasks module ${specifier} failed to load: ${(error as Error).stack ?? String(error)}`;
}
