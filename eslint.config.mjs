import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TEAMS_ONLY = { group: ['botbuilder*', 'restify*'], message: 'Only src/bot/, src/server.ts and src/app.ts may import botbuilder or restify.' };
const NO_EMULATOR = { group: ['**/emulator', '**/emulator/**'], message: 'Production code must not import the Graph emulator.' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Input sanitising matches control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // The dependency rule: only the Teams glue and the server know botbuilder and restify,
    // and production code never reaches into the Graph emulator (a development and test tool).
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**', 'src/server.ts', 'src/app.ts', 'src/emulator/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEAMS_ONLY, NO_EMULATOR] }] },
  },
  {
    files: ['src/bot/**/*.ts', 'src/server.ts', 'src/app.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_EMULATOR] }] },
  },
  { files: ['*.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
