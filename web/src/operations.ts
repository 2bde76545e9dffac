import { graphql } from './gql/index.ts';

/** Every operation the dashboard sends, typed by GraphQL Code Generator (npm run codegen). */

export const TaskRowFields = graphql(`
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
`);

export const TasksQuery = graphql(`
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
`);

export const TaskDetailQuery = graphql(`
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
`);

export const TaskUpdated = graphql(`
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
`);

export const TaskEvents = graphql(`
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
`);

export const TaskTypesQuery = graphql(`
  query DashboardTaskTypes {
    taskTypes {
      name
      description
      inputSchema
    }
  }
`);

export const RunTask = graphql(`
  mutation DashboardRunTask($name: String!, $input: JSON) {
    runTask(name: $name, input: $input) {
      id
    }
  }
`);

export const CancelTask = graphql(`
  mutation DashboardCancelTask($id: ID!) {
    cancelTask(id: $id) {
      id
      state
    }
  }
`);

export const RetryTask = graphql(`
  mutation DashboardRetryTask($id: ID!) {
    retryTask(id: $id) {
      id
      state
    }
  }
`);

export const TaskCountQuery = graphql(`
  query DashboardTaskCount($filter: TaskFilter!, $action: TaskBulkAction!) {
    taskCount(filter: $filter, action: $action) {
      count
      complete
    }
  }
`);

export const RetryTasks = graphql(`
  mutation DashboardRetryTasks($filter: TaskFilter!) {
    retryTasks(filter: $filter) {
      matched
      changed
      skipped
      complete
    }
  }
`);

export const CancelTasks = graphql(`
  mutation DashboardCancelTasks($filter: TaskFilter!) {
    cancelTasks(filter: $filter) {
      matched
      changed
      skipped
      complete
    }
  }
`);

export const OverviewQuery = graphql(`
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
`);

export const WorkersQuery = graphql(`
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
`);

export const PauseQueue = graphql(`
  mutation DashboardPauseQueue($name: String!) {
    pauseQueue(name: $name) {
      name
      paused
    }
  }
`);

export const ResumeQueue = graphql(`
  mutation DashboardResumeQueue($name: String!) {
    resumeQueue(name: $name) {
      name
      paused
    }
  }
`);

export const DrainQueue = graphql(`
  mutation DashboardDrainQueue($name: String!) {
    drainQueue(name: $name)
  }
`);

export const WorkflowFields = graphql(`
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
`);

export const WorkflowsQuery = graphql(`
  query DashboardWorkflows {
    workflows(first: 50) {
      ...WorkflowView
    }
  }
`);

export const WorkflowQuery = graphql(`
  query DashboardWorkflow($id: ID!) {
    workflow(id: $id) {
      ...WorkflowView
    }
  }
`);

export const WorkflowUpdated = graphql(`
  subscription DashboardWorkflowUpdated($id: ID!) {
    workflowUpdated(id: $id) {
      ...WorkflowView
    }
  }
`);

export const HistoryQuery = graphql(`
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
`);

export const SchedulesQuery = graphql(`
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
`);
