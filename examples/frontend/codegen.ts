import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: typed documents for the operations in src/, from the schema your taskql
 * serves. `npm run schema` writes schema.graphql with `taskql schema` (add `--tasks
 * <your contracts module>` for your own task types: the same SDL the running API serves).
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  emitLegacyCommonJSImports: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        scalars: { JSON: 'unknown', DateTime: 'string', EmailAddress: 'string', URL: 'string', UUID: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
