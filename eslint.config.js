// Lint rules, decided once. `npm run check` runs ESLint with --max-warnings 0.
// - typescript-eslint's recommended type-checked rules: they catch floating promises and
//   unsafe `any` flows, the bugs an async audio app actually has.
// - eslint-plugin-svelte's recommended rules for components.
// - Prettier owns formatting; no stylistic rules here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'samples/', 'dev-dist/', '.vitest-attachments/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json', './bench/tsconfig.json', './bench/tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  {
    rules: {
      // `void promise` marks a deliberate fire-and-forget (event handlers, timers).
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      // Unused names are errors, except a leading underscore (kept for a signature's sake).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Template strings of numbers are how figures are printed everywhere here.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // It flags every Date, Map and URL in a .svelte.ts file, also timestamps that are
      // never mutated and caches that are deliberately not reactive (the decode cache).
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // svelte-check type-checks templates with the real types; ESLint's Svelte parser sees
    // the parameters of template callbacks (events, component props) as any.
    files: ['**/*.svelte'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Tests read exported files with JSON.parse and match with expect.any(): values of
    // type any by design, checked by the assertions themselves.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JS config files are not in a tsconfig: lint them without type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
