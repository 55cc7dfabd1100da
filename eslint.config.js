// Lint rules, including the borders between processes (DESIGN.md): shared/ is pure, the
// renderer reaches main only through the typed bridge, and only the thin window layer of
// electron/ (main's Electron glue and the preload) may import Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'zlib',
  'util',
  'url',
  'net',
  'http',
  'https',
  'stream',
];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // What users read: the window, the CLI and shared/ prose (tests and scripts may say "(s)").
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // Plurals go through shared/plural.ts, so the language's rules (and later a translation)
      // choose the word; "file(s)" and `n === 1 ? '' : 's'` cannot be translated.
      'no-restricted-syntax': [
        'error',
        ...[
          'Literal[value=/\\w\\(s\\)/]',
          'TemplateElement[value.raw=/\\w\\(s\\)/]',
          'JSXText[value=/\\w\\(s\\)/]',
        ].map((selector) => ({
          selector,
          message: 'Write plurals with count()/plural() from shared/plural.ts, not "(s)".',
        })),
        {
          selector: "ConditionalExpression[consequent.value=''][alternate.value='s']",
          message: 'Write plurals with count()/plural() from shared/plural.ts.',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'react', 'react-dom', '**/electron/**', '**/renderer/**'],
      'shared/ is pure TypeScript: no I/O, no Electron, no DOM, no imports from electron/ or renderer/.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', '**/electron/**'],
      'The renderer talks to main only through the typed bridge (renderer/api).',
    ),
  },
  {
    // An allow-list, so a new file is under the ban until someone decides otherwise: the IPC
    // handlers, services, CLI and the main process's own rules run and are tested under plain
    // Node, where `require('electron')` throws.
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/main/index.ts',
      'electron/main/window.ts',
      'electron/main/ipc.ts',
      'electron/main/dialogs.ts',
      'electron/main/protocol.ts',
      'electron/main/start-window.ts',
      'electron/main/hardening.ts',
      'electron/preload/index.ts',
    ],
    rules: restrict(
      ['electron', 'electron/*'],
      'Only the thin window layer (the allow-list in eslint.config.js) may import Electron; the rest of electron/ runs under plain Node.',
    ),
  },
  {
    files: [
      'test/**/*.ts',
      'e2e/**/*.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
      'bench/**/*.ts',
      '*.config.ts',
      'scripts/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable' },
    },
  },
);
