import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schemaFor } from './src/schema/index.ts';
import { TaskRegistry, taskTypes } from './src/tasks/index.ts';

/**
 * `npm run codegen`: prints the code-first schema to schema.graphql (committed; CI fails when
 * it is stale) and writes typed documents for the test clients (client preset).
 */
const config: CodegenConfig = {
  // What a server with the shipped task types serves (typed fields included).
  schema: printSchema(schemaFor(new TaskRegistry(taskTypes))),
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'schema.graphql': { plugins: ['schema-ast'] },
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      preset: 'client',
      config: {
        scalars: { JSON: 'unknown', DateTime: 'string', EmailAddress: 'string', URL: 'string', UUID: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
    // The dashboard's documents: plain strings with their types (no graphql-js in the bundle).
    'web/src/gql/': {
      documents: ['web/src/**/*.graphql'],
      preset: 'client',
      config: {
        documentMode: 'string',
        scalars: { JSON: 'unknown', DateTime: 'string', EmailAddress: 'string', URL: 'string', UUID: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
