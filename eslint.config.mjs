// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.local/', 'scripts/local/loopback-only.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/teams/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['botbuilder*'], message: 'botbuilder stays inside src/teams.' }] },
      ],
    },
  },
  {
    files: ['src/teams/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/infrastructure', '**/infrastructure/**'],
              message: 'Teams code reaches the store and files through the use cases and their ports.',
            },
          ],
        },
      ],
    },
  },
  // After the src/** block: a later block's no-restricted-imports replaces an earlier one's for the
  // same files, so the domain's list (which includes botbuilder) must come last to hold.
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // An allowlist: the domain's own modules, node's built-ins and these libraries.
              regex: '^(?!\\.|node:|(?:luxon|date-holidays|diff|zod)$)',
              message: 'src/domain uses only itself, node built-ins, luxon, date-holidays, diff and zod.',
            },
            {
              group: ['**/teams', '**/teams/**', '**/infrastructure', '**/infrastructure/**', '**/report/**'],
              message: 'The domain does not depend on adapters.',
            },
            {
              group: [
                '**/config',
                '**/app',
                '**/server',
                '**/main',
                '**/cli',
                '**/logger',
                '**/telemetry',
                '**/scheduler',
                '**/http-limits',
              ],
              message:
                'The domain does not depend on the composition root or its services: pass what it needs in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['eslint.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
