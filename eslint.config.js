// Lint rules, including the layering rules from design.md: only src/cli (the composition root)
// picks concrete capture backends; checks import only the check kit; analysis never imports
// scoring; and the iOS backend never imports the Android one.
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
    // Allow-list (Playwright's DEPS.list): a check is a pure function of its declared inputs, so it
    // may use the check kit and type-only imports, nothing else: no capture, no analysis internals,
    // no scoring (the stage after it), no file system or packages.
    files: ['checks/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Anything but the kit's index or a sibling file in checks/.
              regex: '^(?!\\.\\./src/check-kit/index\\.ts$|\\./[\\w.-]+\\.ts$)',
              allowTypeImports: true,
              message: 'Checks import values only from src/check-kit/index.ts (and types from anywhere); add what a check needs to the check kit.',
            },
          ],
        },
      ],
    },
  },
  {
    // The kit sits between analysis and the checks: it may use analysis, evidence and plan types,
    // never the stages after it or capture.
    files: ['src/check-kit/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/scoring/**', '**/report/**', '**/cli/**', '**/capture/**', '**/checks/**'], message: 'The check kit may import only src/analysis, src/evidence and src/plan.' }] },
      ],
    },
  },
  {
    files: ['src/analysis/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/scoring/**', '**/scoring'], message: 'Analysis comes before scoring: src/analysis never imports src/scoring (scoring may import analysis).' }] },
      ],
    },
  },
  {
    files: ['src/capture/ios/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/android/**', '**/android'], message: 'One folder per backend: iOS never imports from src/capture/android; move shared Appium parts to src/capture/appium.' }] },
      ],
    },
  },
);
