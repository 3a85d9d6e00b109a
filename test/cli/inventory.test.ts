import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli as runCliInProcess } from '../../server/src/cli/run-cli';
import { makeTempDir } from '../support/temp-dirs';
import { runCli } from './support/run-cli';

const REAL_REPORTS = path.resolve(__dirname, '../fixtures/inventory/real');

interface PoolPackage {
  readonly name: string;
  readonly versions: readonly string[];
  readonly license?: string;
  /** What the generated policy makes of the license. */
  readonly verdict: 'allowed' | 'problem' | 'approvable';
}

/** Packages the generated repositories draw from, each with what the policy below decides for it. */
const POOL: readonly PoolPackage[] = [
  { name: 'left-pad', versions: ['1.2.0', '1.3.0'], license: 'MIT', verdict: 'allowed' },
  { name: 'lodash', versions: ['4.17.20', '4.17.21'], license: 'MIT', verdict: 'allowed' },
  { name: 'tslib', versions: ['2.6.2'], license: '0BSD', verdict: 'problem' },
  { name: 'apache-lib', versions: ['1.0.0', '2.0.0', '10.0.0'], license: 'Apache-2.0', verdict: 'allowed' },
  { name: 'gpl-lib', versions: ['3.0.0'], license: 'GPL-3.0-only', verdict: 'problem' },
  { name: 'mpl-lib', versions: ['2.0.0', '2.1.0'], license: 'MPL-2.0', verdict: 'approvable' },
  { name: 'mystery', versions: ['0.1.0'], verdict: 'problem' },
  { name: '@acme/util', versions: ['1.0.0'], license: 'ISC', verdict: 'allowed' },
  { name: 'bsd-lib', versions: ['1.0.0'], license: 'BSD-3-Clause', verdict: 'allowed' },
  { name: 'either-lib', versions: ['1.0.0'], license: 'MIT OR Apache-2.0', verdict: 'allowed' },
];

const POLICY = {
  licenses: { allow: ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'], review: ['MPL-2.0'], deny: ['GPL-3.0-only'], unknown: 'review', unlisted: 'review' },
  headers: { enabled: false },
  approvals: { defaultExpiry: '12 months' },
};

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Approval = 'approved' | 'pending' | 'expired';

interface GeneratedRepo {
  readonly name: string;
  readonly dir: string;
  readonly packages: ReadonlyArray<{ readonly pkg: PoolPackage; readonly version: string }>;
  readonly approval?: Approval;
}

/** Writes a project with installed packages and an approvals log; what each should become is known from the pool. */
function generateRepo(root: string, index: number, name: string, next: () => number): GeneratedRepo {
  const dir = path.join(root, `repo-${index}`);
  const chosen = POOL.filter(() => next() < 0.5).map((pkg) => ({ pkg, version: pkg.versions[Math.floor(next() * pkg.versions.length)] }));
  const write = (file: string, value: unknown) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(value, null, 2));
  };
  write('package.json', { name: `repo-${index}`, version: '1.0.0', dependencies: Object.fromEntries(chosen.map((c) => [c.pkg.name, c.version])) });
  for (const { pkg, version } of chosen) write(`node_modules/${pkg.name}/package.json`, { name: pkg.name, version, ...(pkg.license ? { license: pkg.license } : {}) });
  write('.ospo/policy.json', POLICY);
  const mpl = chosen.find((c) => c.pkg.name === 'mpl-lib');
  const approval: Approval | undefined = mpl ? (['approved', 'pending', 'expired'] as const)[index % 3] : undefined;
  const request = { package: 'pkg:npm/mpl-lib', license: 'MPL-2.0', requestedBy: 'Dana <dana@example.org>', requestedAt: '2026-01-10', justification: 'Needed.' };
  const review = { reviewedBy: 'Olga <olga@example.org>', reviewedAt: '2026-01-12' };
  const entries =
    approval === 'approved'
      ? [{ ...request, status: 'approved', ...review, expires: '2099-01-01' }]
      : approval === 'expired'
        ? [{ ...request, status: 'approved', ...review, expires: '2020-01-01' }]
        : approval === 'pending'
          ? [{ ...request, status: 'requested' }]
          : [];
  write('.ospo/approvals.json', { approvals: entries });
  return { name, dir, packages: chosen, ...(approval ? { approval } : {}) };
}

const purlOf = (name: string) => `pkg:npm/${name.startsWith('@') ? `%40${name.slice(1)}` : name}`;

async function auditInto(repo: GeneratedRepo, output: string): Promise<void> {
  const sink = { write: () => true };
  const status = await runCliInProcess(['audit', repo.dir, '--format', 'json', '--output', output, '--repository', repo.name, '--fail-on', 'none'], { stdout: sink, stderr: sink, cwd: repo.dir });
  assert.equal(status, 0);
}

/** A table row as the page's DOM has it (the tests compile without the DOM library). */
interface BrowserRow {
  readonly hidden: boolean;
  readonly cells: ArrayLike<{ readonly textContent: string | null }>;
}

