import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schemaFor } from './src/schema/index.ts';
import { TaskRegistry, taskTypes } from './src/tasks/index.ts';

/**
 * `npm run codegen`: prints the code-first schema to schema.graphql and writes typed documents
 * (client preset) for the test clients (test/gql) and the CLI (src/cli/gql), all committed; CI
 * fails when one is stale.
 */
const scalars = { JSON: 'unknown', DateTime: 'string', EmailAddress: 'string', URL: 'string', UUID: 'string' };
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
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
      presetConfig: { fragmentMasking: false },
    },
    // The CLI ships in the package: documents as typed strings (no GraphQL AST at run time).
    'src/cli/gql/': {
      documents: ['src/cli/**/*.ts', '!src/cli/gql/**'],
      preset: 'client',
      config: { scalars, enumsAsTypes: true, useTypeImports: true, documentMode: 'string' },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
