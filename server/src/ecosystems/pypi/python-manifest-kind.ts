import * as path from 'node:path';
import type { PythonManifestKind } from './pypi-resolver';

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
