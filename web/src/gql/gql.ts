/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment TaskRow on Task {\n    id\n    name\n    queue\n    state\n    progress {\n      percent\n      message\n    }\n    attempts\n    maxAttempts\n    createdAt\n    durationMs\n    waitingFor\n  }\n": typeof types.TaskRowFragmentDoc,
    "\n  query DashboardTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {\n    tasks(filter: $filter, first: $first, after: $after, order: $order) {\n      nodes {\n        ...TaskRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DashboardTasksDocument,
    "\n  query DashboardTask($id: ID!) {\n    task(id: $id) {\n      ...TaskRow\n      input\n      result\n      error {\n        name\n        message\n      }\n      errorStack\n      logs\n      worker\n      startedAt\n      finishedAt\n      workflowId\n      owner\n      timeline {\n        state\n        at\n        attempt\n        worker\n        note\n        percent\n      }\n    }\n  }\n": typeof types.DashboardTaskDocument,
    "\n  subscription DashboardTaskUpdated($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      state\n      attempts\n      progress {\n        percent\n        message\n      }\n    }\n  }\n": typeof types.DashboardTaskUpdatedDocument,
    "\n  subscription DashboardTaskEvents {\n    taskEvents {\n      id\n      name\n      state\n      attempts\n      progress {\n        percent\n        message\n      }\n    }\n  }\n": typeof types.DashboardTaskEventsDocument,
    "\n  query DashboardTaskTypes {\n    taskTypes {\n      name\n      description\n      inputSchema\n    }\n  }\n": typeof types.DashboardTaskTypesDocument,
    "\n  mutation DashboardRunTask($name: String!, $input: JSON) {\n    runTask(name: $name, input: $input) {\n      id\n    }\n  }\n": typeof types.DashboardRunTaskDocument,
    "\n  mutation DashboardCancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.DashboardCancelTaskDocument,
    "\n  mutation DashboardRetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.DashboardRetryTaskDocument,
    "\n  query DashboardTaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {\n    taskCount(filter: $filter, action: $action) {\n      count\n      complete\n    }\n  }\n": typeof types.DashboardTaskCountDocument,
    "\n  mutation DashboardRetryTasks($filter: TaskFilter!) {\n    retryTasks(filter: $filter) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": typeof types.DashboardRetryTasksDocument,
    "\n  mutation DashboardCancelTasks($filter: TaskFilter!) {\n    cancelTasks(filter: $filter) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": typeof types.DashboardCancelTasksDocument,
    "\n  query DashboardOverview {\n    stats {\n      total {\n        succeeded {\n          last5m\n        }\n        failed {\n          last5m\n        }\n        failureRate\n        live {\n          pending\n          started\n          retry\n          scheduled\n          awaitingWorker\n        }\n      }\n      queues {\n        name\n        paused\n        depth\n        oldestWaitingMs\n        completed\n        failed\n        live {\n          pending\n          started\n          retry\n          scheduled\n          awaitingWorker\n        }\n      }\n    }\n  }\n": typeof types.DashboardOverviewDocument,
    "\n  query DashboardWorkers {\n    workers {\n      id\n      hostname\n      pid\n      concurrency\n      queues\n      taskTypes\n      active\n      processed\n      failed\n      online\n      startedAt\n      lastSeenAt\n    }\n  }\n": typeof types.DashboardWorkersDocument,
    "\n  mutation DashboardPauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": typeof types.DashboardPauseQueueDocument,
    "\n  mutation DashboardResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": typeof types.DashboardResumeQueueDocument,
    "\n  mutation DashboardDrainQueue($name: String!) {\n    drainQueue(name: $name)\n  }\n": typeof types.DashboardDrainQueueDocument,
    "\n  fragment WorkflowView on Workflow {\n    id\n    kind\n    state\n    createdAt\n    finishedAt\n    error {\n      name\n      message\n    }\n    tasks {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n    }\n  }\n": typeof types.WorkflowViewFragmentDoc,
    "\n  query DashboardWorkflows {\n    workflows(first: 50) {\n      ...WorkflowView\n    }\n  }\n": typeof types.DashboardWorkflowsDocument,
    "\n  query DashboardWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WorkflowView\n    }\n  }\n": typeof types.DashboardWorkflowDocument,
    "\n  subscription DashboardWorkflowUpdated($id: ID!) {\n    workflowUpdated(id: $id) {\n      ...WorkflowView\n    }\n  }\n": typeof types.DashboardWorkflowUpdatedDocument,
    "\n  query DashboardHistory($window: StatsWindow!) {\n    stats {\n      history(window: $window) {\n        window\n        bucketMinutes\n        buckets {\n          at\n          succeeded\n          failed\n          revoked\n          failureRate\n          runtimeP50Ms\n          runtimeP95Ms\n        }\n      }\n    }\n  }\n": typeof types.DashboardHistoryDocument,
    "\n  query DashboardSchedules {\n    schedules {\n      id\n      name\n      queue\n      cron\n      everyMs\n      timezone\n      input\n      nextRunAt\n      lastTask {\n        id\n        state\n        createdAt\n        finishedAt\n      }\n    }\n  }\n": typeof types.DashboardSchedulesDocument,
};
const documents: Documents = {
    "\n  fragment TaskRow on Task {\n    id\n    name\n    queue\n    state\n    progress {\n      percent\n      message\n    }\n    attempts\n    maxAttempts\n    createdAt\n    durationMs\n    waitingFor\n  }\n": types.TaskRowFragmentDoc,
    "\n  query DashboardTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {\n    tasks(filter: $filter, first: $first, after: $after, order: $order) {\n      nodes {\n        ...TaskRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DashboardTasksDocument,
    "\n  query DashboardTask($id: ID!) {\n    task(id: $id) {\n      ...TaskRow\n      input\n      result\n      error {\n        name\n        message\n      }\n      errorStack\n      logs\n      worker\n      startedAt\n      finishedAt\n      workflowId\n      owner\n      timeline {\n        state\n        at\n        attempt\n        worker\n        note\n        percent\n      }\n    }\n  }\n": types.DashboardTaskDocument,
    "\n  subscription DashboardTaskUpdated($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      state\n      attempts\n      progress {\n        percent\n        message\n      }\n    }\n  }\n": types.DashboardTaskUpdatedDocument,
    "\n  subscription DashboardTaskEvents {\n    taskEvents {\n      id\n      name\n      state\n      attempts\n      progress {\n        percent\n        message\n      }\n    }\n  }\n": types.DashboardTaskEventsDocument,
    "\n  query DashboardTaskTypes {\n    taskTypes {\n      name\n      description\n      inputSchema\n    }\n  }\n": types.DashboardTaskTypesDocument,
    "\n  mutation DashboardRunTask($name: String!, $input: JSON) {\n    runTask(name: $name, input: $input) {\n      id\n    }\n  }\n": types.DashboardRunTaskDocument,
    "\n  mutation DashboardCancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      state\n    }\n  }\n": types.DashboardCancelTaskDocument,
    "\n  mutation DashboardRetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      state\n    }\n  }\n": types.DashboardRetryTaskDocument,
    "\n  query DashboardTaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {\n    taskCount(filter: $filter, action: $action) {\n      count\n      complete\n    }\n  }\n": types.DashboardTaskCountDocument,
    "\n  mutation DashboardRetryTasks($filter: TaskFilter!) {\n    retryTasks(filter: $filter) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": types.DashboardRetryTasksDocument,
    "\n  mutation DashboardCancelTasks($filter: TaskFilter!) {\n    cancelTasks(filter: $filter) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": types.DashboardCancelTasksDocument,
    "\n  query DashboardOverview {\n    stats {\n      total {\n        succeeded {\n          last5m\n        }\n        failed {\n          last5m\n        }\n        failureRate\n        live {\n          pending\n          started\n          retry\n          scheduled\n          awaitingWorker\n        }\n      }\n      queues {\n        name\n        paused\n        depth\n        oldestWaitingMs\n        completed\n        failed\n        live {\n          pending\n          started\n          retry\n          scheduled\n          awaitingWorker\n        }\n      }\n    }\n  }\n": types.DashboardOverviewDocument,
    "\n  query DashboardWorkers {\n    workers {\n      id\n      hostname\n      pid\n      concurrency\n      queues\n      taskTypes\n      active\n      processed\n      failed\n      online\n      startedAt\n      lastSeenAt\n    }\n  }\n": types.DashboardWorkersDocument,
    "\n  mutation DashboardPauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": types.DashboardPauseQueueDocument,
    "\n  mutation DashboardResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": types.DashboardResumeQueueDocument,
    "\n  mutation DashboardDrainQueue($name: String!) {\n    drainQueue(name: $name)\n  }\n": types.DashboardDrainQueueDocument,
    "\n  fragment WorkflowView on Workflow {\n    id\n    kind\n    state\n    createdAt\n    finishedAt\n    error {\n      name\n      message\n    }\n    tasks {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n    }\n  }\n": types.WorkflowViewFragmentDoc,
    "\n  query DashboardWorkflows {\n    workflows(first: 50) {\n      ...WorkflowView\n    }\n  }\n": types.DashboardWorkflowsDocument,
    "\n  query DashboardWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WorkflowView\n    }\n  }\n": types.DashboardWorkflowDocument,
    "\n  subscription DashboardWorkflowUpdated($id: ID!) {\n    workflowUpdated(id: $id) {\n      ...WorkflowView\n    }\n  }\n": types.DashboardWorkflowUpdatedDocument,
    "\n  query DashboardHistory($window: StatsWindow!) {\n    stats {\n      history(window: $window) {\n        window\n        bucketMinutes\n        buckets {\n          at\n          succeeded\n          failed\n          revoked\n          failureRate\n          runtimeP50Ms\n          runtimeP95Ms\n        }\n      }\n    }\n  }\n": types.DashboardHistoryDocument,
    "\n  query DashboardSchedules {\n    schedules {\n      id\n      name\n      queue\n      cron\n      everyMs\n      timezone\n      input\n      nextRunAt\n      lastTask {\n        id\n        state\n        createdAt\n        finishedAt\n      }\n    }\n  }\n": types.DashboardSchedulesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskRow on Task {\n    id\n    name\n    queue\n    state\n    progress {\n      percent\n      message\n    }\n    attempts\n    maxAttempts\n    createdAt\n    durationMs\n    waitingFor\n  }\n"): typeof import('./graphql.js').TaskRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {\n    tasks(filter: $filter, first: $first, after: $after, order: $order) {\n      nodes {\n        ...TaskRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTask($id: ID!) {\n    task(id: $id) {\n      ...TaskRow\n      input\n      result\n      error {\n        name\n        message\n      }\n      errorStack\n      logs\n      worker\n      startedAt\n      finishedAt\n      workflowId\n      owner\n      timeline {\n        state\n        at\n        attempt\n        worker\n        note\n        percent\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardTaskUpdated($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      state\n      attempts\n      progress {\n        percent\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardTaskUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardTaskEvents {\n    taskEvents {\n      id\n      name\n      state\n      attempts\n      progress {\n        percent\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardTaskEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTaskTypes {\n    taskTypes {\n      name\n      description\n      inputSchema\n    }\n  }\n"): typeof import('./graphql.js').DashboardTaskTypesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRunTask($name: String!, $input: JSON) {\n    runTask(name: $name, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql.js').DashboardRunTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql.js').DashboardCancelTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql.js').DashboardRetryTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {\n    taskCount(filter: $filter, action: $action) {\n      count\n      complete\n    }\n  }\n"): typeof import('./graphql.js').DashboardTaskCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRetryTasks($filter: TaskFilter!) {\n    retryTasks(filter: $filter) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n"): typeof import('./graphql.js').DashboardRetryTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCancelTasks($filter: TaskFilter!) {\n    cancelTasks(filter: $filter) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n"): typeof import('./graphql.js').DashboardCancelTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardOverview {\n    stats {\n      total {\n        succeeded {\n          last5m\n        }\n        failed {\n          last5m\n        }\n        failureRate\n        live {\n          pending\n          started\n          retry\n          scheduled\n          awaitingWorker\n        }\n      }\n      queues {\n        name\n        paused\n        depth\n        oldestWaitingMs\n        completed\n        failed\n        live {\n          pending\n          started\n          retry\n          scheduled\n          awaitingWorker\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardWorkers {\n    workers {\n      id\n      hostname\n      pid\n      concurrency\n      queues\n      taskTypes\n      active\n      processed\n      failed\n      online\n      startedAt\n      lastSeenAt\n    }\n  }\n"): typeof import('./graphql.js').DashboardWorkersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardPauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      name\n      paused\n    }\n  }\n"): typeof import('./graphql.js').DashboardPauseQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      name\n      paused\n    }\n  }\n"): typeof import('./graphql.js').DashboardResumeQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardDrainQueue($name: String!) {\n    drainQueue(name: $name)\n  }\n"): typeof import('./graphql.js').DashboardDrainQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkflowView on Workflow {\n    id\n    kind\n    state\n    createdAt\n    finishedAt\n    error {\n      name\n      message\n    }\n    tasks {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n    }\n  }\n"): typeof import('./graphql.js').WorkflowViewFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardWorkflows {\n    workflows(first: 50) {\n      ...WorkflowView\n    }\n  }\n"): typeof import('./graphql.js').DashboardWorkflowsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WorkflowView\n    }\n  }\n"): typeof import('./graphql.js').DashboardWorkflowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardWorkflowUpdated($id: ID!) {\n    workflowUpdated(id: $id) {\n      ...WorkflowView\n    }\n  }\n"): typeof import('./graphql.js').DashboardWorkflowUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardHistory($window: StatsWindow!) {\n    stats {\n      history(window: $window) {\n        window\n        bucketMinutes\n        buckets {\n          at\n          succeeded\n          failed\n          revoked\n          failureRate\n          runtimeP50Ms\n          runtimeP95Ms\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSchedules {\n    schedules {\n      id\n      name\n      queue\n      cron\n      everyMs\n      timezone\n      input\n      nextRunAt\n      lastTask {\n        id\n        state\n        createdAt\n        finishedAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardSchedulesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
