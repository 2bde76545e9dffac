import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test/gql/', 'src/cli/gql/', 'web/src/gql/', 'examples/frontend/src/gql/', 'examples/frontend/dist/', '.taskql/', 'test/artifacts/', 'web/dist/'] },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/src/**'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', location: 'readonly', alert: 'readonly', setInterval: 'readonly' },
    },
  },
);
