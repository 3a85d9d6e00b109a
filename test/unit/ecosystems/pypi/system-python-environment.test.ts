import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LicenseEvidence, ResolveContext } from '../../../../server/src/ecosystems/ecosystem';
import { pypiSupport } from '../../../../server/src/ecosystems/pypi';
import { findSystemPythonEnvironment } from '../../../../server/src/ecosystems/pypi/system-python-environment';
import { statementReading } from '../../../../server/src/dependencies/decide-package';
import { describeEvidenceSource } from '../../../../server/src/findings/render/policy-trail';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import { makeTempDir } from '../../../support/temp-dirs';
import { getLicenseTextIndex } from '../../../../server/src/licenses/detection/license-text-index';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/system-python');
const ROOT = path.join(FIXTURE, 'system-root');
const APP = path.join(FIXTURE, 'app', 'requirements.txt');
const DIST_PACKAGES = path.join(ROOT, 'usr/lib/python3/dist-packages');

function context(env: Record<string, string | undefined>): ResolveContext {
  return { files: new CachingFileSource(), env, homeDir: path.join(FIXTURE, 'no-home') };
}

function resolveAll(manifest: string, env: Record<string, string | undefined>): Map<string, LicenseEvidence> {
  const ctx = context(env);
  const resolver = pypiSupport.createResolver(manifest, ctx);
  return new Map(pypiSupport.parse(ctx.files.readText(manifest)!, manifest).declarations.map((d) => [d.name, resolver.resolve(d).pkg.license]));
}

const describe_ = (evidence: LicenseEvidence | undefined) =>
  evidence?.kind === 'declared' ? `${evidence.expression} ${describeEvidenceSource(evidence, statementReading(evidence), { displayPath: (p: string) => path.relative(FIXTURE, p) })}` : JSON.stringify(evidence);

const origin = (debianPackage: string, stated: string) => `system Python environment; Debian package ${debianPackage} states "${stated}"`;

describe('the system Python environment', () => {
  before(function () {
    this.timeout(30000);
    getLicenseTextIndex();
  });

  it("finds the site folders of the interpreter on PATH under the system root, in sys.path's order", () => {
    const files = new CachingFileSource();
    assert.deepEqual(findSystemPythonEnvironment(files, { PATH: '/nowhere/bin:/usr/bin', OSPO_SYSTEM_ROOT: ROOT }), { root: ROOT, sitePackages: [DIST_PACKAGES] });
    assert.equal(findSystemPythonEnvironment(files, { PATH: '/opt/bin', OSPO_SYSTEM_ROOT: ROOT }), undefined);
  });

  it("reads packages without a virtual environment from the system's dist-packages, with Debian's copyright files as evidence", () => {
    const licenses = resolveAll(APP, { PATH: '/usr/bin', OSPO_SYSTEM_ROOT: ROOT });
    assert.equal(describe_(licenses.get('requests')), `Apache-2.0 from ${path.relative(FIXTURE, path.join(ROOT, 'usr/share/doc/python3-requests/copyright'))} (${origin('python3-requests', 'Apache')})`);
    assert.equal(describe_(licenses.get('six')), `MIT from ${path.relative(FIXTURE, path.join(ROOT, 'usr/share/doc/python3-six/copyright'))} (${origin('python3-six', 'Expat')})`);
    assert.equal(describe_(licenses.get('paramiko')), `LGPL-2.1-or-later from ${path.relative(FIXTURE, path.join(ROOT, 'usr/share/doc/python3-paramiko/copyright'))} (${origin('python3-paramiko', 'LGPL-2.1')})`);
    // distutils' single-file .egg-info is read too.
    assert.equal(describe_(licenses.get('pexpect')), `ISC from ${path.relative(FIXTURE, path.join(ROOT, 'usr/share/doc/python3-pexpect/copyright'))} (${origin('python3-pexpect', 'ISC')})`);
  });

  it('says the metadata came from the system environment when Debian records nothing for the package', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-system-python-'));
    try {
      fs.cpSync(path.join(ROOT, 'usr'), path.join(root, 'usr'), { recursive: true });
      const licenses = resolveAll(APP, { PATH: '/usr/bin', OSPO_SYSTEM_ROOT: root });
      const six = licenses.get('six');
      assert.equal(six?.kind === 'declared' && six.source.kind === 'installed' && six.source.origin, 'system Python environment');
      assert.equal(six?.kind === 'declared' && 'path' in six.source && six.source.path, path.join(root, 'usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("reads neither the system's packages nor Debian's records when the project has a virtual environment", () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-venv-project-'));
    try {
      const dist = path.join(project, '.venv/lib/python3.11/site-packages/six-1.16.0.dist-info');
      fs.mkdirSync(dist, { recursive: true });
      fs.writeFileSync(path.join(dist, 'METADATA'), 'Metadata-Version: 2.4\nName: six\nVersion: 1.16.0\nLicense-Expression: MIT\n');
      fs.writeFileSync(path.join(project, 'requirements.txt'), 'six==1.16.0\nrequests\n');
      const licenses = resolveAll(path.join(project, 'requirements.txt'), { PATH: '/usr/bin', OSPO_SYSTEM_ROOT: ROOT });
      assert.equal(describe_(licenses.get('six')), `MIT from installed ${path.relative(FIXTURE, path.join(dist, 'METADATA'))}`);
      assert.equal(licenses.get('requests')?.kind, 'none');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  for (const include of [true, false]) {
    it(`${include ? 'reads' : 'does not read'} the base installation from a virtual environment whose pyvenv.cfg says include-system-site-packages = ${include}`, () => {
      const project = makeTempDir('venv-system');
      const dist = path.join(project, '.venv/lib/python3.11/site-packages/six-1.16.0.dist-info');
      fs.mkdirSync(dist, { recursive: true });
      fs.writeFileSync(path.join(dist, 'METADATA'), 'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n');
      fs.writeFileSync(path.join(project, '.venv/pyvenv.cfg'), `home = /usr/bin\ninclude-system-site-packages = ${include}\nversion = 3.11.2\n`);
      fs.writeFileSync(path.join(project, 'requirements.txt'), 'six==1.16.0\nrequests\n');
      const licenses = resolveAll(path.join(project, 'requirements.txt'), { PATH: '/opt/nothing/bin', OSPO_SYSTEM_ROOT: ROOT });
      // The environment's own copy of six wins, with its own metadata, not Debian's record of the system's copy.
      assert.equal(describe_(licenses.get('six')), `MIT from installed ${path.relative(FIXTURE, path.join(dist, 'METADATA'))}`);
      if (include) {
        assert.equal(describe_(licenses.get('requests')), `Apache-2.0 from ${path.relative(FIXTURE, path.join(ROOT, 'usr/share/doc/python3-requests/copyright'))} (${origin('python3-requests', 'Apache')})`);
      } else {
        assert.equal(licenses.get('requests')?.kind, 'none');
      }
    });
  }
});
