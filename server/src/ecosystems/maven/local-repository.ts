import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import type { ResolveContext } from '../ecosystem';
import { readPom, type PomCoordinates, type PomModel } from './pom-model';

/** Parent chains longer than this are cut: real hierarchies are a handful deep, and a loop must not hang. */
const MAX_PARENTS = 12;

/** The local Maven repository: `MAVEN_REPO_LOCAL` when set, else `~/.m2/repository`. */
export function localRepositoryDir(context: Pick<ResolveContext, 'env' | 'homeDir'>): string {
  return context.env.MAVEN_REPO_LOCAL?.trim() || path.join(context.homeDir, '.m2', 'repository');
}

/** A POM read from disk, with where it was. */
export interface LocatedPom {
  readonly path: string;
  readonly pom: PomModel;
}

/** Reads POMs from the local repository, each file once. */
export class LocalRepository {
  private readonly poms = new Map<string, LocatedPom | null>();

  constructor(
    readonly dir: string,
    private readonly files: FileSource,
  ) {}

  /** `<repo>/org/acme/lib/1.0/lib-1.0.pom`. */
  pomPath(c: PomCoordinates): string {
    return path.join(this.dir, ...c.groupId.split('.'), c.artifactId, c.version, `${c.artifactId}-${c.version}.pom`);
  }

  /** The folder of an artifact's versions, for "searched" when no version is known. */
  artifactDir(groupId: string, artifactId: string): string {
    return path.join(this.dir, ...groupId.split('.'), artifactId);
  }

  read(c: PomCoordinates): LocatedPom | undefined {
    // Coordinates from a document must not lead out of the repository (`..`) or hold unresolved `${…}`.
    if (![c.groupId, c.artifactId, c.version].every((part) => /^[\w.+-]+$/.test(part) && part !== '.' && part !== '..')) return undefined;
    const file = this.pomPath(c);
    if (!this.poms.has(file)) {
      const text = this.files.readText(file);
      this.poms.set(file, text === undefined ? null : { path: file, pom: readPom(text) });
    }
    return this.poms.get(file) ?? undefined;
  }

  /** The POM followed by its parents, nearest first, as far as they are in the repository. */
  chain(c: PomCoordinates): LocatedPom[] {
    const first = this.read(c);
    return first ? this.parentsOf(first) : [];
  }

  /** `start` and its ancestors from the repository. */
  parentsOf(start: LocatedPom): LocatedPom[] {
    const chain = [start];
    const seen = new Set([start.path]);
    let parent = start.pom.parent;
    while (parent && chain.length < MAX_PARENTS) {
      const next = this.read(parent);
      if (!next || seen.has(next.path)) break;
      seen.add(next.path);
      chain.push(next);
      parent = next.pom.parent;
    }
    return chain;
  }
}
