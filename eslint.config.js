// ESLint's recommended rules and typescript-eslint's, over the TypeScript we write.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // src/manifest/generated/: ajv's validators, written by `npm run generate:validators`, not by us.
    ignores: [
      'dist/',
      'node_modules/',
      'test-results/',
      '.bench-build/',
      'examples/',
      'test/fixtures/',
      'src/manifest/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore names what a signature or a destructuring must hold but we do not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read arbitrary JSON from fakes and payloads; `any` there is reading, not typing.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
