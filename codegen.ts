import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index.ts';

/**
 * `npm run codegen`: prints the code-first schema to schema.graphql (committed; CI fails when
 * it is stale) and writes typed documents for the test clients (client preset).
 */
const config: CodegenConfig = {
  schema: printSchema(schema),
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'schema.graphql': { plugins: ['schema-ast'] },
    'test/gql/': {
      preset: 'client',
      config: {
        scalars: { JSON: 'unknown', DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
