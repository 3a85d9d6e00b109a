import { execFileSync } from 'node:child_process';

/** `Name <email>` from git's configuration in `cwd`, or undefined when git or the settings are missing. */
export function gitIdentity(cwd: string): string | undefined {
  const read = (key: string): string | undefined => {
    try {
      const value = execFileSync('git', ['config', '--get', key], { cwd, encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return value || undefined;
    } catch {
      return undefined;
    }
  };
  const name = read('user.name');
  const email = read('user.email');
  if (name && email) return `${name} <${email}>`;
  return name ?? email;
}
