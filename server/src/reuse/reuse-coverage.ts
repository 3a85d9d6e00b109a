import * as path from 'node:path';
import type { FileSource } from '../io/file-source';
import { joinNormalized } from '../io/path-containment';
import type { ReuseCoverage } from '../headers/header-coverage';
import { readHeader } from '../headers/read-header';
import { matchingDep5, readDep5, type Dep5Paragraph } from './dep5';
import { matchingAnnotation, readReuseToml, type ReuseToml } from './reuse-toml';

export type { ReuseCoverage } from '../headers/header-coverage';

export interface ReuseProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Answers, per file, what REUSE.toml files (nested ones too), `.reuse/dep5` and `.license` sidecars say. Only
 * the file's ancestor folders are consulted, through the cached FileSource, so a check costs a few lookups.
 */
export class ReuseIndex {
  private readonly tomls = new Map<string, ReuseToml | null>();
  private dep5: Dep5Paragraph[] | null | undefined;
  private readonly problems = new Map<string, ReuseProblem>();

  constructor(
    private readonly root: string,
    private readonly files: FileSource,
  ) {}

  /** True when the workspace uses REUSE: a REUSE.toml, `.reuse/dep5` or a `LICENSES/` folder at the root. */
  usesReuse(): boolean {
    return this.tomlAt('') !== null || this.dep5Paragraphs() !== null || this.files.listDir(path.join(this.root, 'LICENSES')) !== undefined;
  }

  /** Broken REUSE.toml files met so far. */
  readProblems(): ReuseProblem[] {
    return [...this.problems.values()];
  }

  coverageFor(relativePath: string): ReuseCoverage {
    const sidecarPath = joinNormalized(this.root, `${relativePath}.license`);
    const sidecar = this.files.readText(sidecarPath);
    if (sidecar !== undefined) {
      const info = readHeader(sidecar);
      return { kind: 'sidecar', path: sidecarPath, licenses: info.licenses.map((l) => l.expression), copyrights: info.copyrights.map((c) => c.text) };
    }
    // Outermost first: an `override` annotation there beats everything nested below it.
    const dirs = ancestorDirs(relativePath);
    let closest: { toml: ReuseToml; annotation: NonNullable<ReturnType<typeof matchingAnnotation>> } | undefined;
    for (const dir of dirs) {
      const toml = this.tomlAt(dir);
      if (!toml) continue;
      const annotation = matchingAnnotation(toml, relativePath);
      if (!annotation) continue;
      if (annotation.precedence === 'override') return fromAnnotation(toml, annotation);
      closest = { toml, annotation };
    }
    if (closest) return fromAnnotation(closest.toml, closest.annotation);
    const paragraphs = this.dep5Paragraphs();
    const paragraph = paragraphs ? matchingDep5(paragraphs, relativePath) : undefined;
    if (paragraph) {
      return {
        kind: 'annotation',
        source: 'dep5',
        path: path.join(this.root, '.reuse', 'dep5'),
        precedence: 'closest',
        licenses: paragraph.license ? [paragraph.license] : [],
        copyrights: paragraph.copyright ? paragraph.copyright.split('\n') : [],
      };
    }
    return { kind: 'none' };
  }

  private tomlAt(dir: string): ReuseToml | null {
    const cached = this.tomls.get(dir);
    if (cached !== undefined) return cached;
    const file = path.join(this.root, dir, 'REUSE.toml');
    const text = this.files.readText(file);
    let toml: ReuseToml | null = null;
    if (text !== undefined) {
      const read = readReuseToml(file, dir, text);
      if (read.ok) toml = read.toml;
      else this.problems.set(file, { path: file, message: read.error });
    }
    this.tomls.set(dir, toml);
    return toml;
  }

  private dep5Paragraphs(): Dep5Paragraph[] | null {
    if (this.dep5 === undefined) {
      const text = this.files.readText(path.join(this.root, '.reuse', 'dep5'));
      this.dep5 = text === undefined ? null : readDep5(text);
    }
    return this.dep5;
  }
}

function fromAnnotation(toml: ReuseToml, annotation: NonNullable<ReturnType<typeof matchingAnnotation>>): ReuseCoverage {
  return { kind: 'annotation', source: 'REUSE.toml', path: toml.path, precedence: annotation.precedence, licenses: annotation.licenses, copyrights: annotation.copyrights };
}

/** '' then each folder down to the file's own: `a/b/c.ts` → ['', 'a', 'a/b']. */
function ancestorDirs(relativePath: string): string[] {
  const dirs = [''];
  for (let slash = relativePath.indexOf('/'); slash >= 0; slash = relativePath.indexOf('/', slash + 1)) dirs.push(relativePath.slice(0, slash));
  return dirs;
}
