import type { Worker } from 'bullmq';
import { TASKQL_FIELDS } from '../redis/fields.ts';

/** BullMQ's scripts that take a job for a worker, answering [its whole hash, its id, …]. */
const TAKES_A_JOB = new Set(['moveToActive', 'moveToFinished']);

type Backend = { execCommand(client: unknown, name: string, args: unknown[]): unknown };

/**
 * Notes taskql's cancel mark of each job `worker` takes, from the job hash BullMQ's own script
 * answers then (moveToActive, or moveToFinished fetching the next job: both HGETALL it, and
 * BullMQ keeps only its own fields). So a task that cancelTask marked while no worker held it
 * (its worker died) is revoked before its handler runs, with no read of its own: a round trip
 * before each handler would be half of a short task's time in its slot.
 * Answers `taken(id)`: whether the job was marked when taken (asked once per take).
 */
export function watchCancelMarks(worker: Worker): { marked(jobId: string): boolean } {
  const marked = new Set<string>();
  const backend = worker.backend as unknown as Backend;
  const execCommand = backend.execCommand.bind(backend);
  backend.execCommand = (client, name, args) => {
    const reply = execCommand(client, name, args);
    // Inside a MULTI the reply is the transaction itself (nothing to read yet).
    if (!TAKES_A_JOB.has(name) || typeof (reply as Promise<unknown>)?.then !== 'function') return reply;
    return (reply as Promise<unknown>).then((raw) => {
      const [hash, id] = Array.isArray(raw) ? (raw as [unknown, unknown]) : [];
      if (Array.isArray(hash) && typeof id === 'string') {
        for (let i = 0; i < hash.length; i += 2) if (hash[i] === TASKQL_FIELDS.cancelRequested) marked.add(id);
      }
      return raw;
    });
  };
  return { marked: (jobId) => marked.delete(jobId) };
}
