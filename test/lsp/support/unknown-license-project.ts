import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A project with three dependencies whose licenses are unknown for three different reasons. */
export function unknownLicenseProject(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-unknown-')));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', license: 'MIT', dependencies: { 'ghost-pkg': '^1.0.0', 'bare-pkg': '^1.0.0', 'odd-pkg': '^1.0.0' } }, null, 2) + '\n');
  write('node_modules/bare-pkg/package.json', JSON.stringify({ name: 'bare-pkg', version: '1.0.0' }));
  write('node_modules/odd-pkg/package.json', JSON.stringify({ name: 'odd-pkg', version: '1.0.0', license: 'Acme Community License' }));
  return root;
}
