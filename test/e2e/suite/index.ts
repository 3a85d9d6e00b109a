import * as fs from 'node:fs';
import Mocha = require('mocha');

/**
 * The entry VS Code's test runner loads in the extension host. Which suite runs comes from the environment
 * (OSPO_E2E_SUITE), and the counts go to the file OSPO_E2E_RESULTS names, for the runner to read.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
  const suite = process.env.OSPO_E2E_SUITE ?? 'workspace';
  // Suites are required after pre-require so that describe/it exist when they are evaluated.
  if (suite === 'workspace') {
    require('./workspace.e2e');
    require('./exports.e2e');
  }
  else if (suite === 'no-policy') require('./no-policy.e2e');
  else if (suite === 'restricted') require('./restricted.e2e');
  else throw new Error(`unknown suite ${suite}`);

  const counts = { passes: 0, failures: 0 };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => counts.passes++);
    runner.on('fail', () => counts.failures++);
  });
  if (process.env.OSPO_E2E_RESULTS) fs.writeFileSync(process.env.OSPO_E2E_RESULTS, JSON.stringify(counts));
  if (counts.failures) throw new Error(`${counts.failures} test(s) failed`);
}
