import { graphql } from '../gql/index.ts';

/** The operations the tests send; `npm run codegen` types them (test/gql). */

export const TaskFields = graphql(`
  fragment TaskFields on Task {
    id
    name
    queue
    input
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
    worker
    waitingFor
    createdAt
    startedAt
    finishedAt
    durationMs
  }
`);

export const RunTask = graphql(`
  mutation RunTask($name: String!, $input: JSON, $options: TaskOptions) {
    runTask(name: $name, input: $input, options: $options) {
      ...TaskFields
    }
  }
`);

export const CancelTask = graphql(`
  mutation CancelTask($id: ID!) {
    cancelTask(id: $id) {
      ...TaskFields
    }
  }
`);

export const RetryTask = graphql(`
  mutation RetryTask($id: ID!) {
    retryTask(id: $id) {
      ...TaskFields
    }
  }
`);

export const GetTask = graphql(`
  query GetTask($id: ID!) {
    task(id: $id) {
      ...TaskFields
    }
  }
`);

export const GetTaskLogs = graphql(`
  query GetTaskLogs($id: ID!) {
    task(id: $id) {
      id
      logs
    }
  }
`);

export const TaskTypes = graphql(`
  query TaskTypes {
    taskTypes {
      name
      description
      inputSchema
      queue
      attempts
      backoffMs
      timeoutMs
    }
  }
`);

export const TaskUpdated = graphql(`
  subscription TaskUpdated($id: ID!) {
    taskUpdated(id: $id) {
      ...TaskFields
    }
  }
`);

export const UpsertSchedule = graphql(`
  mutation UpsertSchedule(
    $id: ID!
    $name: String!
    $input: JSON
    $cron: String
    $everyMs: Int
    $timezone: String
    $options: TaskOptions
  ) {
    upsertSchedule(id: $id, name: $name, input: $input, cron: $cron, everyMs: $everyMs, timezone: $timezone, options: $options) {
      id
      name
      queue
      input
      cron
      everyMs
      timezone
      nextRunAt
    }
  }
`);

export const RemoveSchedule = graphql(`
  mutation RemoveSchedule($id: ID!) {
    removeSchedule(id: $id)
  }
`);

export const Schedules = graphql(`
  query Schedules {
    schedules {
      id
      name
      nextRunAt
      lastTask {
        id
        state
        result
      }
    }
  }
`);

export const WorkflowFields = graphql(`
  fragment WorkflowFields on Workflow {
    id
    kind
    state
    result
    error {
      name
      message
    }
    createdAt
    finishedAt
    tasks {
      id
      name
      state
      progress {
        percent
      }
      input
      result
      workflowId
      error {
        name
        message
      }
    }
  }
`);

export const RunChain = graphql(`
  mutation RunChain($steps: [WorkflowStep!]!) {
    runChain(steps: $steps) {
      ...WorkflowFields
    }
  }
`);

export const RunGroup = graphql(`
  mutation RunGroup($steps: [WorkflowStep!]!) {
    runGroup(steps: $steps) {
      ...WorkflowFields
    }
  }
`);

export const RunChord = graphql(`
  mutation RunChord($steps: [WorkflowStep!]!, $callback: WorkflowStep!) {
    runChord(steps: $steps, callback: $callback) {
      ...WorkflowFields
    }
  }
`);

export const GetWorkflow = graphql(`
  query GetWorkflow($id: ID!) {
    workflow(id: $id) {
      ...WorkflowFields
    }
  }
`);

export const CancelWorkflow = graphql(`
  mutation CancelWorkflow($id: ID!) {
    cancelWorkflow(id: $id) {
      ...WorkflowFields
    }
  }
`);

export const WorkflowUpdated = graphql(`
  subscription WorkflowUpdated($id: ID!) {
    workflowUpdated(id: $id) {
      ...WorkflowFields
    }
  }
`);

export const ListTasks = graphql(`
  query ListTasks($filter: TaskFilter, $first: Int, $after: String) {
    tasks(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          name
          state
          createdAt
          worker
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const Workers = graphql(`
  query Workers {
    workers {
      id
      hostname
      pid
      queues
      taskTypes
      concurrency
      active
      processed
      failed
      online
      startedAt
      lastSeenAt
    }
  }
`);

export const StatsHistory = graphql(`
  query StatsHistory($window: StatsWindow!, $name: String, $bucketMinutes: Int) {
    stats {
      history(window: $window, name: $name, bucketMinutes: $bucketMinutes) {
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
          runtimeSamples
        }
      }
    }
  }
