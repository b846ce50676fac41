import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer directions (README "Architecture"). Each entry names a folder a layer must not import;
 * a pattern matches any relative path that reaches that folder, however many `../` it takes.
 */
const forbid = (paths, why) => paths.map((path) => ({ regex: `^(\\.{1,2}/)+(.*/)?${path}(/|$)`, message: why }));
const AWS_SDK = { regex: '^@aws-sdk/', message: 'Only src/adapters and src/handlers/shared/wiring talk to AWS.' };
const POWERTOOLS = { regex: '^@aws-lambda-powertools/', message: 'Logging, metrics and tracing live at the handler edge (src/handlers).' };
const OUTSIDE_SRC = forbid(['infra', 'local', 'web', 'test', 'testkit', 'bench', 'scripts'], 'Runtime code never imports the CDK app, the local runtime, the portal or test code.');

const layers = [
  {
    files: ['src/contract/**'],
    patterns: [{ regex: '^\\.\\./', message: 'src/contract is a leaf: it imports nothing from the project.' }, AWS_SDK, POWERTOOLS],
  },
  {
    files: ['src/domain/**'],
    patterns: [...forbid(['use-cases', 'ports', 'adapters', 'handlers'], 'The domain is pure: it imports only the contract and itself.'), ...OUTSIDE_SRC, AWS_SDK, POWERTOOLS],
  },
  {
    files: ['src/emails/**'],
    patterns: [...forbid(['use-cases', 'ports', 'adapters', 'handlers'], 'Emails are pure templates over the domain and contract: use cases call them.'), ...OUTSIDE_SRC, AWS_SDK, POWERTOOLS],
  },
  {
    files: ['src/ports/**'],
    patterns: [...forbid(['use-cases', 'adapters', 'handlers'], 'Ports are interfaces over the domain and contract.'), ...OUTSIDE_SRC, AWS_SDK, POWERTOOLS],
  },
  {
    files: ['src/use-cases/**'],
    patterns: [...forbid(['adapters', 'handlers'], 'Use cases take ports as parameters; they never reach adapters or handlers.'), ...OUTSIDE_SRC, AWS_SDK, POWERTOOLS],
  },
  {
    files: ['src/adapters/**'],
    patterns: [...forbid(['use-cases', 'handlers'], 'Adapters implement ports; they do not call use cases or handlers.'), ...OUTSIDE_SRC, POWERTOOLS],
  },
  {
    files: ['src/handlers/**'],
    ignores: ['src/handlers/shared/wiring/**'],
    patterns: [...OUTSIDE_SRC, AWS_SDK],
  },
  { files: ['src/handlers/shared/wiring/**'], patterns: OUTSIDE_SRC },
  {
    files: ['infra/**'],
    patterns: forbid(['src/adapters', 'src/handlers', 'src/use-cases', 'src/ports', 'local', 'web', 'test', 'testkit'], 'Synthesis loads only the contract and the domain: no SDK adapter or handler code runs at load.'),
  },
  {
    files: ['web/**'],
    patterns: [...forbid(['src/adapters', 'src/handlers', 'src/use-cases', 'src/ports', 'infra', 'local', 'test', 'testkit'], 'The portal imports only src/contract and src/domain.'), AWS_SDK],
  },
  {
    files: ['bench/**', 'scripts/**', 'testkit/**', 'local/**'],
    patterns: forbid(['test'], 'Shared test support lives in testkit/; test/ is imported by nothing.'),
  },
];

// e2e pages: removing a page's last route hangs requests paused at that moment (test/e2e/support/browser.ts).
const UNROUTE_ALL = { property: 'unrouteAll', message: "Unroute the test's own routes: removing a page's last route hangs requests paused at that moment (test/e2e/support/browser.ts)." };
const NEW_PAGE_OUTSIDE_SUPPORT = { property: 'newPage', message: 'Open pages with newPage/newTab from test/e2e/support/browser.ts: each page keeps a route so removing a test route never hangs its requests.' };

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'web/dist', '.data', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...layers.map(({ files, ignores, patterns }) => ({ files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', { patterns }] } })),
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The local runtime, benchmarks and the CDK app talk to a person on the terminal.
    files: ['local/**', 'bench/**', 'scripts/**', 'infra/app.ts', 'test/**', 'testkit/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/e2e/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        UNROUTE_ALL,
      ],
    },
  },
  {
    files: ['test/e2e/**'],
    ignores: ['test/e2e/support/browser.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        UNROUTE_ALL,
        NEW_PAGE_OUTSIDE_SUPPORT,
      ],
    },
  },
);
