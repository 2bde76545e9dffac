/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How far back a stats history reaches. */
export type StatsWindow =
  /** The last 24 hours, in 5-minute buckets by default. */
  | 'DAY'
  /** The last 60 minutes, in 1-minute buckets by default. */
  | 'HOUR';

/** RETRY applies to FAILURE and REVOKED tasks; CANCEL to unfinished ones. */
export type TaskBulkAction =
  | 'CANCEL'
  | 'RETRY';

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

/** The order of a task list. */
export type TaskOrder =
  /** Finished tasks by their last attempt's runtime (durationMs), longest first. */
  | 'LONGEST_FIRST'
  /** By creation time, newest first (the default). */
  | 'NEWEST_FIRST'
  /** By creation time, oldest first. */
  | 'OLDEST_FIRST'
  /** Finished tasks by their last attempt's runtime (durationMs), shortest first. */
  | 'SHORTEST_FIRST';

/** PENDING: queued, waiting for a worker. SCHEDULED: waiting for its delay. STARTED: a worker runs it. RETRY: an attempt failed and another will come. SUCCESS, FAILURE and REVOKED are final. */
export type TaskState =
  | 'FAILURE'
  | 'PENDING'
  | 'RETRY'
  | 'REVOKED'
  | 'SCHEDULED'
  | 'STARTED'
  | 'SUCCESS';

/** CHAIN: steps in order. GROUP: steps in parallel. CHORD: a group, then a callback step. */
export type WorkflowKind =
  | 'CHAIN'
  | 'CHORD'
  | 'GROUP';

export type TaskRowFragment = { id: string, name: string, queue: string, state: TaskState, attempts: number, maxAttempts: number, createdAt: string, durationMs: number | null, waitingFor: string | null, progress: { percent: number, message: string | null } | null };

export type DashboardTasksQueryVariables = Exact<{
  filter?: TaskFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  order?: TaskOrder | null | undefined;
}>;


