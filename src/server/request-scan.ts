import type { ServerResponse } from 'node:http';
import type { ScanBudget } from '../resolvers/list-tasks.ts';

/**
 * A request's scan budget. Its signal aborts when the client goes away before the answer is
 * sent (the connection closed with the response unfinished), so list fields stop reading; it is
 * made only when a list field asks for it, so other requests pay nothing for it.
 */
export function requestScan(max: number, res: ServerResponse | undefined): ScanBudget {
  let signal: AbortSignal | undefined;
  return {
    remaining: max,
    get signal() {
      if (!res || signal) return signal;
      const controller = new AbortController();
      const gone = () => !res.writableFinished && controller.abort(new Error('the client went away'));
      if (res.closed) gone();
      else res.once('close', gone);
      return (signal = controller.signal);
    },
  };
}
