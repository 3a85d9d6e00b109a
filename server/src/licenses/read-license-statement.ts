import type { LicenseFamily } from '../spdx/license-families';
import { interpretLicenseStatement, type LicenseStatement } from '../spdx/interpret-license-statement';
import { formatSpdxExpression, type SpdxExpression } from '../spdx/spdx-expression';
import { meaningOfLicenseName } from './license-names';

/** A statement read as license names joined by "or"/"and" (`Ruby or LGPLv3+`, `Apache-2.0 / MIT`). */
type NameNode =
  | { readonly kind: 'license'; readonly expression: SpdxExpression; readonly mapped: boolean }
  | { readonly kind: 'family'; readonly family: LicenseFamily }
  | { readonly kind: 'unknown'; readonly text: string }
  | { readonly kind: 'and' | 'or'; readonly parts: readonly NameNode[] };

/** A family statement expands to one candidate per member; beyond this many combinations it is not expanded. */
const MAX_CANDIDATES = 500;

/**
 * Reads a license field the way a reviewer would: an SPDX expression (repaired where unambiguous, see
 * `interpretLicenseStatement`), else free-text names mapped to SPDX ids (`Apache 2.0` → Apache-2.0, with
 * `mappedFrom` saying so), else a family without its variant (`BSD License`). Alternatives nobody can name
 * (`Nonstandard` in a list of choices) are set aside when others are known, and reported.
 */
export function readLicenseStatement(raw: string): LicenseStatement {
  const cached = readings.get(raw);
  if (cached) return cached;
  const statement = read(raw);
  // Verdicts, messages and report rows all read the same few statements: keep the latest readings.
  if (readings.size >= MAX_READINGS) readings.clear();
  readings.set(raw, statement);
  return statement;
}

const readings = new Map<string, LicenseStatement>();
const MAX_READINGS = 5000;

function read(raw: string): LicenseStatement {
  const strict = interpretLicenseStatement(raw);
  if (strict.kind === 'proprietary' || (strict.kind === 'spdx' && !strict.correction)) return strict;
  const text = raw.trim();
  // Empty fields, `SEE LICENSE IN …` and pasted license texts are not names.
  if (text === '' || /^SEE LICEN[SC]E IN\b/i.test(text) || text.includes('\n') || text.length > 200) return strict;
  // A whole name first: `zlib/libpng` is one license, not a legacy `A/B` choice.
  const whole = meaningOfLicenseName(text);
  if (!whole && strict.kind === 'spdx') return strict;
  const tree = whole ?? parseNames(text);
  const unrecognised: string[] = [];
  const known = dropUnknownAlternatives(tree, unrecognised);
  if (!known) return { kind: 'custom', text, reason: 'names no license this tool recognises' };
  const withUnrecognised = unrecognised.length ? { unrecognised } : {};
  const families = familiesIn(known);
  if (families.length > 0) {
    const candidates = expandFamilies(known, families);
    if (!candidates) return { kind: 'custom', text, reason: `names the ${families.map((f) => f.name).join(' and ')} families in too many combinations to weigh` };
    return { kind: 'family', text, families, candidates, ...withUnrecognised };
  }
  const expression = toExpression(known);
  if (anyMapped(known)) return { kind: 'spdx', expression, text, mappedFrom: text, ...withUnrecognised };
  return { kind: 'spdx', expression, text, correction: formatSpdxExpression(expression), ...withUnrecognised };
}

