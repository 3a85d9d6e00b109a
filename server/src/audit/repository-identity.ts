import * as fs from 'node:fs';
import * as path from 'node:path';

/** Which repository a report is about, so that reports from many repositories can be merged. */
export interface RepositoryIdentity {
  /** `owner/name` in CI, `host/owner/name` from a git remote, else the folder's name. */
  readonly name: string;
  readonly from: 'option' | 'ci' | 'git-remote' | 'folder';
  readonly commit?: string;
}

/**
 * Names the audited repository without running git: the `--repository` option, then the CI's own variables
 * (GitHub Actions' `GITHUB_REPOSITORY`, GitLab's `CI_PROJECT_PATH`), then the `origin` remote in `.git/config`
 * (credentials removed), then the folder name.
 */
export function repositoryIdentity(root: string, env: Readonly<Record<string, string | undefined>>, option?: string): RepositoryIdentity {
  const gitDir = findGitDir(root);
  const commit = env.GITHUB_SHA || env.CI_COMMIT_SHA || (gitDir ? headCommit(gitDir) : undefined);
  const withCommit = (identity: Omit<RepositoryIdentity, 'commit'>): RepositoryIdentity => (commit ? { ...identity, commit } : identity);
  if (option?.trim()) return withCommit({ name: option.trim(), from: 'option' });
  const ci = env.GITHUB_REPOSITORY || env.CI_PROJECT_PATH;
  if (ci) return withCommit({ name: ci, from: 'ci' });
  const remote = gitDir ? originUrl(gitDir) : undefined;
  if (remote) return withCommit({ name: remote, from: 'git-remote' });
  return withCommit({ name: path.basename(path.resolve(root)), from: 'folder' });
}

/** `.git` of the folder: a directory, or a file pointing at one (worktrees, submodules). */
function findGitDir(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  try {
    if (fs.statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    return pointer ? path.resolve(root, pointer[1].trim()) : undefined;
  } catch {
    return undefined;
  }
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A linked worktree keeps its config and refs in the common directory. */
function commonDir(gitDir: string): string {
  const common = readOr(path.join(gitDir, 'commondir'))?.trim();
  return common ? path.resolve(gitDir, common) : gitDir;
}

function originUrl(gitDir: string): string | undefined {
  const config = readOr(path.join(commonDir(gitDir), 'config'));
  if (!config) return undefined;
  const section = /^\s*\[remote\s+"origin"\]\s*$([\s\S]*?)(?=^\s*\[|$(?![\s\S]))/m.exec(config);
  const url = section ? /^\s*url\s*=\s*(.+)$/m.exec(section[1])?.[1].trim() : undefined;
  return url ? normaliseRemote(url) : undefined;
}

/** `git@github.com:acme/app.git` and `https://token@github.com/acme/app` both become `github.com/acme/app`. */
export function normaliseRemote(url: string): string {
  const scp = /^[^@/]+@([^:/]+):(.+)$/.exec(url);
  let hostAndPath: string;
  if (scp) hostAndPath = `${scp[1]}/${scp[2]}`;
  else {
    try {
      const parsed = new URL(url);
      hostAndPath = parsed.protocol === 'file:' ? path.basename(parsed.pathname) : `${parsed.host}${parsed.pathname}`;
    } catch {
      hostAndPath = path.basename(url);
    }
  }
  return hostAndPath.replace(/\.git\/?$/, '').replace(/\/+$/, '');
}

function headCommit(gitDir: string): string | undefined {
  const head = readOr(path.join(gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref || ref.split('/').includes('..')) return undefined;
  const common = commonDir(gitDir);
  const loose = readOr(path.join(gitDir, ref))?.trim() ?? readOr(path.join(common, ref))?.trim();
  if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  const packed = readOr(path.join(common, 'packed-refs'));
  const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
  return line?.split(' ')[0];
}
