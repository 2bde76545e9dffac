import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { Caller, Scope } from '../auth.ts';
import type { Services } from '../resolvers/services.ts';
import type { ScanBudget } from '../resolvers/list-tasks.ts';
import type { Transport } from '../resolvers/task-events.ts';

/**
 * What every resolver gets: the process's services (see src/resolvers), who is calling (when
 * API tokens are configured), and on graphql-ws the socket.
 */
export interface Context {
  services: Services;
  /** Whether API tokens are configured; without them every scope is granted. */
  authEnabled: boolean;
  caller?: Caller;
  socket?: Transport;
  /** What this request may still scan for list fields, and whether its client is still there. */
  scan: ScanBudget;
}

const grants = (context: Context, scope: Scope): boolean =>
  !context.authEnabled || (context.caller?.scopes.has(scope) ?? false) || (context.caller?.scopes.has('admin') ?? false);

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
  AuthScopes: Record<Scope, boolean>;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin],
  scopeAuth: {
    // Checked once per subscription, when it starts.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({ read: grants(context, 'read'), run: grants(context, 'run'), admin: grants(context, 'admin') }),
    unauthorizedError: (_parent, context, info) =>
      context.caller
        ? new GraphQLError(`Not allowed: ${info.fieldName} needs another scope than this token has.`, {
            extensions: { code: 'FORBIDDEN' },
          })
        : new GraphQLError('Authentication required: send an API token (Authorization: Bearer <token>).', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          }),
  },
});
