import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { cacheExchange, Client as UrqlClient, fetchExchange, subscriptionExchange } from '@urql/core';
import { OperationTypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onEnd, pipe, subscribe } from 'wonka';
import { GetTask, RunTask, TaskUpdated } from './support/documents.ts';
import { Harness } from './support/taskql.ts';

type Update = { state: string; progress?: { percent: number } | null; result?: unknown };

/** What a frontend does: start a task, show its progress, stop at the end. */
describe('frontend clients, unchanged, over a real WebSocket', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start();
  });
  afterAll(() => taskql.stop());

  it("Apollo Client (HttpLink + GraphQLWsLink) runs divide and watches it to SUCCESS", async () => {
    const wsLink = new GraphQLWsLink(taskql.wsClient());
    const link = ApolloLink.split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      wsLink,
      new HttpLink({ uri: taskql.url }),
    );
    const apollo = new ApolloClient({ link, cache: new InMemoryCache() });
    try {
      const { data } = await apollo.mutate({ mutation: RunTask, variables: { name: 'divide', input: { x: 3, y: 4, delayMs: 40 } } });
      const id = data!.runTask.id;

      const updates: Update[] = [];
      await new Promise<void>((complete, error) => {
        apollo.subscribe({ query: TaskUpdated, variables: { id } }).subscribe({
          next: (result) => updates.push(result.data!.taskUpdated),
          error,
          complete,
        });
      });
      expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', result: 0.75 });
      expect(updates.some((u) => u.progress)).toBe(true);

      const { data: read } = await apollo.query({ query: GetTask, variables: { id }, fetchPolicy: 'network-only' });
      expect(read?.task).toMatchObject({ state: 'SUCCESS', result: 0.75 });
    } finally {
      apollo.stop();
    }
  });

  it('urql (fetchExchange + subscriptionExchange over graphql-ws) runs processData and watches it to SUCCESS', async () => {
    const ws = taskql.wsClient();
    const urql = new UrqlClient({
      url: taskql.url,
      exchanges: [
        cacheExchange,
        fetchExchange,
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
          }),
        }),
      ],
    });
    const queued = await urql.mutation(RunTask, { name: 'processData', input: { data: 'urql', steps: 3, stepMs: 10 } }).toPromise();
    expect(queued.error).toBeUndefined();
    const id = queued.data!.runTask.id;

    const updates: Update[] = [];
    await new Promise<void>((done) =>
      pipe(
        urql.subscription(TaskUpdated, { id }),
        onEnd(done),
        subscribe((result) => {
          if (result.error) throw result.error;
          updates.push(result.data!.taskUpdated);
        }),
      ),
    );
    expect(updates.map((u) => u.progress?.percent ?? null).filter((p) => p !== null).at(-1)).toBe(100);
    expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', result: 'Processed: urql' });
  });

  it('urql sees a BAD_USER_INPUT error with its code', async () => {
    const urql = new UrqlClient({ url: taskql.url, exchanges: [fetchExchange] });
    const refused = await urql.mutation(RunTask, { name: 'divide', input: { x: 1 } }).toPromise();
    expect(refused.error?.graphQLErrors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.error?.graphQLErrors[0]?.message).toMatch(/y: /);
  });
});
