import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schemaFor } from './src/schema/index.ts';
import { TaskRegistry, taskTypes } from './src/tasks/index.ts';

/** Typed documents (client preset), as a frontend generates them. */
const clientPreset = (documents: string[]) => ({
  preset: 'client' as const,
  documents,
  config: {
    scalars: { JSON: 'unknown', DateTime: 'string', EmailAddress: 'string', URL: 'string', UUID: 'string' },
    enumsAsTypes: true,
    useTypeImports: true,
  },
  presetConfig: { fragmentMasking: false },
});

/**
 * `npm run codegen`: prints the code-first schema to schema.graphql (committed; CI fails when
 * it is stale) and writes typed documents for the test clients and for the frontend example
 * (its schema.graphql is what `taskql schema` prints; its own codegen.ts gives the same output).
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
    'examples/frontend/src/gql/': clientPreset(['examples/frontend/src/**/*.ts', '!examples/frontend/src/gql/**']),
  },
};

export default config;
