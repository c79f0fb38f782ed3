import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const resolver = fileURLToPath(new URL('./scripts/eslint-import-resolver.cjs', import.meta.url));

// The dashboard's layers (docs/decisions/0007-feature-boundaries.md): shared →
// client lib and components → features → app. A feature imports its own
// files, the shared layers, and of another feature only its api/ (queries,
// hooks and requests: what it offers on purpose); components of different
// features meet only in app/, which composes them.
const sameFeature = { captured: { feature: '{{ from.element.captured.feature }}' } };
const layers = {
  settings: {
    'import/resolver': { [resolver]: { extensions: ['.ts', '.tsx', '.js'] } },
    'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    'import/extensions': ['.ts', '.tsx', '.js'],
    // Cycles are looked for in the project's own code only.
    'import/ignore': ['node_modules'],
    'boundaries/elements': [
      { type: 'app', pattern: 'client/app', partialMatch: false },
      { type: 'feature-api', pattern: 'client/features/*/api', capture: ['feature'], partialMatch: false },
      { type: 'feature', pattern: 'client/features/*', capture: ['feature'], partialMatch: false },
      { type: 'client-shared', pattern: ['client/lib', 'client/components'], partialMatch: false },
      { type: 'shared', pattern: 'shared', partialMatch: false },
      { type: 'server', pattern: 'server', partialMatch: false },
    ],
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        policies: [
          { from: { element: { type: 'app' } }, allow: { to: { element: { types: { anyOf: ['app', 'feature', 'feature-api', 'client-shared', 'shared'] } } } } },
          {
            from: { element: { types: { anyOf: ['feature', 'feature-api'] } } },
            allow: [
              { to: { element: { types: { anyOf: ['feature', 'feature-api'] }, ...sameFeature } } },
              { to: { element: { types: { anyOf: ['feature-api', 'client-shared', 'shared'] } } } },
            ],
          },
          { from: { element: { type: 'client-shared' } }, allow: { to: { element: { types: { anyOf: ['client-shared', 'shared'] } } } } },
          { from: { element: { type: 'shared' } }, allow: { to: { element: { type: 'shared' } } } },
        ],
      },
    ],
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
};

// The dashboard's code and the shared schemas use zod/mini: zod's chained API
// takes its whole JSON Schema converter into the first page (client/README.md).
const classicZod = { name: 'zod', message: "Use 'zod/mini' (shared/schemas/zod.ts in shared/): the dashboard's first page is budgeted." };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}', 'shared/**/*.ts'],
    // Tests may reach across layers to set things up; the code they test may not.
    ignores: ['**/*.test.{ts,tsx}'],
    plugins: { boundaries, import: importPlugin },
    ...layers,
  },
  {
    // The import resolver the rules above load: CommonJS, as eslint-module-utils requires it.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Tests included: the client never reaches into the server.
      'no-restricted-imports': [
        'error',
        {
          paths: [classicZod],
          patterns: [{ group: ['#server/*', '**/server/**'], message: 'The client may import only shared/ and client/ code.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [classicZod],
          patterns: [{ group: ['#server/*', '#client/*', '**/server/**', '**/client/**'], message: 'shared/ is imported by both sides and imports neither.' }],
        },
      ],
    },
  },
);
