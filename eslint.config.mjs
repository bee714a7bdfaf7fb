/**
 * ESLint (flat config) with typescript-eslint: the habits the codebase already follows, plus size limits that keep
 * functions readable at once. Runs in `npm test` (`npm run lint`). Chosen over Biome because the complexity rule
 * here is ESLint's cyclomatic `complexity` (what the code-health issue measures; Biome only has cognitive
 * complexity), and the existing directive comments already name typescript-eslint rules.
 */
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Apps Script services: never in the pure core, never in the sidebar (which runs in the browser). */
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp', 'UrlFetchApp', 'PropertiesService', 'CacheService', 'ScriptApp', 'LockService', 'HtmlService',
  'Utilities', 'Session', 'Logger', 'DriveApp', 'Browser', 'ContentService', 'MailApp',
].map((name) => ({ name, message: 'Apps Script services belong in src/services (adapters) and src/app, not here.' }));

export default tseslint.config(
  // bench/vendor holds ImportJSON exactly as published (a benchmark baseline): upstream's style, not ours.
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'coverage/**', 'docs/**', 'bench/vendor/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    rules: {
      // A directive without a reason hides why the rule does not apply.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `x != null` (null or undefined) is an idiom here; everything else compares strictly.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      complexity: ['error', 15],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-depth': ['error', 4],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS] } },
  { files: ['src/client/**/*.ts'], languageOptions: { globals: globals.browser }, rules: { 'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS] } },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
    // Node scripts name their `require('crypto')` like the global it shadows.
    rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  { files: ['**/*.cjs', 'sandbox/**/*.js', 'test/support/*.js', 'jest.config.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The sandbox server is split by concern (sandbox/README.md "Layout"); keep each function readable at once.
  {
    files: ['sandbox/**/*.js', 'scripts/cli-args.cjs'],
    rules: {
      complexity: ['error', 15],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  // The workbench page is a plain browser script (no build step), written in ES5 style with `var`.
  { files: ['workbench/page/**/*.js'], languageOptions: { globals: { ...globals.browser }, sourceType: 'script' }, rules: { 'no-var': 'off' } },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    // Tests reach into fakes and browser pages (typed `any`) and load untyped CommonJS tools (gas-local) with require.
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
