import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/**
 * Apollo Client for a taskql API: queries and mutations over HTTP, subscriptions over
 * graphql-ws on the same URL. The token (when the API has tokens) goes in the Authorization
 * header and in graphql-ws's connectionParams.
 */
export function createTaskqlClient(url: string, token?: string): ApolloClient {
  const authorization = token ? `Bearer ${token}` : undefined;
  const ws = new GraphQLWsLink(
    createClient({ url: url.replace(/^http/, 'ws'), connectionParams: authorization ? { authorization } : undefined }),
  );
  const http = new HttpLink({ uri: url, headers: authorization ? { authorization } : {} });
  return new ApolloClient({
    link: ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, ws, http),
    cache: new InMemoryCache(),
  });
}
