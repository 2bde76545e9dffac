#!/usr/bin/env node
import { CLIENT_COMMANDS, USAGE } from '../cli/usage.ts';

/**
 * The one `taskql` bin: service modes (dev, api, worker), `schema`, and the client commands
 * (CLIENT_COMMANDS). Each part is loaded only when asked for, so a client command
 * does not load the server.
 */
const SERVICE = new Set(['dev', 'api', 'worker']);
const CLIENT = new Set<string>(CLIENT_COMMANDS);

const argv = process.argv.slice(2);
const first = argv[0];
if (first === undefined || first === 'help' || argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(first === undefined ? 2 : 0);
} else if (SERVICE.has(first)) {
  await (await import('../cli/service.ts')).runService(argv);
} else if (first === 'schema') {
  process.exitCode = await (await import('../cli/schema.ts')).runSchema(argv.slice(1));
} else if (CLIENT.has(first) || first.startsWith('-')) {
  process.exit(await (await import('../cli/client.ts')).runClient(argv));
} else {
  console.error(`taskql: unknown mode or command "${first}"\n${USAGE}`);
  process.exit(2);
}
