import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');

/** Lints `code` as if it were the file at `relativePath`, with the project's own ESLint configuration. */
async function lint(relativePath: string, code: string): Promise<Array<{ ruleId: string | null; message: string }>> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: path.join(ROOT, 'eslint.config.mjs'),
    // The snippet is no file of the TypeScript project: let the type-aware rules see it as a file of its own.
    overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['server/src/*/new-module.ts'] } } } },
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, relativePath) });
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

describe('layering lint rule', function () {
  this.timeout(60000);

  it('rejects an upward import from a low layer', async () => {
    const messages = await lint('server/src/spdx/new-module.ts', "import { startLanguageServer } from '../lsp/language-server';\nexport const start = startLanguageServer;\n");
    const layering = messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths');
    assert.equal(layering.length, 1, JSON.stringify(messages));
    assert.match(layering[0].message, /spdx may not import from a higher layer/);
  });

  it('rejects a type-only upward import too', async () => {
    const messages = await lint('server/src/licenses/new-module.ts', "import type { EcosystemSupport } from '../ecosystems/ecosystem';\nexport type Support = EcosystemSupport;\n");
    assert.deepEqual(
      messages.map((m) => m.ruleId),
      ['import-x/no-restricted-paths'],
    );
  });

  it('allows imports from the same layer and the layers below', async () => {
    const messages = await lint(
      'server/src/dependencies/new-module.ts',
      [
        "import { evaluateLicenseExpression } from '../policy/evaluate-license';",
        "import { parseSpdxExpression } from '../spdx/spdx-expression';",
        "import type { EcosystemSupport } from '../ecosystems/ecosystem';",
        "import { decidePackage } from './decide-package';",
        'export const used = [evaluateLicenseExpression, parseSpdxExpression, decidePackage];',
        'export type Support = EcosystemSupport;',
        '',
      ].join('\n'),
    );
    assert.deepEqual(messages, []);
  });

  it('rejects an import cycle', async () => {
    // toml-scanner.ts imports strict-toml.ts; strict-toml.ts importing it back closes a circle.
    const messages = await lint('server/src/formats/strict-toml.ts', "import { scanToml } from './toml-scanner';\nexport const scan = scanToml;\n");
    assert.deepEqual(
      messages.map((m) => m.ruleId),
      ['import-x/no-cycle'],
    );
  });

  it('rejects an import cycle that a type-only import closes', async () => {
    const messages = await lint('server/src/formats/strict-toml.ts', "import type { TomlScan } from './toml-scanner';\nexport type Scan = TomlScan;\n");
    assert.deepEqual(
      messages.map((m) => m.ruleId),
      ['layers/no-type-import-cycle'],
    );
    assert.match(messages[0].message, /server\/src\/formats\/strict-toml\.ts → server\/src\/formats\/toml-scanner\.ts → server\/src\/formats\/strict-toml\.ts/);
  });
});
