import type { DependencyDeclaration } from '../ecosystem';
import type { OffsetSpan } from '../../text/line-index';
import { pypiPurl } from './python-names';

/** A Python declaration; `extras` decide which optional dependencies the graph includes. */
export interface PypiDependencyDeclaration extends DependencyDeclaration {
  readonly ecosystem: 'pypi';
  readonly extras: readonly string[];
}

export function pypiDeclaration(name: string, nameSpan: OffsetSpan, group: string, versionSpec: string | undefined, extras: readonly string[]): PypiDependencyDeclaration {
  return { ecosystem: 'pypi', name, purl: pypiPurl(name), versionSpec, group, nameSpan, extras };
}

/** The extras a declaration asks for, if it is one of ours. */
export function requestedExtras(declaration: DependencyDeclaration): readonly string[] {
  const extras = (declaration as { extras?: unknown }).extras;
  return Array.isArray(extras) ? extras.filter((e): e is string => typeof e === 'string') : [];
}
