import * as path from 'node:path';
import type { EcosystemSupport, ParsedManifest } from '../ecosystem';
import { PypiResolver, type PythonManifestKind } from './pypi-resolver';
import { parsePipfile, parsePyproject } from './pyproject-parser';
import { parseRequirementsFile } from './requirements-parser';

export { type PypiDependencyDeclaration } from './pypi-declaration';
export { normalizePythonName, pypiPurl } from './python-names';

/**
 * Which Python manifest a file is: `requirements*.txt` anywhere, any `*.txt` in a `requirements/` folder,
 * `pyproject.toml`, `Pipfile`. A bare name cannot tell a `requirements/` folder, so that case needs the path.
 */
export function pythonManifestKind(fileName: string, filePath?: string): PythonManifestKind | undefined {
  const base = path.basename(fileName);
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'Pipfile') return 'pipfile';
  if (/^requirements.*\.txt$/i.test(base)) return 'requirements';
  const full = filePath ?? fileName;
  if (/\.txt$/i.test(base) && path.basename(path.dirname(full)) === 'requirements') return 'requirements';
  return undefined;
}

/** Parses any Python manifest by its path; never throws. */
export function parsePythonManifest(text: string, filePath: string): ParsedManifest {
  switch (pythonManifestKind(filePath)) {
    case 'pyproject':
      return parsePyproject(text);
    case 'pipfile':
      return parsePipfile(text);
    case 'requirements':
      return parseRequirementsFile(text, path.basename(filePath).replace(/\.txt$/i, ''));
    case undefined:
      return { declarations: [], problems: [] };
  }
}

export const pypiSupport: EcosystemSupport = {
  ecosystem: 'pypi',
  isManifest: (fileName, filePath) => pythonManifestKind(fileName, filePath) !== undefined,
  parse: (text, filePath) => parsePythonManifest(text, filePath),
  createResolver: (manifestPath, context) => new PypiResolver(manifestPath, pythonManifestKind(manifestPath) ?? 'requirements', context),
  resolutionInputs: [
    'poetry.lock',
    'uv.lock',
    'Pipfile.lock',
    '../poetry.lock',
    '../uv.lock',
    '*.txt',
    '{.venv,venv}/lib/python3*/site-packages/*.dist-info/METADATA',
    '{.venv,venv}/Lib/site-packages/*.dist-info/METADATA',
  ],
};