interface InventoryJson {
  repositories: Array<{ name: string; sources: string[]; packages: number; problems: number }>;
  packages: Array<{ purl: string; name: string; versions: string[]; licenses: string[]; status: string; repositories: string[]; usages: Array<{ repository: string; versions: string[]; status: string }> }>;
  pendingApprovals: Array<{ package: string; repository: string }>;
  expiredApprovals: Array<{ package: string; repository: string; expires: string }>;
  licenses: Array<{ license: string; packages: number; repositories: number }>;
  notes: string[];
}

describe('ospo-guide inventory', function () {
  this.timeout(120000);
  const HOSTILE = 'acme/<img src=x onerror=alert(1)>&"quoted"';
  let root: string;
  let reportsDir: string;
  let repos: GeneratedRepo[];

  before(async () => {
    root = makeTempDir('inventory');
    reportsDir = path.join(root, 'reports');
    fs.mkdirSync(reportsDir);
    const next = random(13);
    repos = [];
    for (let i = 0; i < 55; i++) {
      // Two folders of one monorepo report under the same name; one name tries to break out of the HTML.
      const name = i === 10 || i === 11 ? 'acme/monorepo' : i === 7 ? HOSTILE : `acme/service-${String(i).padStart(2, '0')}`;
      repos.push(generateRepo(root, i, name, next));
    }
    for (const [i, repo] of repos.entries()) await auditInto(repo, path.join(reportsDir, `report-${String(i).padStart(2, '0')}.json`));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('merges 55 generated reports: every package with its versions, licenses, worst status and repositories', () => {
    const result = runCli(['inventory', reportsDir, '--format', 'json'], root);
    assert.equal(result.status, 0, result.stderr);
    const inventory: InventoryJson = JSON.parse(result.stdout);

    const names = [...new Set(repos.map((r) => r.name))].sort();
    assert.deepEqual(inventory.repositories.map((r) => r.name).sort(), names);
    assert.equal(inventory.repositories.find((r) => r.name === 'acme/monorepo')!.sources.length, 2);
    assert.ok(inventory.notes.some((n) => n.includes('2 reports name the repository "acme/monorepo"')));

    for (const pkg of POOL) {
      const users = repos.filter((r) => r.packages.some((c) => c.pkg === pkg));
      const row = inventory.packages.find((p) => p.purl === purlOf(pkg.name));
      if (!users.length) {
        assert.equal(row, undefined);
        continue;
      }
      assert.ok(row, `${pkg.name} missing from the inventory`);
      assert.deepEqual(row.repositories, [...new Set(users.map((r) => r.name))].sort(), pkg.name);
      const versions = [...new Set(users.map((r) => r.packages.find((c) => c.pkg === pkg)!.version))];
      assert.deepEqual([...row.versions].sort(), versions.sort(), pkg.name);
      assert.deepEqual(row.licenses, [pkg.license ?? 'unknown'], pkg.name);
      const statusIn = (r: GeneratedRepo) => (pkg.verdict === 'approvable' ? (r.approval === 'approved' ? 'approved' : 'problem') : pkg.verdict);
      const worstOf = (statuses: string[]) => (statuses.includes('problem') ? 'problem' : statuses.includes('approved') ? 'approved' : 'allowed');
      assert.equal(row.status, worstOf(users.map(statusIn)), pkg.name);
      // Per repository: the versions it uses and what its policy made of them (a monorepo's folders combined).
      for (const usage of row.usages) {
        const folders = users.filter((r) => r.name === usage.repository);
        assert.deepEqual([...usage.versions].sort(), [...new Set(folders.map((r) => r.packages.find((c) => c.pkg === pkg)!.version))].sort(), `${pkg.name} in ${usage.repository}`);
        assert.equal(usage.status, worstOf(folders.map(statusIn)), `${pkg.name} in ${usage.repository}`);
      }
    }
    // Versions sort as numbers: 10.0.0 after 2.0.0.
    const apache = inventory.packages.find((p) => p.name === 'apache-lib');
    if (apache && apache.versions.includes('10.0.0') && apache.versions.includes('2.0.0')) assert.ok(apache.versions.indexOf('10.0.0') > apache.versions.indexOf('2.0.0'));

    const expectApprovals = (kind: Approval) => repos.filter((r) => r.approval === kind).map((r) => r.name).sort();
    assert.deepEqual(inventory.pendingApprovals.map((a) => a.repository).sort(), expectApprovals('pending'));
    assert.deepEqual(inventory.expiredApprovals.map((a) => a.repository).sort(), expectApprovals('expired'));
    assert.ok(inventory.expiredApprovals.every((a) => a.package === 'pkg:npm/mpl-lib' && a.expires === '2020-01-01'));

    const mit = inventory.licenses.find((l) => l.license === 'MIT')!;
    const mitPackages = POOL.filter((p) => p.license === 'MIT' && repos.some((r) => r.packages.some((c) => c.pkg === p)));
    assert.equal(mit.packages, mitPackages.length);
    assert.equal(mit.repositories, new Set(repos.filter((r) => r.packages.some((c) => c.pkg.license === 'MIT')).map((r) => r.name)).size);
  });

  it('writes a self-contained HTML file with sortable tables, escaping every value', () => {
    const output = path.join(root, 'inventory.html');
    const result = runCli(['inventory', reportsDir, '--format', 'html', '--output', output], root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Inventory of 54 repositories and \d+ packages written to /);
    const html = fs.readFileSync(output, 'utf8');
    assert.ok(!html.includes('<img'), 'a repository name became markup');
    assert.ok(html.includes('acme/&lt;img src=x onerror=alert(1)&gt;&amp;&quot;quoted&quot;'));
    // Nothing is loaded from elsewhere, and only the page's own script may run.
    assert.doesNotMatch(html, /<[^>]*\s(src|href)=/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    const csp = /script-src 'sha256-([^']+)'/.exec(html)![1];
    assert.equal(createHash('sha256').update(script).digest('base64'), csp);
    assert.equal(html.match(/<table class="sortable"/g)!.length, 5);
    assert.match(html, /<table class="sortable" id="packages">/);
  });

  it('sorts its tables by any column and filters packages in a real browser, under its own Content-Security-Policy', async function () {
    const chromiumPath = process.env.OSPO_E2E_CHROMIUM || '/usr/bin/chromium';
    if (!fs.existsSync(chromiumPath)) this.skip();
    const output = path.join(root, 'sortable.html');
    assert.equal(runCli(['inventory', reportsDir, '--format', 'html', '--output', output], root).status, 0);
    const { chromium } = await import('playwright-core');
    const profile = makeTempDir('inventory-browser');
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], env: { ...process.env, TMPDIR: profile } });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(pathToFileURL(output).href);
      const column = (table: string, index: number) => page.$$eval(`#${table} tbody tr`, (rows, i) => (rows as unknown as BrowserRow[]).map((r) => r.cells[i].textContent ?? ''), index);

      // "Used by" counts sort as numbers, both ways.
      await page.click('#packages th:nth-child(6)');
      const ascending = (await column('packages', 5)).map(Number);
      assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
      await page.click('#packages th:nth-child(6)');
      const descending = (await column('packages', 5)).map(Number);
      assert.deepEqual(descending, [...ascending].sort((a, b) => b - a));
      assert.equal(await page.getAttribute('#packages th:nth-child(6)', 'aria-sort'), 'descending');

      await page.click('#repositories th:nth-child(1)');
      const repoNames = await column('repositories', 0);
      assert.deepEqual(repoNames, [...repoNames].sort((a, b) => a.localeCompare(b)));

      await page.fill('#filter', 'gpl-lib');
      const visible = await page.$$eval('#packages tbody tr', (rows) => (rows as unknown as BrowserRow[]).filter((r) => !r.hidden).map((r) => r.cells[0].textContent));
      assert.deepEqual(visible, ['pkg:npm/gpl-lib']);
      // The hostile name stayed text.
      assert.equal(await page.$$eval('img', (images) => images.length), 0);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('merges real reports of an npm application, a webpack toolchain and Flask with generated ones', () => {
    const real = fs.readdirSync(REAL_REPORTS).filter((f) => f.endsWith('.json')).map((f) => path.join(REAL_REPORTS, f));
    assert.equal(real.length, 3);
    const result = runCli(['inventory', ...real, path.join(reportsDir, 'report-00.json'), '--format', 'json'], root);
    assert.equal(result.status, 0, result.stderr);
    const inventory: InventoryJson = JSON.parse(result.stdout);
    assert.deepEqual(
      inventory.repositories.map((r) => r.name).sort(),
      ['acme/service-00', 'example/express-app', 'example/webpack-app', 'github.com/pallets/flask'],
    );
    const express = inventory.packages.find((p) => p.purl === 'pkg:npm/express')!;
    assert.deepEqual(express.repositories, ['example/express-app']);
    assert.deepEqual(express.licenses, ['MIT']);
    // A package both npm applications use is one row naming both.
    const ms = inventory.packages.find((p) => p.purl === 'pkg:npm/ms');
    assert.ok(ms && ms.repositories.includes('example/express-app'), JSON.stringify(ms));
    assert.ok(inventory.packages.some((p) => p.purl.startsWith('pkg:pypi/') && p.repositories.includes('github.com/pallets/flask')));
    const totals = inventory.licenses.reduce((n, l) => n + l.packages, 0);
    assert.ok(totals >= inventory.packages.length);

    const markdown = runCli(['inventory', ...real], root);
    assert.equal(markdown.status, 0, markdown.stderr);
    assert.match(markdown.stdout, /^# Open source inventory\n\n3 repositories, \d+ packages \(\d+ with problems\)/);
    assert.match(markdown.stdout, /\| pkg:npm/);
  });

  it('refuses a file that is not a JSON audit report, naming it', () => {
    const bogus = path.join(root, 'not-a-report.json');
    fs.writeFileSync(bogus, '{"runs": []}');
    const result = runCli(['inventory', bogus], root);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /not-a-report\.json: not a JSON audit report/);
    assert.equal(runCli(['inventory'], root).status, 2);
    assert.equal(runCli(['inventory', reportsDir, '--format', 'pdf'], root).status, 2);
  });
});
