// Lint, and the architecture's dependency direction (README.md, "Architecture"):
//   renderer -> shared;  electron/main, electron/host -> electron/core -> shared.
// electron/core never imports 'electron'; shared imports neither Node nor the DOM; nothing imports
// the renderer; the renderer never imports electron/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import { builtinModules } from 'node:module';
import noImportCycle from './scripts/eslint/no-import-cycle.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'];
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer runs in the browser too: no Node modules.' }));
const noElectron = [{ name: 'electron', message: 'Only electron/main and electron/preload may import Electron.' }];
const rendererPattern = { group: ['**/renderer/**', '@/**'], message: 'Nothing imports the renderer.' };
const electronDirPattern = { group: ['**/electron/**'], message: 'The renderer talks to the core only through the RPC client.' };
const shellPattern = { group: ['**/main/**', '**/preload/**', '**/host/**'], message: 'The core does not know its transports.' };
const outsideSharedPattern = { group: ['../../*', '../../**', '!../../shared/**'], message: 'shared/ depends on nothing else in the repo.' };
const rpcClientPattern = {
  group: ['**/api/inject', '**/api/rpc-client'],
  message: 'Components and pages reach the core through stores (or composables over them), never through the RPC client.',
};
const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'HTMLElement', 'fetch'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    // Type-aware rules: every TypeScript file belongs to one of the projects' tsconfigs.
    files: ['**/*.ts', '**/*.vue'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.web-test.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    plugins: { project: { rules: { 'no-import-cycle': noImportCycle } } },
    files: ['**/*.{ts,vue,js,mjs}'],
    rules: { 'project/no-import-cycle': 'error' },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNode, ...noElectron], patterns: [outsideSharedPattern, rendererPattern, electronDirPattern] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS, 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    // One folder deeper (shared/wire/qontak/...): the same rule, its relative paths one level longer.
    files: ['shared/*/*/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, ...noElectron],
          patterns: [{ ...outsideSharedPattern, group: ['../../../*', '../../../**', '!../../../shared/**'] }, rendererPattern, electronDirPattern],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: noElectron, patterns: [rendererPattern, shellPattern] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS.filter((g) => g !== 'fetch')],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/host/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererPattern] }] },
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noElectron, patterns: [rendererPattern] }] },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNode, ...noElectron], patterns: [electronDirPattern] }],
    },
  },
  {
    files: ['renderer/src/components/**/*.{ts,vue}', 'renderer/src/pages/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNode, ...noElectron], patterns: [electronDirPattern, rpcClientPattern] }],
    },
  },
);
