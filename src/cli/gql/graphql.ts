/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type TaskFilter = {
  createdAfter?: string | null | undefined;
  createdBefore?: string | null | undefined;
  /** The task id, or its beginning as the dashboard and the CLI show it (e.g. 8 characters). A whole id is read at once. */
  idPrefix?: string | null | undefined;
  /** A field of the input and the value it must hold. */
  input?: TaskInputMatch | null | undefined;
  /** The task type. */
  name?: string | null | undefined;
  state?: TaskState | null | undefined;
};

/** A field of the task input and what it must hold: give exactly one of equals and contains. */
export type TaskInputMatch = {
  /** A text the field must contain, case-insensitively (other values: their JSON). */
  contains?: string | null | undefined;
  /** The value the field must equal (JSON, key order aside). */
  equals?: unknown;
  /** The field name, or a dotted path into the input (e.g. "options.url"). */
  field: string;
};

/** Options of one runTask call; each unset field falls back to the task type's default. */
export type TaskOptions = {
  /** Attempts in all, the first included. */
  attempts?: number | null | undefined;
  /** Base delay of the exponential backoff (with jitter) between attempts. */
  backoffMs?: number | null | undefined;
  /** Wait this long before the task may start (state SCHEDULED until then). */
  delayMs?: number | null | undefined;
  /** While a task queued with this key is retained, runTask with the same key by the same API token returns that task and queues nothing. Keys are per token: another token's same key is another task. */
  idempotencyKey?: string | null | undefined;
  /** From -999 to 999; higher runs sooner. Default 0. */
  priority?: number | null | undefined;
  /** Start no earlier than this (SCHEDULED until then); a time in the past means now. Not with delayMs. */
  runAt?: string | null | undefined;
  /** Time limit of each attempt; the handler's signal aborts at the limit. */
  timeoutMs?: number | null | undefined;
};

/** PENDING: queued, waiting for a worker. SCHEDULED: waiting for its delay. STARTED: a worker runs it. RETRY: an attempt failed and another will come. SUCCESS, FAILURE and REVOKED are final. */
export type TaskState =
  | 'FAILURE'
  | 'PENDING'
  | 'RETRY'
  | 'REVOKED'
  | 'SCHEDULED'
  | 'STARTED'
  | 'SUCCESS';

export type CliTaskFieldsFragment = { id: string, name: string, state: TaskState, result: unknown, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, worker: string | null, progress: { percent: number, message: string | null } | null, error: { name: string, message: string } | null };

export type CliTaskStatusQueryVariables = Exact<{
  id: string | number;
}>;


export type CliTaskStatusQuery = { task: { input: unknown, logs: Array<string>, id: string, name: string, state: TaskState, result: unknown, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, worker: string | null, progress: { percent: number, message: string | null } | null, error: { name: string, message: string } | null } | null };

