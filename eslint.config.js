// ESLint (flat config): typescript-eslint's recommended rules everywhere, React's hooks rules in the
// web app. `npm run lint` runs it with --max-warnings 0, in .ci/run before the tests.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  { ignores: ['dist/', 'coverage/', '.tmp/', 'data/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a value left out on purpose (a destructured field, a callback's argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  // Migrations are frozen in time and typed against no schema (Kysely<any>, as Kysely's docs do);
  // tests read JSON answers whose shape is what they assert.
  { files: ['src/store/migrations/**', 'test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['app/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
]);
