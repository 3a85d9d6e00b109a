import * as assert from 'node:assert/strict';
import { dependencyScope } from '../../../server/src/dependencies/dependency-scope';

describe('dependency scope from the declaring section', () => {
  it('reads development sections of every ecosystem as dev', () => {
    for (const group of [
      'devDependencies',
      'require-dev',
      'dev-dependencies',
      'build-dependencies',
      "target.'cfg(unix)'.dev-dependencies",
      'test',
      'development',
      'dev-packages',
      'tool.poetry.dev-dependencies',
      'tool.poetry.group.lint',
      'dependency-groups.docs',
      'requirements-dev',
      'test-requirements',
      'development,test',
    ]) {
      assert.equal(dependencyScope(group), 'dev', group);
    }
  });

  it('reads shipped sections as runtime', () => {
    for (const group of ['dependencies', 'optionalDependencies', 'peerDependencies', 'require', 'indirect', 'requirements', 'compile', 'runtime', 'provided', 'default', 'production', 'tool.poetry.dependencies', 'tool.poetry.group.main', 'packages', 'PackageReference', 'project.optional-dependencies.postgres', 'target.cfg(windows).dependencies']) {
      assert.equal(dependencyScope(group), 'runtime', group);
    }
  });
});
