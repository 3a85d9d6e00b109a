import { parse } from 'smol-toml';
import type { Precedence } from '../headers/header-coverage';
import { compileReuseGlob, type PathGlob } from './reuse-glob';

export interface ReuseAnnotation {
  readonly patterns: ReadonlyArray<{ readonly text: string; readonly glob: PathGlob }>;
  readonly precedence: Precedence;
  readonly copyrights: readonly string[];
  readonly licenses: readonly string[];
}

export interface ReuseToml {
  /** Folder of the file, relative to the workspace root ('' for the root), forward slashes. */
  readonly dir: string;
  readonly path: string;
  readonly annotations: readonly ReuseAnnotation[];
}

export type ReuseTomlRead = { readonly ok: true; readonly toml: ReuseToml } | { readonly ok: false; readonly path: string; readonly error: string };

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Reads a REUSE.toml (`version = 1`, `[[annotations]]`); a broken one is reported, never thrown. */
export function readReuseToml(path: string, dir: string, text: string): ReuseTomlRead {
  let data: Record<string, unknown>;
  try {
    data = parse(text);
  } catch (error) {
    return { ok: false, path, error: `REUSE.toml is not valid TOML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (data.version !== 1) return { ok: false, path, error: `REUSE.toml must say version = 1 (found ${JSON.stringify(data.version)})` };
  const raw = Array.isArray(data.annotations) ? data.annotations : [];
  const annotations: ReuseAnnotation[] = [];
  for (const entry of raw as Array<Record<string, unknown>>) {
    if (!entry || typeof entry !== 'object') continue;
    const precedence = entry.precedence ?? 'closest';
    if (precedence !== 'closest' && precedence !== 'aggregate' && precedence !== 'override') {
      return { ok: false, path, error: `REUSE.toml: precedence must be closest, aggregate or override, not ${JSON.stringify(precedence)}` };
    }
    annotations.push({
      patterns: strings(entry.path).map((text) => ({ text, glob: compileReuseGlob(text) })),
      precedence,
      copyrights: strings(entry['SPDX-FileCopyrightText']),
      licenses: strings(entry['SPDX-License-Identifier']),
    });
  }
  return { ok: true, toml: { dir, path, annotations } };
}

/** The last annotation of a REUSE.toml matching a path (relative to the workspace root); later ones win. */
export function matchingAnnotation(toml: ReuseToml, relativePath: string): ReuseAnnotation | undefined {
  const local = toml.dir === '' ? relativePath : relativePath.startsWith(toml.dir + '/') ? relativePath.slice(toml.dir.length + 1) : undefined;
  if (local === undefined) return undefined;
  for (let i = toml.annotations.length - 1; i >= 0; i--) {
    if (toml.annotations[i].patterns.some((p) => p.glob.test(local))) return toml.annotations[i];
  }
  return undefined;
}
