/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  fragment TaskFields on Task {\n    id\n    name\n    queue\n    input\n    state\n    progress {\n      percent\n      message\n    }\n    result\n    error {\n      name\n      message\n    }\n    attempts\n    maxAttempts\n    worker\n    waitingFor\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n  }\n": typeof types.TaskFieldsFragmentDoc,
    "\n  mutation RunTask($name: String!, $input: JSON, $options: TaskOptions) {\n    runTask(name: $name, input: $input, options: $options) {\n      ...TaskFields\n    }\n  }\n": typeof types.RunTaskDocument,
    "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      ...TaskFields\n    }\n  }\n": typeof types.CancelTaskDocument,
    "\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      ...TaskFields\n    }\n  }\n": typeof types.RetryTaskDocument,
    "\n  query GetTask($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n": typeof types.GetTaskDocument,
    "\n  query GetTaskLogs($id: ID!) {\n    task(id: $id) {\n      id\n      logs\n    }\n  }\n": typeof types.GetTaskLogsDocument,
    "\n  query TaskTypes {\n    taskTypes {\n      name\n      description\n      inputSchema\n      queue\n      attempts\n      backoffMs\n      timeoutMs\n    }\n  }\n": typeof types.TaskTypesDocument,
    "\n  subscription TaskUpdated($id: ID!) {\n    taskUpdated(id: $id) {\n      ...TaskFields\n    }\n  }\n": typeof types.TaskUpdatedDocument,
    "\n  mutation UpsertSchedule(\n    $id: ID!\n    $name: String!\n    $input: JSON\n    $cron: String\n    $everyMs: Int\n    $timezone: String\n    $options: TaskOptions\n  ) {\n    upsertSchedule(id: $id, name: $name, input: $input, cron: $cron, everyMs: $everyMs, timezone: $timezone, options: $options) {\n      id\n      name\n      queue\n      input\n      cron\n      everyMs\n      timezone\n      nextRunAt\n    }\n  }\n": typeof types.UpsertScheduleDocument,
    "\n  mutation RemoveSchedule($id: ID!) {\n    removeSchedule(id: $id)\n  }\n": typeof types.RemoveScheduleDocument,
    "\n  query Schedules {\n    schedules {\n      id\n      name\n      nextRunAt\n      lastTask {\n        id\n        state\n        result\n      }\n    }\n  }\n": typeof types.SchedulesDocument,
    "\n  fragment WorkflowFields on Workflow {\n    id\n    kind\n    state\n    result\n    error {\n      name\n      message\n    }\n    createdAt\n    finishedAt\n    tasks {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      input\n      result\n      workflowId\n      error {\n        name\n        message\n      }\n    }\n  }\n": typeof types.WorkflowFieldsFragmentDoc,
    "\n  mutation RunChain($steps: [WorkflowStep!]!) {\n    runChain(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.RunChainDocument,
    "\n  mutation RunGroup($steps: [WorkflowStep!]!) {\n    runGroup(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.RunGroupDocument,
    "\n  mutation RunChord($steps: [WorkflowStep!]!, $callback: WorkflowStep!) {\n    runChord(steps: $steps, callback: $callback) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.RunChordDocument,
    "\n  query GetWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.GetWorkflowDocument,
    "\n  mutation CancelWorkflow($id: ID!) {\n    cancelWorkflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.CancelWorkflowDocument,
    "\n  subscription WorkflowUpdated($id: ID!) {\n    workflowUpdated(id: $id) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.WorkflowUpdatedDocument,
    "\n  query ListTasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          state\n          createdAt\n          worker\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ListTasksDocument,
    "\n  query Workers {\n    workers {\n      id\n      hostname\n      pid\n      queues\n      taskTypes\n      concurrency\n      active\n      processed\n      failed\n      online\n      startedAt\n      lastSeenAt\n    }\n  }\n": typeof types.WorkersDocument,
    "\n  query StatsHistory($window: StatsWindow!, $name: String, $bucketMinutes: Int) {\n    stats {\n      history(window: $window, name: $name, bucketMinutes: $bucketMinutes) {\n        window\n        bucketMinutes\n        buckets {\n          at\n          succeeded\n          failed\n          revoked\n          failureRate\n          runtimeP50Ms\n          runtimeP95Ms\n          runtimeSamples\n        }\n      }\n    }\n  }\n": typeof types.StatsHistoryDocument,
    "\n  query GetStats {\n    stats {\n      total {\n        name\n        live {\n          pending\n          scheduled\n          started\n          retry\n          awaitingWorker\n        }\n        succeeded {\n          last1m\n          last5m\n          last15m\n        }\n        failed {\n          last1m\n          last15m\n        }\n        revoked {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          p50\n          p95\n          max\n          samples\n        }\n      }\n      types {\n        name\n        live {\n          pending\n          awaitingWorker\n        }\n        succeeded {\n          last15m\n        }\n        failed {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          samples\n        }\n      }\n      queues {\n        name\n        paused\n        depth\n        completed\n        failed\n        oldestWaitingMs\n        live {\n          pending\n          started\n          awaitingWorker\n        }\n      }\n    }\n  }\n": typeof types.GetStatsDocument,
    "\n  subscription TaskEvents($filter: TaskEventFilter) {\n    taskEvents(filter: $filter) {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      result\n      log\n      at\n    }\n  }\n": typeof types.TaskEventsDocument,
    "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": typeof types.PauseQueueDocument,
    "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": typeof types.ResumeQueueDocument,
    "\n  mutation DrainQueue($name: String!) {\n    drainQueue(name: $name)\n  }\n": typeof types.DrainQueueDocument,
    "\n  mutation CleanQueue($name: String!, $olderThanMs: Int!) {\n    cleanQueue(name: $name, olderThanMs: $olderThanMs)\n  }\n": typeof types.CleanQueueDocument,
    "\n  mutation RunTasks($tasks: [TaskRequest!]!) {\n    runTasks(tasks: $tasks) {\n      id\n      state\n      queue\n      input\n    }\n  }\n": typeof types.RunTasksDocument,
    "\n  mutation RunDivide($input: DivideInput!, $options: TaskOptions) {\n    runDivide(input: $input, options: $options) {\n      id\n      name\n      state\n      input {\n        x\n        y\n        delayMs\n      }\n    }\n  }\n": typeof types.RunDivideDocument,
    "\n  query DivideTask($id: ID!) {\n    divideTask(id: $id) {\n      id\n      state\n      result\n      input {\n        x\n        y\n      }\n    }\n  }\n": typeof types.DivideTaskDocument,
    "\n  subscription DivideUpdated($id: ID!) {\n    divideUpdated(id: $id) {\n      id\n      state\n      result\n      progress {\n        percent\n      }\n    }\n  }\n": typeof types.DivideUpdatedDocument,
    "\n  mutation RunFetchUrl($input: FetchUrlInput!) {\n    runFetchUrl(input: $input) {\n      id\n    }\n  }\n": typeof types.RunFetchUrlDocument,
    "\n  mutation RunSendEmail($input: SendEmailInput!) {\n    runSendEmail(input: $input) {\n      id\n      input {\n        to\n        subject\n        body\n      }\n    }\n  }\n": typeof types.RunSendEmailDocument,
    "\n  subscription SendEmailUpdated($id: ID!) {\n    sendEmailUpdated(id: $id) {\n      state\n      result {\n        messageId\n      }\n    }\n  }\n": typeof types.SendEmailUpdatedDocument,
    "\n  query SearchTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {\n    tasks(filter: $filter, first: $first, after: $after, order: $order) {\n      nodes {\n        id\n        name\n        state\n        input\n        createdAt\n        durationMs\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SearchTasksDocument,
    "\n  query TaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {\n    taskCount(filter: $filter, action: $action) {\n      count\n      complete\n    }\n  }\n": typeof types.TaskCountDocument,
    "\n  mutation RetryTasks($filter: TaskFilter!, $limit: Int) {\n    retryTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": typeof types.RetryTasksDocument,
    "\n  mutation CancelTasks($filter: TaskFilter!, $limit: Int) {\n    cancelTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": typeof types.CancelTasksDocument,
    "\n  query TaskStory($id: ID!) {\n    task(id: $id) {\n      id\n      state\n      attempts\n      error {\n        name\n        message\n      }\n      errorStack\n      timeline {\n        state\n        at\n        attempt\n        worker\n        note\n        percent\n      }\n    }\n  }\n": typeof types.TaskStoryDocument,
    "\n  query ListWorkflows($first: Int) {\n    workflows(first: $first) {\n      id\n      kind\n      state\n      tasks {\n        id\n        state\n      }\n    }\n  }\n": typeof types.ListWorkflowsDocument,
};
const documents: Documents = {
    "\n  fragment TaskFields on Task {\n    id\n    name\n    queue\n    input\n    state\n    progress {\n      percent\n      message\n    }\n    result\n    error {\n      name\n      message\n    }\n    attempts\n    maxAttempts\n    worker\n    waitingFor\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n  }\n": types.TaskFieldsFragmentDoc,
    "\n  mutation RunTask($name: String!, $input: JSON, $options: TaskOptions) {\n    runTask(name: $name, input: $input, options: $options) {\n      ...TaskFields\n    }\n  }\n": types.RunTaskDocument,
    "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      ...TaskFields\n    }\n  }\n": types.CancelTaskDocument,
    "\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      ...TaskFields\n    }\n  }\n": types.RetryTaskDocument,
    "\n  query GetTask($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n": types.GetTaskDocument,
    "\n  query GetTaskLogs($id: ID!) {\n    task(id: $id) {\n      id\n      logs\n    }\n  }\n": types.GetTaskLogsDocument,
    "\n  query TaskTypes {\n    taskTypes {\n      name\n      description\n      inputSchema\n      queue\n      attempts\n      backoffMs\n      timeoutMs\n    }\n  }\n": types.TaskTypesDocument,
    "\n  subscription TaskUpdated($id: ID!) {\n    taskUpdated(id: $id) {\n      ...TaskFields\n    }\n  }\n": types.TaskUpdatedDocument,
    "\n  mutation UpsertSchedule(\n    $id: ID!\n    $name: String!\n    $input: JSON\n    $cron: String\n    $everyMs: Int\n    $timezone: String\n    $options: TaskOptions\n  ) {\n    upsertSchedule(id: $id, name: $name, input: $input, cron: $cron, everyMs: $everyMs, timezone: $timezone, options: $options) {\n      id\n      name\n      queue\n      input\n      cron\n      everyMs\n      timezone\n      nextRunAt\n    }\n  }\n": types.UpsertScheduleDocument,
    "\n  mutation RemoveSchedule($id: ID!) {\n    removeSchedule(id: $id)\n  }\n": types.RemoveScheduleDocument,
    "\n  query Schedules {\n    schedules {\n      id\n      name\n      nextRunAt\n      lastTask {\n        id\n        state\n        result\n      }\n    }\n  }\n": types.SchedulesDocument,
    "\n  fragment WorkflowFields on Workflow {\n    id\n    kind\n    state\n    result\n    error {\n      name\n      message\n    }\n    createdAt\n    finishedAt\n    tasks {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      input\n      result\n      workflowId\n      error {\n        name\n        message\n      }\n    }\n  }\n": types.WorkflowFieldsFragmentDoc,
    "\n  mutation RunChain($steps: [WorkflowStep!]!) {\n    runChain(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n": types.RunChainDocument,
    "\n  mutation RunGroup($steps: [WorkflowStep!]!) {\n    runGroup(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n": types.RunGroupDocument,
    "\n  mutation RunChord($steps: [WorkflowStep!]!, $callback: WorkflowStep!) {\n    runChord(steps: $steps, callback: $callback) {\n      ...WorkflowFields\n    }\n  }\n": types.RunChordDocument,
    "\n  query GetWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n": types.GetWorkflowDocument,
    "\n  mutation CancelWorkflow($id: ID!) {\n    cancelWorkflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n": types.CancelWorkflowDocument,
    "\n  subscription WorkflowUpdated($id: ID!) {\n    workflowUpdated(id: $id) {\n      ...WorkflowFields\n    }\n  }\n": types.WorkflowUpdatedDocument,
    "\n  query ListTasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          state\n          createdAt\n          worker\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ListTasksDocument,
    "\n  query Workers {\n    workers {\n      id\n      hostname\n      pid\n      queues\n      taskTypes\n      concurrency\n      active\n      processed\n      failed\n      online\n      startedAt\n      lastSeenAt\n    }\n  }\n": types.WorkersDocument,
    "\n  query StatsHistory($window: StatsWindow!, $name: String, $bucketMinutes: Int) {\n    stats {\n      history(window: $window, name: $name, bucketMinutes: $bucketMinutes) {\n        window\n        bucketMinutes\n        buckets {\n          at\n          succeeded\n          failed\n          revoked\n          failureRate\n          runtimeP50Ms\n          runtimeP95Ms\n          runtimeSamples\n        }\n      }\n    }\n  }\n": types.StatsHistoryDocument,
    "\n  query GetStats {\n    stats {\n      total {\n        name\n        live {\n          pending\n          scheduled\n          started\n          retry\n          awaitingWorker\n        }\n        succeeded {\n          last1m\n          last5m\n          last15m\n        }\n        failed {\n          last1m\n          last15m\n        }\n        revoked {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          p50\n          p95\n          max\n          samples\n        }\n      }\n      types {\n        name\n        live {\n          pending\n          awaitingWorker\n        }\n        succeeded {\n          last15m\n        }\n        failed {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          samples\n        }\n      }\n      queues {\n        name\n        paused\n        depth\n        completed\n        failed\n        oldestWaitingMs\n        live {\n          pending\n          started\n          awaitingWorker\n        }\n      }\n    }\n  }\n": types.GetStatsDocument,
    "\n  subscription TaskEvents($filter: TaskEventFilter) {\n    taskEvents(filter: $filter) {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      result\n      log\n      at\n    }\n  }\n": types.TaskEventsDocument,
    "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": types.PauseQueueDocument,
    "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      name\n      paused\n    }\n  }\n": types.ResumeQueueDocument,
    "\n  mutation DrainQueue($name: String!) {\n    drainQueue(name: $name)\n  }\n": types.DrainQueueDocument,
    "\n  mutation CleanQueue($name: String!, $olderThanMs: Int!) {\n    cleanQueue(name: $name, olderThanMs: $olderThanMs)\n  }\n": types.CleanQueueDocument,
    "\n  mutation RunTasks($tasks: [TaskRequest!]!) {\n    runTasks(tasks: $tasks) {\n      id\n      state\n      queue\n      input\n    }\n  }\n": types.RunTasksDocument,
    "\n  mutation RunDivide($input: DivideInput!, $options: TaskOptions) {\n    runDivide(input: $input, options: $options) {\n      id\n      name\n      state\n      input {\n        x\n        y\n        delayMs\n      }\n    }\n  }\n": types.RunDivideDocument,
    "\n  query DivideTask($id: ID!) {\n    divideTask(id: $id) {\n      id\n      state\n      result\n      input {\n        x\n        y\n      }\n    }\n  }\n": types.DivideTaskDocument,
    "\n  subscription DivideUpdated($id: ID!) {\n    divideUpdated(id: $id) {\n      id\n      state\n      result\n      progress {\n        percent\n      }\n    }\n  }\n": types.DivideUpdatedDocument,
    "\n  mutation RunFetchUrl($input: FetchUrlInput!) {\n    runFetchUrl(input: $input) {\n      id\n    }\n  }\n": types.RunFetchUrlDocument,
    "\n  mutation RunSendEmail($input: SendEmailInput!) {\n    runSendEmail(input: $input) {\n      id\n      input {\n        to\n        subject\n        body\n      }\n    }\n  }\n": types.RunSendEmailDocument,
    "\n  subscription SendEmailUpdated($id: ID!) {\n    sendEmailUpdated(id: $id) {\n      state\n      result {\n        messageId\n      }\n    }\n  }\n": types.SendEmailUpdatedDocument,
    "\n  query SearchTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {\n    tasks(filter: $filter, first: $first, after: $after, order: $order) {\n      nodes {\n        id\n        name\n        state\n        input\n        createdAt\n        durationMs\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SearchTasksDocument,
    "\n  query TaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {\n    taskCount(filter: $filter, action: $action) {\n      count\n      complete\n    }\n  }\n": types.TaskCountDocument,
    "\n  mutation RetryTasks($filter: TaskFilter!, $limit: Int) {\n    retryTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": types.RetryTasksDocument,
    "\n  mutation CancelTasks($filter: TaskFilter!, $limit: Int) {\n    cancelTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n": types.CancelTasksDocument,
    "\n  query TaskStory($id: ID!) {\n    task(id: $id) {\n      id\n      state\n      attempts\n      error {\n        name\n        message\n      }\n      errorStack\n      timeline {\n        state\n        at\n        attempt\n        worker\n        note\n        percent\n      }\n    }\n  }\n": types.TaskStoryDocument,
    "\n  query ListWorkflows($first: Int) {\n    workflows(first: $first) {\n      id\n      kind\n      state\n      tasks {\n        id\n        state\n      }\n    }\n  }\n": types.ListWorkflowsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskFields on Task {\n    id\n    name\n    queue\n    input\n    state\n    progress {\n      percent\n      message\n    }\n    result\n    error {\n      name\n      message\n    }\n    attempts\n    maxAttempts\n    worker\n    waitingFor\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n  }\n"): (typeof documents)["\n  fragment TaskFields on Task {\n    id\n    name\n    queue\n    input\n    state\n    progress {\n      percent\n      message\n    }\n    result\n    error {\n      name\n      message\n    }\n    attempts\n    maxAttempts\n    worker\n    waitingFor\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunTask($name: String!, $input: JSON, $options: TaskOptions) {\n    runTask(name: $name, input: $input, options: $options) {\n      ...TaskFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunTask($name: String!, $input: JSON, $options: TaskOptions) {\n    runTask(name: $name, input: $input, options: $options) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      ...TaskFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      ...TaskFields\n    }\n  }\n"): (typeof documents)["\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GetTask($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n"): (typeof documents)["\n  query GetTask($id: ID!) {\n    task(id: $id) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GetTaskLogs($id: ID!) {\n    task(id: $id) {\n      id\n      logs\n    }\n  }\n"): (typeof documents)["\n  query GetTaskLogs($id: ID!) {\n    task(id: $id) {\n      id\n      logs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskTypes {\n    taskTypes {\n      name\n      description\n      inputSchema\n      queue\n      attempts\n      backoffMs\n      timeoutMs\n    }\n  }\n"): (typeof documents)["\n  query TaskTypes {\n    taskTypes {\n      name\n      description\n      inputSchema\n      queue\n      attempts\n      backoffMs\n      timeoutMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TaskUpdated($id: ID!) {\n    taskUpdated(id: $id) {\n      ...TaskFields\n    }\n  }\n"): (typeof documents)["\n  subscription TaskUpdated($id: ID!) {\n    taskUpdated(id: $id) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertSchedule(\n    $id: ID!\n    $name: String!\n    $input: JSON\n    $cron: String\n    $everyMs: Int\n    $timezone: String\n    $options: TaskOptions\n  ) {\n    upsertSchedule(id: $id, name: $name, input: $input, cron: $cron, everyMs: $everyMs, timezone: $timezone, options: $options) {\n      id\n      name\n      queue\n      input\n      cron\n      everyMs\n      timezone\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertSchedule(\n    $id: ID!\n    $name: String!\n    $input: JSON\n    $cron: String\n    $everyMs: Int\n    $timezone: String\n    $options: TaskOptions\n  ) {\n    upsertSchedule(id: $id, name: $name, input: $input, cron: $cron, everyMs: $everyMs, timezone: $timezone, options: $options) {\n      id\n      name\n      queue\n      input\n      cron\n      everyMs\n      timezone\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSchedule($id: ID!) {\n    removeSchedule(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemoveSchedule($id: ID!) {\n    removeSchedule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Schedules {\n    schedules {\n      id\n      name\n      nextRunAt\n      lastTask {\n        id\n        state\n        result\n      }\n    }\n  }\n"): (typeof documents)["\n  query Schedules {\n    schedules {\n      id\n      name\n      nextRunAt\n      lastTask {\n        id\n        state\n        result\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkflowFields on Workflow {\n    id\n    kind\n    state\n    result\n    error {\n      name\n      message\n    }\n    createdAt\n    finishedAt\n    tasks {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      input\n      result\n      workflowId\n      error {\n        name\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WorkflowFields on Workflow {\n    id\n    kind\n    state\n    result\n    error {\n      name\n      message\n    }\n    createdAt\n    finishedAt\n    tasks {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      input\n      result\n      workflowId\n      error {\n        name\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunChain($steps: [WorkflowStep!]!) {\n    runChain(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunChain($steps: [WorkflowStep!]!) {\n    runChain(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunGroup($steps: [WorkflowStep!]!) {\n    runGroup(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunGroup($steps: [WorkflowStep!]!) {\n    runGroup(steps: $steps) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunChord($steps: [WorkflowStep!]!, $callback: WorkflowStep!) {\n    runChord(steps: $steps, callback: $callback) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunChord($steps: [WorkflowStep!]!, $callback: WorkflowStep!) {\n    runChord(steps: $steps, callback: $callback) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GetWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  query GetWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelWorkflow($id: ID!) {\n    cancelWorkflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelWorkflow($id: ID!) {\n    cancelWorkflow(id: $id) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkflowUpdated($id: ID!) {\n    workflowUpdated(id: $id) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  subscription WorkflowUpdated($id: ID!) {\n    workflowUpdated(id: $id) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListTasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          state\n          createdAt\n          worker\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListTasks($filter: TaskFilter, $first: Int, $after: String) {\n    tasks(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          state\n          createdAt\n          worker\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workers {\n    workers {\n      id\n      hostname\n      pid\n      queues\n      taskTypes\n      concurrency\n      active\n      processed\n      failed\n      online\n      startedAt\n      lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  query Workers {\n    workers {\n      id\n      hostname\n      pid\n      queues\n      taskTypes\n      concurrency\n      active\n      processed\n      failed\n      online\n      startedAt\n      lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatsHistory($window: StatsWindow!, $name: String, $bucketMinutes: Int) {\n    stats {\n      history(window: $window, name: $name, bucketMinutes: $bucketMinutes) {\n        window\n        bucketMinutes\n        buckets {\n          at\n          succeeded\n          failed\n          revoked\n          failureRate\n          runtimeP50Ms\n          runtimeP95Ms\n          runtimeSamples\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StatsHistory($window: StatsWindow!, $name: String, $bucketMinutes: Int) {\n    stats {\n      history(window: $window, name: $name, bucketMinutes: $bucketMinutes) {\n        window\n        bucketMinutes\n        buckets {\n          at\n          succeeded\n          failed\n          revoked\n          failureRate\n          runtimeP50Ms\n          runtimeP95Ms\n          runtimeSamples\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GetStats {\n    stats {\n      total {\n        name\n        live {\n          pending\n          scheduled\n          started\n          retry\n          awaitingWorker\n        }\n        succeeded {\n          last1m\n          last5m\n          last15m\n        }\n        failed {\n          last1m\n          last15m\n        }\n        revoked {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          p50\n          p95\n          max\n          samples\n        }\n      }\n      types {\n        name\n        live {\n          pending\n          awaitingWorker\n        }\n        succeeded {\n          last15m\n        }\n        failed {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          samples\n        }\n      }\n      queues {\n        name\n        paused\n        depth\n        completed\n        failed\n        oldestWaitingMs\n        live {\n          pending\n          started\n          awaitingWorker\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GetStats {\n    stats {\n      total {\n        name\n        live {\n          pending\n          scheduled\n          started\n          retry\n          awaitingWorker\n        }\n        succeeded {\n          last1m\n          last5m\n          last15m\n        }\n        failed {\n          last1m\n          last15m\n        }\n        revoked {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          p50\n          p95\n          max\n          samples\n        }\n      }\n      types {\n        name\n        live {\n          pending\n          awaitingWorker\n        }\n        succeeded {\n          last15m\n        }\n        failed {\n          last15m\n        }\n        failureRate\n        runtimeMs {\n          samples\n        }\n      }\n      queues {\n        name\n        paused\n        depth\n        completed\n        failed\n        oldestWaitingMs\n        live {\n          pending\n          started\n          awaitingWorker\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TaskEvents($filter: TaskEventFilter) {\n    taskEvents(filter: $filter) {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      result\n      log\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription TaskEvents($filter: TaskEventFilter) {\n    taskEvents(filter: $filter) {\n      id\n      name\n      state\n      progress {\n        percent\n      }\n      result\n      log\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      name\n      paused\n    }\n  }\n"): (typeof documents)["\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      name\n      paused\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      name\n      paused\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      name\n      paused\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DrainQueue($name: String!) {\n    drainQueue(name: $name)\n  }\n"): (typeof documents)["\n  mutation DrainQueue($name: String!) {\n    drainQueue(name: $name)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CleanQueue($name: String!, $olderThanMs: Int!) {\n    cleanQueue(name: $name, olderThanMs: $olderThanMs)\n  }\n"): (typeof documents)["\n  mutation CleanQueue($name: String!, $olderThanMs: Int!) {\n    cleanQueue(name: $name, olderThanMs: $olderThanMs)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunTasks($tasks: [TaskRequest!]!) {\n    runTasks(tasks: $tasks) {\n      id\n      state\n      queue\n      input\n    }\n  }\n"): (typeof documents)["\n  mutation RunTasks($tasks: [TaskRequest!]!) {\n    runTasks(tasks: $tasks) {\n      id\n      state\n      queue\n      input\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunDivide($input: DivideInput!, $options: TaskOptions) {\n    runDivide(input: $input, options: $options) {\n      id\n      name\n      state\n      input {\n        x\n        y\n        delayMs\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunDivide($input: DivideInput!, $options: TaskOptions) {\n    runDivide(input: $input, options: $options) {\n      id\n      name\n      state\n      input {\n        x\n        y\n        delayMs\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DivideTask($id: ID!) {\n    divideTask(id: $id) {\n      id\n      state\n      result\n      input {\n        x\n        y\n      }\n    }\n  }\n"): (typeof documents)["\n  query DivideTask($id: ID!) {\n    divideTask(id: $id) {\n      id\n      state\n      result\n      input {\n        x\n        y\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DivideUpdated($id: ID!) {\n    divideUpdated(id: $id) {\n      id\n      state\n      result\n      progress {\n        percent\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DivideUpdated($id: ID!) {\n    divideUpdated(id: $id) {\n      id\n      state\n      result\n      progress {\n        percent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunFetchUrl($input: FetchUrlInput!) {\n    runFetchUrl(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RunFetchUrl($input: FetchUrlInput!) {\n    runFetchUrl(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunSendEmail($input: SendEmailInput!) {\n    runSendEmail(input: $input) {\n      id\n      input {\n        to\n        subject\n        body\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunSendEmail($input: SendEmailInput!) {\n    runSendEmail(input: $input) {\n      id\n      input {\n        to\n        subject\n        body\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SendEmailUpdated($id: ID!) {\n    sendEmailUpdated(id: $id) {\n      state\n      result {\n        messageId\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SendEmailUpdated($id: ID!) {\n    sendEmailUpdated(id: $id) {\n      state\n      result {\n        messageId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {\n    tasks(filter: $filter, first: $first, after: $after, order: $order) {\n      nodes {\n        id\n        name\n        state\n        input\n        createdAt\n        durationMs\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {\n    tasks(filter: $filter, first: $first, after: $after, order: $order) {\n      nodes {\n        id\n        name\n        state\n        input\n        createdAt\n        durationMs\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {\n    taskCount(filter: $filter, action: $action) {\n      count\n      complete\n    }\n  }\n"): (typeof documents)["\n  query TaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {\n    taskCount(filter: $filter, action: $action) {\n      count\n      complete\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryTasks($filter: TaskFilter!, $limit: Int) {\n    retryTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n"): (typeof documents)["\n  mutation RetryTasks($filter: TaskFilter!, $limit: Int) {\n    retryTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTasks($filter: TaskFilter!, $limit: Int) {\n    cancelTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n"): (typeof documents)["\n  mutation CancelTasks($filter: TaskFilter!, $limit: Int) {\n    cancelTasks(filter: $filter, limit: $limit) {\n      matched\n      changed\n      skipped\n      complete\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskStory($id: ID!) {\n    task(id: $id) {\n      id\n      state\n      attempts\n      error {\n        name\n        message\n      }\n      errorStack\n      timeline {\n        state\n        at\n        attempt\n        worker\n        note\n        percent\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskStory($id: ID!) {\n    task(id: $id) {\n      id\n      state\n      attempts\n      error {\n        name\n        message\n      }\n      errorStack\n      timeline {\n        state\n        at\n        attempt\n        worker\n        note\n        percent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListWorkflows($first: Int) {\n    workflows(first: $first) {\n      id\n      kind\n      state\n      tasks {\n        id\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListWorkflows($first: Int) {\n    workflows(first: $first) {\n      id\n      kind\n      state\n      tasks {\n        id\n        state\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;