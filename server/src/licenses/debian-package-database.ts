import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Debian's package database as far as licenses need it: which installed package owns a path, and where that
 * package's copyright file is. dpkg lists every file a package installed in `/var/lib/dpkg/info/<pkg>.list`
 * (`<pkg>:<arch>.list` for multi-arch packages) and each package documents its licensing in
 * `/usr/share/doc/<pkg>/copyright`. `root` is `/` on a running system; tests and images mounted elsewhere
 * pass their own.
 *
 * The lists name every installed file (megabytes on a desktop), so they are read once per process, outside
 * the workspace's file cache, and only the paths a caller asks about are kept.
 */
export class DebianPackageDatabase {
  private static readonly indexes = new Map<string, Map<string, string>>();

  constructor(
    readonly root: string,
    /**
     * Which listed paths to index, e.g. Python metadata folders; `name` is the key of the memo as well, and
     * `marker` a literal every such path contains, so that lists without it are skipped unread as text.
     */
    private readonly kind: { readonly name: string; readonly marker: string; readonly indexes: (listedPath: string) => boolean },
  ) {}

  get infoDir(): string {
    return path.join(this.root, 'var', 'lib', 'dpkg', 'info');
  }

  /** True when there is a dpkg database under the root at all. */
  exists(): boolean {
    try {
      return fs.statSync(this.infoDir).isDirectory();
    } catch {
      return false;
    }
  }

  /** The package that installed `installedPath` (a path as dpkg lists it, from `/`), if any. */
  ownerOf(installedPath: string): string | undefined {
    return this.index().get(installedPath.replace(/\/+$/, ''));
  }

  /** `/usr/share/doc/<package>/copyright`, under the root. */
  copyrightPath(debianPackage: string): string {
    return path.join(this.root, 'usr', 'share', 'doc', debianPackage, 'copyright');
  }

  private index(): Map<string, string> {
    const key = `${this.kind.name}\0${this.root}`;
    const known = DebianPackageDatabase.indexes.get(key);
    if (known) return known;
    const owners = new Map<string, string>();
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.infoDir).sort();
    } catch {
      names = [];
    }
    for (const name of names) {
      if (!name.endsWith('.list')) continue;
      const debianPackage = name.slice(0, -'.list'.length).replace(/:[a-z0-9_-]+$/, '');
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(path.join(this.infoDir, name));
      } catch {
        continue;
      }
      if (!bytes.includes(this.kind.marker)) continue;
      for (const line of bytes.toString('utf8').split('\n')) {
        const listed = line.trim();
        if (listed && this.kind.indexes(listed) && !owners.has(listed)) owners.set(listed, debianPackage);
      }
    }
    DebianPackageDatabase.indexes.set(key, owners);
    return owners;
  }
}
