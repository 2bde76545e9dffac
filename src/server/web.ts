import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import type { TaskStore } from '../queue/task-store.ts';
import { BULL_BOARD_PATH } from './routes.ts';

/** Where `npm run build:web` (run by `npm install`) puts the dashboard. */
const DASHBOARD = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Everything the API serves besides GraphQL: the dashboard at `/` (static files, no internet
 * needed) and bull-board, a maintained BullMQ dashboard, at /admin/queues for raw queue
 * inspection.
 */
export function createWebApp(store: TaskStore): express.Express {
  const app = express();
  app.disable('x-powered-by');

  const board = new ExpressAdapter();
  board.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: store.queueNames().map((name) => new BullMQAdapter(store.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'taskql queues' } },
  });
  app.use(BULL_BOARD_PATH, board.getRouter());

  if (existsSync(DASHBOARD)) {
    app.use(express.static(DASHBOARD, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('The dashboard is not built: run `npm run build:web` (npm install does it).\n');
    });
  }
  return app;
}

function noCacheForHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
