import * as path from 'node:path';
import type { EcosystemSupport } from './ecosystem';
import { pythonManifestKind } from './pypi/python-manifest-kind';

/**
 * What the registry knows of an ecosystem before one of its manifests is seen: which files are its manifests,
 * and which files alter its resolution (for the server's file watching). Its parsers and resolvers are loaded
 * when a manifest is first checked (see registry.ts).
 */
export type EcosystemManifests = Pick<EcosystemSupport, 'ecosystem' | 'isManifest' | 'resolutionInputs'>;

export const NPM_MANIFESTS: EcosystemManifests = {
  ecosystem: 'npm',
  isManifest: (fileName) => fileName === 'package.json',
  resolutionInputs: ['package-lock.json', 'npm-shrinkwrap.json', 'node_modules/**/package.json'],
};

export const PYPI_MANIFESTS: EcosystemManifests = {
  ecosystem: 'pypi',
  isManifest: (fileName, filePath) => pythonManifestKind(fileName, filePath) !== undefined,
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

export const GOLANG_MANIFESTS: EcosystemManifests = {
  ecosystem: 'golang',
  isManifest: (fileName) => path.basename(fileName) === 'go.mod',
  // The module cache lives outside the workspace and is immutable per version; vendored copies are inside.
  resolutionInputs: ['vendor/modules.txt', 'vendor/**/LICENSE*', 'vendor/**/COPYING*'],
};

export const CARGO_MANIFESTS: EcosystemManifests = {
  ecosystem: 'cargo',
  isManifest: (fileName) => path.basename(fileName) === 'Cargo.toml',
  // A member crate's lock and workspace root sit up to a few folders above it; the registry cache is outside.
  resolutionInputs: ['Cargo.lock', '../Cargo.lock', '../../Cargo.lock', '../Cargo.toml', '../../Cargo.toml', 'vendor/*/Cargo.toml'],
};

export const MAVEN_MANIFESTS: EcosystemManifests = {
  ecosystem: 'maven',
  isManifest: (fileName) => fileName === 'pom.xml',
  // Maven has no lock file; a parent POM in the workspace supplies properties and managed versions.
  resolutionInputs: ['../pom.xml'],
};

export const NUGET_MANIFESTS: EcosystemManifests = {
  ecosystem: 'nuget',
  isManifest: (fileName) => /\.(cs|fs|vb)proj$/i.test(fileName) || fileName === 'Directory.Packages.props',
  // Central versions may sit several folders up; the server watches these relative to the project.
  resolutionInputs: ['packages.lock.json', 'Directory.Packages.props', '../Directory.Packages.props', '../../Directory.Packages.props', '../../../Directory.Packages.props'],
};

export const COMPOSER_MANIFESTS: EcosystemManifests = {
  ecosystem: 'composer',
  isManifest: (fileName) => fileName === 'composer.json',
  resolutionInputs: ['composer.lock', 'vendor/*/*/composer.json'],
};

export const GEM_MANIFESTS: EcosystemManifests = {
  ecosystem: 'gem',
  isManifest: (fileName) => fileName === 'Gemfile' || fileName === 'gems.rb',
  resolutionInputs: ['Gemfile.lock', 'gems.locked', 'vendor/bundle/ruby/*/specifications/*.gemspec'],
};