/** Splits at "or" (lowest precedence), then at "and", outside parentheses; a part that is a known name stays whole. */
function parseNames(text: string, depth = 0): NameNode {
  const meaning = meaningOfLicenseName(text);
  if (meaning) return meaning;
  const trimmed = text.trim();
  if (depth > 8) return { kind: 'unknown', text: trimmed };
  if (/^\(.*\)$/.test(trimmed) && balanced(trimmed.slice(1, -1))) return parseNames(trimmed.slice(1, -1), depth + 1);
  const isUrl = /^https?:\/\//i.test(trimmed);
  // "or later" belongs to the name before it (`GPL v2 or later`), not to a choice.
  const orSeparators = [/\s+or\s+(?!(?:any\s+)?(?:later|newer|greater|above)\b)/i, /\s*\|\s*/, ...(isUrl ? [] : [/\s*\/\s*/])];
  for (const separator of orSeparators) {
    const parts = splitTopLevel(trimmed, separator);
    if (parts.length > 1) return { kind: 'or', parts: parts.map((p) => parseNames(p, depth + 1)) };
  }
  for (const separator of [/\s+and\s+/i, /\s*&\s*/]) {
    const parts = splitTopLevel(trimmed, separator);
    if (parts.length > 1) return { kind: 'and', parts: parts.map((p) => parseNames(p, depth + 1)) };
  }
  return { kind: 'unknown', text: trimmed };
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Parts of `text` between matches of `separator` that lie outside parentheses; empty parts mean no split. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  const global = new RegExp(separator.source, separator.flags.includes('g') ? separator.flags : separator.flags + 'g');
  let start = 0;
  for (const match of text.matchAll(global)) {
    if (depthAt(text, match.index) !== 0) continue;
    parts.push(text.slice(start, match.index));
    start = match.index + match[0].length;
  }
  parts.push(text.slice(start));
  return parts.every((p) => p.trim() !== '') ? parts.map((p) => p.trim()) : [text];
}

function depthAt(text: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  return depth;
}

/**
 * Removes unknown alternatives of an OR when a known one remains, recording them: a choice that includes a
 * license nobody can name still offers the known ones. An unknown part of an AND makes the whole unknown.
 */
function dropUnknownAlternatives(node: NameNode, unrecognised: string[]): NameNode | undefined {
  switch (node.kind) {
    case 'license':
    case 'family':
      return node;
    case 'unknown':
      return undefined;
    case 'and': {
      const parts = node.parts.map((p) => dropUnknownAlternatives(p, unrecognised));
      return parts.every((p): p is NameNode => p !== undefined) ? { kind: 'and', parts } : undefined;
    }
    case 'or': {
      const local: string[] = [];
      const parts = node.parts.flatMap((p) => {
        const kept = dropUnknownAlternatives(p, local);
        if (!kept) local.push(describeUnknown(p));
        return kept ? [kept] : [];
      });
      if (parts.length === 0) return undefined;
      unrecognised.push(...local);
      return parts.length === 1 ? parts[0] : { kind: 'or', parts };
    }
  }
}

function describeUnknown(node: NameNode): string {
  switch (node.kind) {
    case 'unknown':
      return node.text;
    case 'license':
      return formatSpdxExpression(node.expression);
    case 'family':
      return node.family.name;
    case 'and':
    case 'or':
      return node.parts.map(describeUnknown).join(` ${node.kind} `);
  }
}

function familiesIn(node: NameNode): LicenseFamily[] {
  switch (node.kind) {
    case 'family':
      return [node.family];
    case 'and':
    case 'or':
      return [...new Set(node.parts.flatMap(familiesIn))];
    default:
      return [];
  }
}

function anyMapped(node: NameNode): boolean {
  switch (node.kind) {
    case 'license':
      return node.mapped;
    case 'family':
      return true;
    case 'unknown':
      return false;
    case 'and':
    case 'or':
      return node.parts.some(anyMapped);
  }
}

function toExpression(node: NameNode): SpdxExpression {
  switch (node.kind) {
    case 'license':
      return node.expression;
    case 'and':
    case 'or':
      return node.parts.map(toExpression).reduce((left, right) => ({ kind: node.kind, left, right }));
    default:
      throw new Error(`not a definite license: ${node.kind}`);
  }
}

/**
 * Every expression the statement may mean: each family replaced by each of its members. A family named twice
 * (`BSD or BSD-style`) stands for the same unknown variant both times.
 */
function expandFamilies(node: NameNode, families: readonly LicenseFamily[]): SpdxExpression[] | undefined {
  let assignments = [new Map<string, string>()];
  for (const family of families) {
    assignments = assignments.flatMap((chosen) => family.members.map((id) => new Map([...chosen, [family.name, id]])));
    if (assignments.length > MAX_CANDIDATES) return undefined;
  }
  return assignments.map((chosen) => substitute(node, chosen));
}

function substitute(node: NameNode, chosen: ReadonlyMap<string, string>): SpdxExpression {
  switch (node.kind) {
    case 'license':
      return node.expression;
    case 'family':
      return { kind: 'license', id: chosen.get(node.family.name)! };
    case 'and':
    case 'or':
      return node.parts.map((p) => substitute(p, chosen)).reduce((left, right) => ({ kind: node.kind, left, right }));
    case 'unknown':
      throw new Error('unknown names are removed before families are expanded');
  }
}