`);

export const GetStats = graphql(`
  query GetStats {
    stats {
      total {
        name
        live {
          pending
          scheduled
          started
          retry
          awaitingWorker
        }
        succeeded {
          last1m
          last5m
          last15m
        }
        failed {
          last1m
          last15m
        }
        revoked {
          last15m
        }
        failureRate
        runtimeMs {
          p50
          p95
          max
          samples
        }
      }
      types {
        name
        live {
          pending
          awaitingWorker
        }
        succeeded {
          last15m
        }
        failed {
          last15m
        }
        failureRate
        runtimeMs {
          samples
        }
      }
      queues {
        name
        paused
        depth
        completed
        failed
        oldestWaitingMs
        live {
          pending
          started
          awaitingWorker
        }
      }
    }
  }
`);

export const TaskEvents = graphql(`
  subscription TaskEvents($filter: TaskEventFilter) {
    taskEvents(filter: $filter) {
      id
      name
      state
      progress {
        percent
      }
      result
      log
      at
    }
  }
`);

export const PauseQueue = graphql(`
  mutation PauseQueue($name: String!) {
    pauseQueue(name: $name) {
      name
      paused
    }
  }
`);

export const ResumeQueue = graphql(`
  mutation ResumeQueue($name: String!) {
    resumeQueue(name: $name) {
      name
      paused
    }
  }
`);

export const DrainQueue = graphql(`
  mutation DrainQueue($name: String!) {
    drainQueue(name: $name)
  }
`);

export const CleanQueue = graphql(`
  mutation CleanQueue($name: String!, $olderThanMs: Int!) {
    cleanQueue(name: $name, olderThanMs: $olderThanMs)
  }
`);

export const RunTasks = graphql(`
  mutation RunTasks($tasks: [TaskRequest!]!) {
    runTasks(tasks: $tasks) {
      id
      state
      queue
      input
    }
  }
`);

/** The typed path (typed contracts): each task type's own root fields. */
export const RunDivide = graphql(`
  mutation RunDivide($input: DivideInput!, $options: TaskOptions) {
    runDivide(input: $input, options: $options) {
      id
      name
      state
      input {
        x
        y
        delayMs
      }
    }
  }
`);

export const DivideTaskQuery = graphql(`
  query DivideTask($id: ID!) {
    divideTask(id: $id) {
      id
      state
      result
      input {
        x
        y
      }
    }
  }
`);

export const DivideUpdated = graphql(`
  subscription DivideUpdated($id: ID!) {
    divideUpdated(id: $id) {
      id
      state
      result
      progress {
        percent
      }
    }
  }
`);

export const RunFetchUrl = graphql(`
  mutation RunFetchUrl($input: FetchUrlInput!) {
    runFetchUrl(input: $input) {
      id
    }
  }
`);

export const RunSendEmail = graphql(`
  mutation RunSendEmail($input: SendEmailInput!) {
    runSendEmail(input: $input) {
      id
      input {
        to
        subject
        body
      }
    }
  }
`);

export const SendEmailUpdated = graphql(`
  subscription SendEmailUpdated($id: ID!) {
    sendEmailUpdated(id: $id) {
      state
      result {
        messageId
      }
    }
  }
`);

/** The dashboard's API: searching, ordering, bulk actions, a task's story. */
export const SearchTasks = graphql(`
  query SearchTasks($filter: TaskFilter, $first: Int, $after: String, $order: TaskOrder) {
    tasks(filter: $filter, first: $first, after: $after, order: $order) {
      nodes {
        id
        name
        state
        input
        createdAt
        durationMs
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TaskCount = graphql(`
  query TaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {
    taskCount(filter: $filter, action: $action) {
      count
      complete
    }
  }
`);

export const RetryTasks = graphql(`
  mutation RetryTasks($filter: TaskFilter!, $limit: Int) {
    retryTasks(filter: $filter, limit: $limit) {
      matched
      changed
      skipped
      complete
    }
  }
`);

export const CancelTasks = graphql(`
  mutation CancelTasks($filter: TaskFilter!, $limit: Int) {
    cancelTasks(filter: $filter, limit: $limit) {
      matched
      changed
      skipped
      complete
    }
  }
`);

export const TaskStory = graphql(`
  query TaskStory($id: ID!) {
    task(id: $id) {
      id
      state
      attempts
      error {
        name
        message
      }
      errorStack
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
`);

export const ListWorkflows = graphql(`
  query ListWorkflows($first: Int) {
    workflows(first: $first) {
      id
      kind
      state
      tasks {
        id
        state
      }
    }
  }
`);
