/** A dependency specifier (PEP 508) split into the parts the engine uses, with the name's offsets. */
export interface Pep508Requirement {
  readonly name: string;
  /** Offsets of the name within the parsed text. */
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly extras: readonly string[];
  /** The version specifier as written (`>=2.31,<3`), without parentheses. */
  readonly versionSpec?: string;
  /** `name @ https://…`: a direct reference. */
  readonly url?: string;
  readonly marker?: string;
}

export type Pep508Result =
  | { readonly ok: true; readonly requirement: Pep508Requirement; readonly warning?: string }
  | { readonly ok: false; readonly error: string };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/**
 * Reads a PEP 508 specifier. Lenient after the name: a half-typed `requests>=` still yields the name, with a
 * warning, because the name is what a diagnostic needs.
 */
export function parsePep508(text: string): Pep508Result {
  const leading = text.length - text.trimStart().length;
  const nameMatch = NAME.exec(text.slice(leading));
  if (!nameMatch) return { ok: false, error: 'a requirement starts with a package name' };
  const nameStart = leading;
  const nameEnd = leading + nameMatch[0].length;
  let rest = text.slice(nameEnd);

  let marker: string | undefined;
  // A URL may contain ';', so PEP 508 requires whitespace before the marker separator after a URL.
  const markerMatch = /^\s*@/.test(rest) ? /\s;(.*)$/.exec(rest) : /;(.*)$/.exec(rest);
  if (markerMatch) {
    marker = markerMatch[1].trim();
    rest = rest.slice(0, markerMatch.index);
  }

  let extras: string[] = [];
  let warning: string | undefined;
  const extrasMatch = /^\s*\[([^\]]*)(\]?)/.exec(rest);
  if (extrasMatch) {
    extras = extrasMatch[1].split(',').map((e) => e.trim()).filter((e) => e !== '');
    if (!extrasMatch[2]) warning = "unclosed '[' in extras";
    rest = rest.slice(extrasMatch[0].length);
  }

  const trimmed = rest.trim();
  const requirement = { name: nameMatch[0], nameStart, nameEnd, extras, marker };
  if (trimmed === '') return { ok: true, requirement, warning };
  if (trimmed.startsWith('@')) {
    const url = trimmed.slice(1).trim();
    return { ok: true, requirement: { ...requirement, url }, warning: url === '' ? 'missing URL after @' : warning };
  }
  const spec = trimmed.startsWith('(') ? trimmed.replace(/^\(|\)$/g, '').trim() : trimmed;
  if (!/^(===|==|!=|~=|<=|>=|<|>)/.test(spec)) {
    return { ok: true, requirement, warning: `unexpected '${trimmed}' after the package name` };
  }
  const complete = spec.split(',').every((clause) => /^\s*(===|==|!=|~=|<=|>=|<|>)\s*[A-Za-z0-9*+!._-]+\s*$/.test(clause));
  return { ok: true, requirement: { ...requirement, versionSpec: spec }, warning: complete ? warning : `incomplete version specifier '${spec}'` };
}

/** The version a specifier pins exactly (`==2.31.0`), if it pins one. */
export function pinnedVersion(versionSpec: string | undefined): string | undefined {
  const match = versionSpec ? /^\s*===?\s*([A-Za-z0-9+!._-]+)\s*$/.exec(versionSpec) : null;
  return match && !match[1].includes('*') ? match[1] : undefined;
}
