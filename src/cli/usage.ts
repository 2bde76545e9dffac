/** The client commands of `taskql` (src/cli/client.ts runs them); `taskql --help` lists each. */
export const CLIENT_COMMANDS = ['run', 'watch', 'status', 'logs', 'cancel', 'retry', 'ls', 'workers'] as const;

/** `taskql --help`: every mode and command of the one bin. */
export const USAGE = `usage: taskql <mode|command> [...]

Service modes (run taskql; Redis from REDIS_URL, else 127.0.0.1:6379; dev may start its own):
  taskql dev     [--tasks <module>] [--port N] [--host H] [--concurrency N] [--queues a,b]
                 the API and a worker in one process
  taskql api     [--tasks <module>] [--port N] [--host H]
                 the API alone (GraphQL at /graphql, dashboard at /)
  taskql worker  [--tasks <module>] [--concurrency N] [--queues a,b]
                 a worker alone; start as many as you like
  Any mode also takes --inspect[=[host:]port]: a debugger may then hold a task at a
  breakpoint for up to an hour and it stays the same attempt (the worker locks tasks longer).
  --tasks <module> (or TASKQL_TASKS): your task types, the module's default export or its
  \`tasks\` export (an array; for an API, contracts are enough). Without it: the example types.
  A .js/.mjs module runs on any Node; a .ts one needs Node >= 22.18 or a loader (tsx).

Schema:
  taskql schema  [--tasks <module>]            print the GraphQL SDL such a server serves

Client commands (talk to a running API: --url, or TASKQL_URL; TASKQL_TOKEN for auth):
  taskql run <type> ['<json input>'] [--options '<json>']   queue it, follow it, print the result
                                         (Ctrl-C stops following; the task goes on)
  taskql watch <id>                      follow a task with a progress bar until it ends
  taskql status <id>                     the task, as JSON
  taskql logs <id> [--follow]            the lines its handler logged (--follow: until it ends)
  taskql cancel <id>                     revoke it (a running one is aborted by its worker)
  taskql retry <id>                      run a FAILURE or REVOKED task again, same id
  taskql ls [--state STATE] [--name TYPE] [--first N]       recent tasks
  taskql workers                         worker processes
  An <id> may be shortened to a unique prefix, as the dashboard shows it.
  [--url http://localhost:4000/graphql]
Exit codes: 0 success; 1 the task failed or was revoked, or an error; 2 bad usage;
130 stopped by Ctrl-C.`;
