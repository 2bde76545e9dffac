import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schemaFor } from './src/schema/index.ts';
import { TaskRegistry, taskTypes } from './src/tasks/index.ts';

/**
 * Typed documents (client preset), as a frontend generates them; `documentMode: 'string'` for
 * code that ships (the CLI): typed strings, no GraphQL AST at run time.
 */
const clientPreset = (documents: string[], documentMode?: 'string') => ({
  preset: 'client' as const,
  documents,
  config: {
    scalars: { JSON: 'unknown', DateTime: 'string', EmailAddress: 'string', URL: 'string', UUID: 'string' },
    enumsAsTypes: true,
    useTypeImports: true,
    ...(documentMode && { documentMode }),
  },
  presetConfig: { fragmentMasking: false },
});

/**
 * `npm run codegen`: prints the code-first schema to schema.graphql (committed; CI fails when
 * it is stale) and writes typed documents for the test clients, the CLI (src/cli/documents.ts)
 * and the frontend example (its schema.graphql is what `taskql schema` prints; its own
 * codegen.ts gives the same output).
 */
const config: CodegenConfig = {
  // What a server with the shipped task types serves (typed fields included).
  schema: printSchema(schemaFor(new TaskRegistry(taskTypes))),
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'schema.graphql': { plugins: ['schema-ast'] },
    'examples/frontend/schema.graphql': { plugins: ['schema-ast'] },
    'test/gql/': clientPreset(['test/**/*.ts', '!test/gql/**']),
    'src/cli/gql/': clientPreset(['src/cli/**/*.ts', '!src/cli/gql/**'], 'string'),
    'examples/frontend/src/gql/': clientPreset(['examples/frontend/src/**/*.ts', '!examples/frontend/src/gql/**']),
    // The dashboard's documents (web/src/operations.graphql): typed strings, no GraphQL AST in the bundle.
    'web/src/gql/': clientPreset(['web/src/**/*.graphql'], 'string'),
  },
};

export default config;
