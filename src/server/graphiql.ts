import type { ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';

const DEFAULT_QUERY = `# Welcome to taskql. Run RunDivide (it takes 20 s, reporting progress), copy its id
# into the variables below as { "id": "…" }, then run WatchTask to see the progress
# pushed live, to SUCCESS with result 0.5.

mutation RunDivide($delayMs: Int = 20000) {
  runTask(name: "divide", input: { x: 1, y: 2, delayMs: $delayMs }) {
    id
    state
  }
}

subscription WatchTask($id: ID!) {
  taskUpdated(id: $id) {
    state
    progress { percent message }
    result
    error { name message }
  }
}

query TaskTypes {
  taskTypes { name description inputSchema }
}
`;

/**
 * GraphiQL with its assets inlined (yoga's default page loads them from a CDN), so it works
 * with no internet access. The bundle (~80 MB of RSS) is loaded on first use, and the page
 * (~9 MB, the same for everyone) is rendered once: forty tabs opening at once cost one page.
 */
export function createGraphiqlPage(log: Logger) {
  let page: Promise<Buffer> | undefined;
  return (res: ServerResponse): void => {
    page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) =>
      Buffer.from(renderGraphiQL({ title: 'taskql', subscriptionsProtocol: 'WS', defaultQuery: DEFAULT_QUERY })),
    );
    page.then(
      (body) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-cache' });
        res.end(body);
      },
      (error: unknown) => {
        log.error({ err: error }, 'GraphiQL could not be rendered');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('GraphiQL could not be rendered.\n');
      },
    );
  };
}
