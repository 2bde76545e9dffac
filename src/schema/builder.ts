import SchemaBuilder from '@pothos/core';
import type { Services } from '../resolvers/services.ts';

/** What every resolver gets: the process's services (see src/resolvers). */
export interface Context {
  services: Services;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
}>({ defaultFieldNullability: false });
