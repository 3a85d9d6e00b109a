import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { noTypeImportCycle } from './scripts/eslint/no-type-import-cycle.mjs';

// Layers of server/src, lowest first. A folder (or top-level file) may import from its own layer and the
// layers below it, never from a layer above. See "Architecture" in README.md.
export const SERVER_LAYERS = [
  ['io', 'text', 'spdx', 'formats', 'tool-version.ts'],
  ['policy', 'findings', 'approvals'],
  ['licenses', 'headers'],
  ['reuse'],
  ['ecosystems'],
  ['dependencies'],
  ['workspace'],
  ['audit', 'report', 'inventory', 'notices', 'sbom'],
  ['protocol'],
  ['lsp', 'cli', 'server.ts', 'cli.ts'],
];

// Top-level files are written as one-name globs: the rule wants `from` to be all globs.
const serverPath = (entry) => (entry.endsWith('.ts') ? `./server/src/@(${entry})` : `./server/src/${entry}/**`);

const layerZones = SERVER_LAYERS.flatMap((layer, index) => {
  const above = SERVER_LAYERS.slice(index + 1).flat().map(serverPath);
  if (above.length === 0) return [];
  return layer.map((entry) => ({
    target: serverPath(entry),
    from: above,
    message: `server/src layers import downwards only: ${entry} may not import from a higher layer (see "Architecture" in README.md).`,
  }));
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  // The product's code is linted with type information too (floating promises, unsafe any, needless assertions).
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['client/src/**/*.ts', 'server/src/**/*.ts'] })),
  {
    files: ['client/src/**/*.ts', 'server/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    plugins: { 'import-x': importX, layers: { rules: { 'no-type-import-cycle': noTypeImportCycle } } },
    settings: {
      // Without these the plugin reads only .js files, and no-cycle would see no TypeScript module's imports.
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './server/tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': 'error',
      // import-x/no-cycle skips type-only imports; this reports the cycles they close.
      'layers/no-type-import-cycle': 'error',
    },
  },
  {
    // Node's modules first, then packages, then the project's own modules.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/order': ['error', { groups: ['builtin', 'external', ['internal', 'parent', 'sibling', 'index']], 'newlines-between': 'ignore' }],
    },
  },
);
