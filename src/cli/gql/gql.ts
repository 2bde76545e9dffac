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
    "\n  fragment CliTaskFields on Task {\n    id\n    name\n    state\n    progress {\n      percent\n      message\n    }\n    result\n    error {\n      name\n      message\n    }\n    attempts\n    maxAttempts\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    worker\n  }\n": typeof types.CliTaskFieldsFragmentDoc,
    "\n  query CliTaskStatus($id: ID!) {\n    task(id: $id) {\n      ...CliTaskFields\n      input\n      logs\n    }\n  }\n": typeof types.CliTaskStatusDocument,
    "\n  query CliListTasks($filter: TaskFilter, $first: Int) {\n    tasks(filter: $filter, first: $first) {\n      nodes {\n        ...CliTaskFields\n      }\n    }\n  }\n": typeof types.CliListTasksDocument,
    "\n  query CliListWorkers {\n    workers {\n      id\n      hostname\n      pid\n      queues\n      concurrency\n      active\n      processed\n      failed\n      online\n      lastSeenAt\n    }\n  }\n": typeof types.CliListWorkersDocument,
    "\n  mutation CliRunTask($name: String!, $input: JSON, $options: TaskOptions) {\n    runTask(name: $name, input: $input, options: $options) {\n      id\n      state\n    }\n  }\n": typeof types.CliRunTaskDocument,
    "\n  subscription CliFollowTask($id: ID!) {\n    taskUpdated(id: $id) {\n      ...CliTaskFields\n    }\n  }\n": typeof types.CliFollowTaskDocument,
    "\n  query CliResolveTaskId($id: ID!, $prefix: String!) {\n    task(id: $id) {\n      id\n    }\n    tasks(filter: { idPrefix: $prefix }, first: 3) {\n      nodes {\n        id\n      }\n    }\n  }\n": typeof types.CliResolveTaskIdDocument,
    "\n  query CliTaskName($id: ID!) {\n    task(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.CliTaskNameDocument,
    "\n  query CliTaskLogs($id: ID!) {\n    task(id: $id) {\n      logs\n    }\n  }\n": typeof types.CliTaskLogsDocument,
    "\n  subscription CliFollowLogs($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      name\n      state\n      logs\n    }\n  }\n": typeof types.CliFollowLogsDocument,
    "\n  mutation CliCancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      name\n      state\n    }\n  }\n": typeof types.CliCancelTaskDocument,
    "\n  mutation CliRetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      name\n      state\n    }\n  }\n": typeof types.CliRetryTaskDocument,
};
const documents: Documents = {
    "\n  fragment CliTaskFields on Task {\n    id\n    name\n    state\n    progress {\n      percent\n      message\n    }\n    result\n    error {\n      name\n      message\n    }\n    attempts\n    maxAttempts\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    worker\n  }\n": types.CliTaskFieldsFragmentDoc,
    "\n  query CliTaskStatus($id: ID!) {\n    task(id: $id) {\n      ...CliTaskFields\n      input\n      logs\n    }\n  }\n": types.CliTaskStatusDocument,
    "\n  query CliListTasks($filter: TaskFilter, $first: Int) {\n    tasks(filter: $filter, first: $first) {\n      nodes {\n        ...CliTaskFields\n      }\n    }\n  }\n": types.CliListTasksDocument,
    "\n  query CliListWorkers {\n    workers {\n      id\n      hostname\n      pid\n      queues\n      concurrency\n      active\n      processed\n      failed\n      online\n      lastSeenAt\n    }\n  }\n": types.CliListWorkersDocument,
    "\n  mutation CliRunTask($name: String!, $input: JSON, $options: TaskOptions) {\n    runTask(name: $name, input: $input, options: $options) {\n      id\n      state\n    }\n  }\n": types.CliRunTaskDocument,
    "\n  subscription CliFollowTask($id: ID!) {\n    taskUpdated(id: $id) {\n      ...CliTaskFields\n    }\n  }\n": types.CliFollowTaskDocument,
    "\n  query CliResolveTaskId($id: ID!, $prefix: String!) {\n    task(id: $id) {\n      id\n    }\n    tasks(filter: { idPrefix: $prefix }, first: 3) {\n      nodes {\n        id\n      }\n    }\n  }\n": types.CliResolveTaskIdDocument,
    "\n  query CliTaskName($id: ID!) {\n    task(id: $id) {\n      id\n      name\n    }\n  }\n": types.CliTaskNameDocument,
    "\n  query CliTaskLogs($id: ID!) {\n    task(id: $id) {\n      logs\n    }\n  }\n": types.CliTaskLogsDocument,
    "\n  subscription CliFollowLogs($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      name\n      state\n      logs\n    }\n  }\n": types.CliFollowLogsDocument,
    "\n  mutation CliCancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      name\n      state\n    }\n  }\n": types.CliCancelTaskDocument,
    "\n  mutation CliRetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      name\n      state\n    }\n  }\n": types.CliRetryTaskDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CliTaskFields on Task {\n    id\n    name\n    state\n    progress {\n      percent\n      message\n    }\n    result\n    error {\n      name\n      message\n    }\n    attempts\n    maxAttempts\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    worker\n  }\n"): typeof import('./graphql.js').CliTaskFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliTaskStatus($id: ID!) {\n    task(id: $id) {\n      ...CliTaskFields\n      input\n      logs\n    }\n  }\n"): typeof import('./graphql.js').CliTaskStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliListTasks($filter: TaskFilter, $first: Int) {\n    tasks(filter: $filter, first: $first) {\n      nodes {\n        ...CliTaskFields\n      }\n    }\n  }\n"): typeof import('./graphql.js').CliListTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliListWorkers {\n    workers {\n      id\n      hostname\n      pid\n      queues\n      concurrency\n      active\n      processed\n      failed\n      online\n      lastSeenAt\n    }\n  }\n"): typeof import('./graphql.js').CliListWorkersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliRunTask($name: String!, $input: JSON, $options: TaskOptions) {\n    runTask(name: $name, input: $input, options: $options) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql.js').CliRunTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CliFollowTask($id: ID!) {\n    taskUpdated(id: $id) {\n      ...CliTaskFields\n    }\n  }\n"): typeof import('./graphql.js').CliFollowTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliResolveTaskId($id: ID!, $prefix: String!) {\n    task(id: $id) {\n      id\n    }\n    tasks(filter: { idPrefix: $prefix }, first: 3) {\n      nodes {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').CliResolveTaskIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliTaskName($id: ID!) {\n    task(id: $id) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql.js').CliTaskNameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliTaskLogs($id: ID!) {\n    task(id: $id) {\n      logs\n    }\n  }\n"): typeof import('./graphql.js').CliTaskLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CliFollowLogs($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      name\n      state\n      logs\n    }\n  }\n"): typeof import('./graphql.js').CliFollowLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliCancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      name\n      state\n    }\n  }\n"): typeof import('./graphql.js').CliCancelTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliRetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      name\n      state\n    }\n  }\n"): typeof import('./graphql.js').CliRetryTaskDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
