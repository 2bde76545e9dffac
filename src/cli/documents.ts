import { graphql } from './gql/index.ts';

/** The operations the client commands send; `npm run codegen` types them (src/cli/gql). */

export const TaskFields = graphql(`
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
`);

export const TaskStatus = graphql(`
  query CliTaskStatus($id: ID!) {
    task(id: $id) {
      ...CliTaskFields
      input
      logs
    }
  }
`);

export const ListTasks = graphql(`
  query CliListTasks($filter: TaskFilter, $first: Int) {
    tasks(filter: $filter, first: $first) {
      nodes {
        ...CliTaskFields
      }
    }
  }
`);

export const ListWorkers = graphql(`
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
`);

export const RunTask = graphql(`
  mutation CliRunTask($name: String!, $input: JSON, $options: TaskOptions) {
    runTask(name: $name, input: $input, options: $options) {
      id
      state
    }
  }
`);

export const FollowTask = graphql(`
  subscription CliFollowTask($id: ID!) {
    taskUpdated(id: $id) {
      ...CliTaskFields
    }
  }
`);

export const ResolveTaskId = graphql(`
  query CliResolveTaskId($id: ID!, $prefix: String!) {
    task(id: $id) {
      id
    }
    tasks(filter: { idPrefix: $prefix }, first: 3) {
      nodes {
        id
      }
    }
  }
`);

export const TaskName = graphql(`
  query CliTaskName($id: ID!) {
    task(id: $id) {
      id
      name
    }
  }
`);

export const TaskLogs = graphql(`
  query CliTaskLogs($id: ID!) {
    task(id: $id) {
      logs
    }
  }
`);

export const FollowLogs = graphql(`
  subscription CliFollowLogs($id: ID!) {
    taskUpdated(id: $id) {
      id
      name
      state
      logs
    }
  }
`);

export const CancelTask = graphql(`
  mutation CliCancelTask($id: ID!) {
    cancelTask(id: $id) {
      id
      name
      state
    }
  }
`);

export const RetryTask = graphql(`
  mutation CliRetryTask($id: ID!) {
    retryTask(id: $id) {
      id
      name
      state
    }
  }
`);
