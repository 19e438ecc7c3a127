import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SIBLING_CLIS = ['create-mcp-server', 'mcp-inspect', 'mcp-config'].flatMap((name) => [
  name,
  `${name}/*`,
]);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'packages/*/build/**',
      '**/node_modules/**',
      'templates/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.check.json'], tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SIBLING_CLIS,
              message: 'The CLIs never import each other; share code through packages/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // The one allowed direction between CLIs: create registers servers through mcp-config.
    files: ['packages/create/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...SIBLING_CLIS, '!mcp-config/register'],
              message: 'create may use mcp-config/register only.',
            },
          ],
        },
      ],
    },
  },
  {
    // core/ holds the logic: no UI framework, no CLI parser.
    files: ['packages/*/src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['ink', 'ink/*', 'react', 'react/*', '@inkjs/*', 'commander'],
              message: 'core/ must not import ink, react or commander.',
            },
            { group: SIBLING_CLIS, message: 'The CLIs never import each other.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
);
