import SchemaBuilder from '@pothos/core';
import type { Services } from '../resolvers/services.ts';
import type { Transport } from '../resolvers/task-events.ts';

/** What every resolver gets: the process's services (see src/resolvers), and on graphql-ws the socket. */
export interface Context {
  services: Services;
  socket?: Transport;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
}>({ defaultFieldNullability: false });