export type DashboardTasksQuery = { tasks: { nodes: Array<{ id: string, name: string, queue: string, state: TaskState, attempts: number, maxAttempts: number, createdAt: string, durationMs: number | null, waitingFor: string | null, progress: { percent: number, message: string | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashboardTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardTaskQuery = { task: { input: unknown, result: unknown, errorStack: string | null, logs: Array<string>, worker: string | null, startedAt: string | null, finishedAt: string | null, workflowId: string | null, owner: string | null, id: string, name: string, queue: string, state: TaskState, attempts: number, maxAttempts: number, createdAt: string, durationMs: number | null, waitingFor: string | null, error: { name: string, message: string } | null, timeline: Array<{ state: TaskState, at: string, attempt: number | null, worker: string | null, note: string | null, percent: number | null }>, progress: { percent: number, message: string | null } | null } | null };

export type DashboardTaskUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardTaskUpdatedSubscription = { taskUpdated: { id: string, state: TaskState, attempts: number, progress: { percent: number, message: string | null } | null } };

export type DashboardTaskEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardTaskEventsSubscription = { taskEvents: { id: string, name: string, state: TaskState | null, attempts: number | null, progress: { percent: number, message: string | null } | null } };

export type DashboardTaskTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardTaskTypesQuery = { taskTypes: Array<{ name: string, description: string, inputSchema: unknown }> };

export type DashboardRunTaskMutationVariables = Exact<{
  name: string;
  input?: unknown;
}>;


export type DashboardRunTaskMutation = { runTask: { id: string } };

export type DashboardCancelTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardCancelTaskMutation = { cancelTask: { id: string, state: TaskState } };

export type DashboardRetryTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardRetryTaskMutation = { retryTask: { id: string, state: TaskState } };

export type DashboardTaskCountQueryVariables = Exact<{
  filter: TaskFilter;
  action: TaskBulkAction;
}>;


export type DashboardTaskCountQuery = { taskCount: { count: number, complete: boolean } };

export type DashboardRetryTasksMutationVariables = Exact<{
  filter: TaskFilter;
}>;


export type DashboardRetryTasksMutation = { retryTasks: { matched: number, changed: number, skipped: number, complete: boolean } };

export type DashboardCancelTasksMutationVariables = Exact<{
  filter: TaskFilter;
}>;


export type DashboardCancelTasksMutation = { cancelTasks: { matched: number, changed: number, skipped: number, complete: boolean } };

export type DashboardOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardOverviewQuery = { stats: { total: { failureRate: number | null, succeeded: { last5m: number }, failed: { last5m: number }, live: { pending: number, started: number, retry: number, scheduled: number, awaitingWorker: number } }, queues: Array<{ name: string, paused: boolean, depth: number, oldestWaitingMs: number | null, completed: number, failed: number, live: { pending: number, started: number, retry: number, scheduled: number, awaitingWorker: number } }> } };

export type DashboardWorkersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardWorkersQuery = { workers: Array<{ id: string, hostname: string, pid: number, concurrency: number, queues: Array<string>, taskTypes: Array<string>, active: number, processed: number, failed: number, online: boolean, startedAt: string, lastSeenAt: string }> };

export type DashboardPauseQueueMutationVariables = Exact<{
  name: string;
}>;


export type DashboardPauseQueueMutation = { pauseQueue: { name: string, paused: boolean } };

export type DashboardResumeQueueMutationVariables = Exact<{
  name: string;
}>;


export type DashboardResumeQueueMutation = { resumeQueue: { name: string, paused: boolean } };

export type DashboardDrainQueueMutationVariables = Exact<{
  name: string;
}>;


export type DashboardDrainQueueMutation = { drainQueue: number };

export type WorkflowViewFragment = { id: string, kind: WorkflowKind, state: TaskState, createdAt: string, finishedAt: string | null, error: { name: string, message: string } | null, tasks: Array<{ id: string, name: string, state: TaskState, progress: { percent: number } | null }> };

export type DashboardWorkflowsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardWorkflowsQuery = { workflows: Array<{ id: string, kind: WorkflowKind, state: TaskState, createdAt: string, finishedAt: string | null, error: { name: string, message: string } | null, tasks: Array<{ id: string, name: string, state: TaskState, progress: { percent: number } | null }> }> };

export type DashboardWorkflowQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardWorkflowQuery = { workflow: { id: string, kind: WorkflowKind, state: TaskState, createdAt: string, finishedAt: string | null, error: { name: string, message: string } | null, tasks: Array<{ id: string, name: string, state: TaskState, progress: { percent: number } | null }> } | null };

export type DashboardWorkflowUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardWorkflowUpdatedSubscription = { workflowUpdated: { id: string, kind: WorkflowKind, state: TaskState, createdAt: string, finishedAt: string | null, error: { name: string, message: string } | null, tasks: Array<{ id: string, name: string, state: TaskState, progress: { percent: number } | null }> } };

export type DashboardHistoryQueryVariables = Exact<{
  window: StatsWindow;
}>;


export type DashboardHistoryQuery = { stats: { history: { window: StatsWindow, bucketMinutes: number, buckets: Array<{ at: string, succeeded: number, failed: number, revoked: number, failureRate: number | null, runtimeP50Ms: number | null, runtimeP95Ms: number | null }> } } };

export type DashboardSchedulesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardSchedulesQuery = { schedules: Array<{ id: string, name: string, queue: string, cron: string | null, everyMs: number | null, timezone: string | null, input: unknown, nextRunAt: string | null, lastTask: { id: string, state: TaskState, createdAt: string, finishedAt: string | null } | null }> };

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
export const TaskRowFragmentDoc = new TypedDocumentString(`
    fragment TaskRow on Task {
  id
  name
  queue
  state
  progress {
    percent
    message
  }
  attempts
  maxAttempts
  createdAt
  durationMs
  waitingFor
}
    `, {"fragmentName":"TaskRow"}) as unknown as TypedDocumentString<TaskRowFragment, unknown>;
export const WorkflowViewFragmentDoc = new TypedDocumentString(`
    fragment WorkflowView on Workflow {
  id
  kind
  state
  createdAt
  finishedAt
  error {
    name
    message
  }
  tasks {
    id
    name
    state
    progress {
      percent
    }
  }
}
    `, {"fragmentName":"WorkflowView"}) as unknown as TypedDocumentString<WorkflowViewFragment, unknown>;
export const DashboardTasksDocument = new TypedDocumentString(`
    query DashboardTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {
  tasks(filter: $filter, first: $first, after: $after, order: $order) {
    nodes {
      ...TaskRow
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment TaskRow on Task {
  id
  name
  queue
  state
  progress {
    percent
    message
  }
  attempts
  maxAttempts
  createdAt
  durationMs
  waitingFor
}`) as unknown as TypedDocumentString<DashboardTasksQuery, DashboardTasksQueryVariables>;
export const DashboardTaskDocument = new TypedDocumentString(`
    query DashboardTask($id: ID!) {
  task(id: $id) {
    ...TaskRow
    input
    result
    error {
      name
      message
    }
    errorStack
    logs
    worker
    startedAt
    finishedAt
    workflowId
    owner
    timeline {
      state
      at
      attempt
      worker
      note
      percent
    }
  }
}
    fragment TaskRow on Task {
  id
  name
  queue
  state
  progress {
    percent
    message
  }
  attempts
  maxAttempts
  createdAt
  durationMs
  waitingFor
}`) as unknown as TypedDocumentString<DashboardTaskQuery, DashboardTaskQueryVariables>;
export const DashboardTaskUpdatedDocument = new TypedDocumentString(`
    subscription DashboardTaskUpdated($id: ID!) {
  taskUpdated(id: $id) {
    id
    state
    attempts
    progress {
      percent
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardTaskUpdatedSubscription, DashboardTaskUpdatedSubscriptionVariables>;
export const DashboardTaskEventsDocument = new TypedDocumentString(`
    subscription DashboardTaskEvents {
  taskEvents {
    id
    name
    state
    attempts
    progress {
      percent
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardTaskEventsSubscription, DashboardTaskEventsSubscriptionVariables>;
export const DashboardTaskTypesDocument = new TypedDocumentString(`
    query DashboardTaskTypes {
  taskTypes {
    name
    description
    inputSchema
  }
}
    `) as unknown as TypedDocumentString<DashboardTaskTypesQuery, DashboardTaskTypesQueryVariables>;
export const DashboardRunTaskDocument = new TypedDocumentString(`
    mutation DashboardRunTask($name: String!, $input: JSON) {
  runTask(name: $name, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<DashboardRunTaskMutation, DashboardRunTaskMutationVariables>;
export const DashboardCancelTaskDocument = new TypedDocumentString(`
    mutation DashboardCancelTask($id: ID!) {
  cancelTask(id: $id) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<DashboardCancelTaskMutation, DashboardCancelTaskMutationVariables>;
export const DashboardRetryTaskDocument = new TypedDocumentString(`
    mutation DashboardRetryTask($id: ID!) {
  retryTask(id: $id) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<DashboardRetryTaskMutation, DashboardRetryTaskMutationVariables>;
export const DashboardTaskCountDocument = new TypedDocumentString(`
    query DashboardTaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {
  taskCount(filter: $filter, action: $action) {
    count
    complete
  }
}
    `) as unknown as TypedDocumentString<DashboardTaskCountQuery, DashboardTaskCountQueryVariables>;
export const DashboardRetryTasksDocument = new TypedDocumentString(`
    mutation DashboardRetryTasks($filter: TaskFilter!) {
  retryTasks(filter: $filter) {
    matched
    changed
    skipped
    complete
  }
}
    `) as unknown as TypedDocumentString<DashboardRetryTasksMutation, DashboardRetryTasksMutationVariables>;
export const DashboardCancelTasksDocument = new TypedDocumentString(`
    mutation DashboardCancelTasks($filter: TaskFilter!) {
  cancelTasks(filter: $filter) {
    matched
    changed
    skipped
    complete
  }
}
    `) as unknown as TypedDocumentString<DashboardCancelTasksMutation, DashboardCancelTasksMutationVariables>;
export const DashboardOverviewDocument = new TypedDocumentString(`
    query DashboardOverview {
  stats {
    total {
      succeeded {
        last5m
      }
      failed {
        last5m
      }
      failureRate
      live {
        pending
        started
        retry
        scheduled
        awaitingWorker
      }
    }
    queues {
      name
      paused
      depth
      oldestWaitingMs
      completed
      failed
      live {
        pending
        started
        retry
        scheduled
        awaitingWorker
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardOverviewQuery, DashboardOverviewQueryVariables>;
export const DashboardWorkersDocument = new TypedDocumentString(`
    query DashboardWorkers {
  workers {
    id
    hostname
    pid
    concurrency
    queues
    taskTypes
    active
    processed
    failed
    online
    startedAt
    lastSeenAt
  }
}
    `) as unknown as TypedDocumentString<DashboardWorkersQuery, DashboardWorkersQueryVariables>;
export const DashboardPauseQueueDocument = new TypedDocumentString(`
    mutation DashboardPauseQueue($name: String!) {
  pauseQueue(name: $name) {
    name
    paused
  }
}
    `) as unknown as TypedDocumentString<DashboardPauseQueueMutation, DashboardPauseQueueMutationVariables>;
export const DashboardResumeQueueDocument = new TypedDocumentString(`
    mutation DashboardResumeQueue($name: String!) {
  resumeQueue(name: $name) {
    name
    paused
  }
}
    `) as unknown as TypedDocumentString<DashboardResumeQueueMutation, DashboardResumeQueueMutationVariables>;
export const DashboardDrainQueueDocument = new TypedDocumentString(`
    mutation DashboardDrainQueue($name: String!) {
  drainQueue(name: $name)
}
    `) as unknown as TypedDocumentString<DashboardDrainQueueMutation, DashboardDrainQueueMutationVariables>;
export const DashboardWorkflowsDocument = new TypedDocumentString(`
    query DashboardWorkflows {
  workflows(first: 50) {
    ...WorkflowView
  }
}
    fragment WorkflowView on Workflow {
  id
  kind
  state
  createdAt
  finishedAt
  error {
    name
    message
  }
  tasks {
    id
    name
    state
    progress {
      percent
    }
  }
}`) as unknown as TypedDocumentString<DashboardWorkflowsQuery, DashboardWorkflowsQueryVariables>;
export const DashboardWorkflowDocument = new TypedDocumentString(`
    query DashboardWorkflow($id: ID!) {
  workflow(id: $id) {
    ...WorkflowView
  }
}
    fragment WorkflowView on Workflow {
  id
  kind
  state
  createdAt
  finishedAt
  error {
    name
    message
  }
  tasks {
    id
    name
    state
    progress {
      percent
    }
  }
}`) as unknown as TypedDocumentString<DashboardWorkflowQuery, DashboardWorkflowQueryVariables>;
export const DashboardWorkflowUpdatedDocument = new TypedDocumentString(`
    subscription DashboardWorkflowUpdated($id: ID!) {
  workflowUpdated(id: $id) {
    ...WorkflowView
  }
}
    fragment WorkflowView on Workflow {
  id
  kind
  state
  createdAt
  finishedAt
  error {
    name
    message
  }
  tasks {
    id
    name
    state
    progress {
      percent
    }
  }
}`) as unknown as TypedDocumentString<DashboardWorkflowUpdatedSubscription, DashboardWorkflowUpdatedSubscriptionVariables>;
export const DashboardHistoryDocument = new TypedDocumentString(`
    query DashboardHistory($window: StatsWindow!) {
  stats {
    history(window: $window) {
      window
      bucketMinutes
      buckets {
        at
        succeeded
        failed
        revoked
        failureRate
        runtimeP50Ms
        runtimeP95Ms
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardHistoryQuery, DashboardHistoryQueryVariables>;
export const DashboardSchedulesDocument = new TypedDocumentString(`
    query DashboardSchedules {
  schedules {
    id
    name
    queue
    cron
    everyMs
    timezone
    input
    nextRunAt
    lastTask {
      id
      state
      createdAt
      finishedAt
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSchedulesQuery, DashboardSchedulesQueryVariables>;