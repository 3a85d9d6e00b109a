import * as path from 'node:path';
import { traceLoad } from '../../io/load-trace';
import type { EcosystemSupport, ParsedManifest } from '../ecosystem';
import { PypiResolver } from './pypi-resolver';
import { pythonManifestKind } from './python-manifest-kind';
import { parsePipfile, parsePyproject } from './pyproject-parser';
import { parseRequirementsFile } from './requirements-parser';
import { PYPI_MANIFESTS } from '../manifest-names';

export { type PypiDependencyDeclaration } from './pypi-declaration';
export { normalizePythonName, pypiPurl } from './python-names';
export { pythonManifestKind } from './python-manifest-kind';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('pypi support');

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
  ...PYPI_MANIFESTS,
  parse: (text, filePath) => parsePythonManifest(text, filePath),
  createResolver: (manifestPath, context) => new PypiResolver(manifestPath, pythonManifestKind(manifestPath) ?? 'requirements', context),
};
