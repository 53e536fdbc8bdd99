// The lint `npm test` runs first (`npm run lint`): typescript-eslint's
// recommended rules on the sources, and the core kept pure — nothing under
// server/src/core/ may reach the editor, the language server protocol, the
// disk or processes (the hosts pass in a FileSystem and a GitRunner; the Node
// pieces live in server/src/node/). Import circles are found by
// dependency-cruiser (.dependency-cruiser.cjs), which also sees type-only
// imports.
import tseslint from 'typescript-eslint';

const NOT_IN_CORE = 'The core is pure: the hosts (server/src/cli, server/src/lsp) pass it what it needs; Node pieces live in server/src/node.';

export default tseslint.config(
  { files: ['server/src/**/*.ts', 'client/src/**/*.ts'], extends: [tseslint.configs.recommended] },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'vscode-languageserver', 'fs', 'node:fs', 'child_process', 'node:child_process'].map((name) => ({ name, message: NOT_IN_CORE })),
          patterns: [
            { group: ['vscode-languageserver/*', 'fs/*', 'node:fs/*'], message: NOT_IN_CORE },
            { group: ['**/node', '**/node/*', '**/cli/*', '**/lsp/*'], message: NOT_IN_CORE },
          ],
        },
      ],
    },
  },
);
