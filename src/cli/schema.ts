import { printSchema } from 'graphql';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { schemaFor } from '../schema/index.ts';
import { registryFor, TaskTypeError } from '../tasks/index.ts';
import { configOf, tasksOf } from './service.ts';
import { TaskModuleError } from './load-tasks.ts';

/** `taskql schema [--tasks <module>]`: the SDL a server with those task types serves, on stdout. */
export async function runSchema(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, allowPositionals: true, options: { tasks: { type: 'string', short: 't' } } });
    const config = configOf(values);
    const { tasks, tasksSource } = await tasksOf(config, false);
    process.stdout.write(printSchema(schemaFor(registryFor(tasks, tasksSource))) + '\n');
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof TaskModuleError || error instanceof TaskTypeError)) throw error;
    console.error(`taskql: ${error.message}`);
    return 1;
  }
}
