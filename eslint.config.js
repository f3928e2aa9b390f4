// Lint rules, including the layering rules from design.md: only src/cli (the composition root)
// picks concrete capture backends, and checks never reach into capture code.
import tseslint from 'typescript-eslint';

const concreteDrivers = ['**/capture/web/**', '**/capture/android/**', '**/capture/ios/**', '**/capture/proxy/mockttp*', '**/capture/proxy/proxy-process*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'runs/', 'test-results/', 'playwright-report/', '.tmp/', 'audits/demo/sites/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/capture/web/**', 'src/capture/android/**', 'src/capture/ios/**', 'src/capture/proxy/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: concreteDrivers, message: 'Only src/cli (the composition root) imports concrete drivers; depend on the interfaces in src/capture/driver.ts and src/capture/proxy/types.ts.' }] }],
    },
  },
  {
    files: ['checks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/capture/**', '**/capture/**'], message: 'Checks are pure functions of evidence; they never import capture code.' }] }],
    },
  },
);
