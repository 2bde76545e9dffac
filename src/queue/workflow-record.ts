import { isTerminal, type TaskError, type TaskRecord, type TaskLocation, type TaskState } from './task-record.ts';

export const WORKFLOW_KINDS = ['CHAIN', 'GROUP', 'CHORD'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];

/** What is stored of a workflow (the steps themselves are tasks). */
export interface WorkflowMeta {
  id: string;
  kind: WorkflowKind;
  createdAt: Date;
  /** The steps clients see, in order (a chord's callback last). */
  tasks: TaskLocation[];
  /** The task whose result is the workflow's: a chain's last step, a chord's callback, a group's collector. */
  root: TaskLocation;
  cancelled: boolean;
  /** The API token (name) that created it, when auth is on. */
  owner?: string;
}

export interface WorkflowRecord {
  id: string;
  kind: WorkflowKind;
  state: TaskState;
  tasks: TaskRecord[];
  result: unknown;
  error: TaskError | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * A workflow's state from its steps': a failed step fails it; otherwise a revoked step (or
 * cancelWorkflow) revokes it; it succeeds with its root; it is STARTED once any step has
 * started, and PENDING before.
 */
export function toWorkflowRecord(meta: WorkflowMeta, tasks: ReadonlyMap<string, TaskRecord>): WorkflowRecord {
  const steps = meta.tasks.map((ref) => tasks.get(ref.id)).filter((task) => task !== undefined);
  const root = tasks.get(meta.root.id);
  const all = root && !steps.includes(root) ? [...steps, root] : steps;
  const failed = all.find((task) => task.state === 'FAILURE');
  const revoked = all.find((task) => task.state === 'REVOKED');

  let state: TaskState;
  if (failed) state = 'FAILURE';
  else if (revoked || meta.cancelled) state = 'REVOKED';
  else if (root?.state === 'SUCCESS') state = 'SUCCESS';
  else if (all.some((task) => task.state !== 'PENDING' && task.state !== 'SCHEDULED')) state = 'STARTED';
  else state = 'PENDING';

  const finished = all.map((task) => task.finishedAt?.getTime() ?? 0);
  return {
    id: meta.id,
    kind: meta.kind,
    state,
    tasks: steps,
    result: state === 'SUCCESS' ? (root?.result ?? null) : null,
    error: (failed ?? revoked)?.error ?? null,
    createdAt: meta.createdAt,
    finishedAt: isTerminal(state) && finished.length > 0 ? new Date(Math.max(...finished)) : null,
  };
}