export type CliListTasksQueryVariables = Exact<{
  filter?: TaskFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type CliListTasksQuery = { tasks: { nodes: Array<{ id: string, name: string, state: TaskState, result: unknown, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, worker: string | null, progress: { percent: number, message: string | null } | null, error: { name: string, message: string } | null }> } };

export type CliListWorkersQueryVariables = Exact<{ [key: string]: never; }>;


export type CliListWorkersQuery = { workers: Array<{ id: string, hostname: string, pid: number, queues: Array<string>, concurrency: number, active: number, processed: number, failed: number, online: boolean, lastSeenAt: string }> };

export type CliRunTaskMutationVariables = Exact<{
  name: string;
  input?: unknown;
  options?: TaskOptions | null | undefined;
}>;


export type CliRunTaskMutation = { runTask: { id: string, state: TaskState } };

export type CliFollowTaskSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type CliFollowTaskSubscription = { taskUpdated: { id: string, name: string, state: TaskState, result: unknown, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, worker: string | null, progress: { percent: number, message: string | null } | null, error: { name: string, message: string } | null } };

export type CliResolveTaskIdQueryVariables = Exact<{
  id: string | number;
  prefix: string;
}>;


export type CliResolveTaskIdQuery = { task: { id: string } | null, tasks: { nodes: Array<{ id: string }> } };

export type CliTaskNameQueryVariables = Exact<{
  id: string | number;
}>;


export type CliTaskNameQuery = { task: { id: string, name: string } | null };

export type CliTaskLogsQueryVariables = Exact<{
  id: string | number;
}>;


export type CliTaskLogsQuery = { task: { logs: Array<string> } | null };

export type CliFollowLogsSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type CliFollowLogsSubscription = { taskUpdated: { id: string, name: string, state: TaskState, logs: Array<string> } };

export type CliCancelTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type CliCancelTaskMutation = { cancelTask: { id: string, name: string, state: TaskState } };

export type CliRetryTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type CliRetryTaskMutation = { retryTask: { id: string, name: string, state: TaskState } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CliTaskFieldsFragmentDoc = new TypedDocumentString(`
    fragment CliTaskFields on Task {
  id
  name
  state
  progress {
    percent
    message
  }
  result
  error {
    name
    message
  }
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  durationMs
  worker
}
    `, {"fragmentName":"CliTaskFields"}) as unknown as TypedDocumentString<CliTaskFieldsFragment, unknown>;
export const CliTaskStatusDocument = new TypedDocumentString(`
    query CliTaskStatus($id: ID!) {
  task(id: $id) {
    ...CliTaskFields
    input
    logs
  }
}
    fragment CliTaskFields on Task {
  id
  name
  state
  progress {
    percent
    message
  }
  result
  error {
    name
    message
  }
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  durationMs
  worker
}`) as unknown as TypedDocumentString<CliTaskStatusQuery, CliTaskStatusQueryVariables>;
export const CliListTasksDocument = new TypedDocumentString(`
    query CliListTasks($filter: TaskFilter, $first: Int) {
  tasks(filter: $filter, first: $first) {
    nodes {
      ...CliTaskFields
    }
  }
}
    fragment CliTaskFields on Task {
  id
  name
  state
  progress {
    percent
    message
  }
  result
  error {
    name
    message
  }
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  durationMs
  worker
}`) as unknown as TypedDocumentString<CliListTasksQuery, CliListTasksQueryVariables>;
export const CliListWorkersDocument = new TypedDocumentString(`
    query CliListWorkers {
  workers {
    id
    hostname
    pid
    queues
    concurrency
    active
    processed
    failed
    online
    lastSeenAt
  }
}
    `) as unknown as TypedDocumentString<CliListWorkersQuery, CliListWorkersQueryVariables>;
export const CliRunTaskDocument = new TypedDocumentString(`
    mutation CliRunTask($name: String!, $input: JSON, $options: TaskOptions) {
  runTask(name: $name, input: $input, options: $options) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<CliRunTaskMutation, CliRunTaskMutationVariables>;
export const CliFollowTaskDocument = new TypedDocumentString(`
    subscription CliFollowTask($id: ID!) {
  taskUpdated(id: $id) {
    ...CliTaskFields
  }
}
    fragment CliTaskFields on Task {
  id
  name
  state
  progress {
    percent
    message
  }
  result
  error {
    name
    message
  }
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  durationMs
  worker
}`) as unknown as TypedDocumentString<CliFollowTaskSubscription, CliFollowTaskSubscriptionVariables>;
export const CliResolveTaskIdDocument = new TypedDocumentString(`
    query CliResolveTaskId($id: ID!, $prefix: String!) {
  task(id: $id) {
    id
  }
  tasks(filter: {idPrefix: $prefix}, first: 3) {
    nodes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CliResolveTaskIdQuery, CliResolveTaskIdQueryVariables>;
export const CliTaskNameDocument = new TypedDocumentString(`
    query CliTaskName($id: ID!) {
  task(id: $id) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CliTaskNameQuery, CliTaskNameQueryVariables>;
export const CliTaskLogsDocument = new TypedDocumentString(`
    query CliTaskLogs($id: ID!) {
  task(id: $id) {
    logs
  }
}
    `) as unknown as TypedDocumentString<CliTaskLogsQuery, CliTaskLogsQueryVariables>;
export const CliFollowLogsDocument = new TypedDocumentString(`
    subscription CliFollowLogs($id: ID!) {
  taskUpdated(id: $id) {
    id
    name
    state
    logs
  }
}
    `) as unknown as TypedDocumentString<CliFollowLogsSubscription, CliFollowLogsSubscriptionVariables>;
export const CliCancelTaskDocument = new TypedDocumentString(`
    mutation CliCancelTask($id: ID!) {
  cancelTask(id: $id) {
    id
    name
    state
  }
}
    `) as unknown as TypedDocumentString<CliCancelTaskMutation, CliCancelTaskMutationVariables>;
export const CliRetryTaskDocument = new TypedDocumentString(`
    mutation CliRetryTask($id: ID!) {
  retryTask(id: $id) {
    id
    name
    state
  }
}
    `) as unknown as TypedDocumentString<CliRetryTaskMutation, CliRetryTaskMutationVariables>;