import { parseStrictToml } from './strict-toml';
import type { ManifestProblem } from './manifest-problem';
import type { OffsetSpan } from '../text/line-index';

/**
 * A tolerant TOML reader that keeps the offsets of keys and values. TOML libraries return values only, but a
 * diagnostic must sit on a dependency's name, and a file being typed is rarely valid: this scanner recovers at
 * the next line (or the next table header inside an unterminated array) and records a problem instead of
 * giving up. Cargo manifests, pyproject.toml and Pipfile all go through it.
 */

export interface TomlKeyPart {
  /** The key segment, unquoted and unescaped. */
  readonly text: string;
  /** The segment's span without its quotes. */
  readonly span: OffsetSpan;
}

export type TomlValue =
  | {
      readonly kind: 'string';
      readonly value: string;
      readonly span: OffsetSpan;
      /** The span between the quotes. */
      readonly contentSpan: OffsetSpan;
      /** True when the text between the quotes is the value itself (no escapes), so offsets map one to one. */
      readonly verbatim: boolean;
    }
  | { readonly kind: 'array'; readonly items: readonly TomlValue[]; readonly span: OffsetSpan }
  | { readonly kind: 'inline-table'; readonly entries: readonly TomlEntry[]; readonly span: OffsetSpan }
  /** Booleans, numbers, dates: kept as written. */
  | { readonly kind: 'scalar'; readonly raw: string; readonly span: OffsetSpan }
  /** `key =` with nothing after it yet. */
  | { readonly kind: 'missing'; readonly span: OffsetSpan };

export interface TomlEntry {
  readonly key: readonly TomlKeyPart[];
  readonly value: TomlValue;
}

export interface TomlTable {
  /** Empty for the root table, before any header. */
  readonly header: readonly TomlKeyPart[];
  readonly arrayOfTables: boolean;
  readonly entries: readonly TomlEntry[];
}

export interface TomlScan {
  readonly tables: readonly TomlTable[];
  readonly problems: readonly ManifestProblem[];
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Bail extends Error {}

class Scanner {
  private pos = 0;
  readonly problems: ManifestProblem[] = [];
  readonly tables: { header: TomlKeyPart[]; arrayOfTables: boolean; entries: TomlEntry[] }[] = [
    { header: [], arrayOfTables: false, entries: [] },
  ];

  constructor(private readonly text: string) {}

  scan(): void {
    const text = this.text;
    while (this.pos < text.length) {
      this.skipBlankAndComments();
      if (this.pos >= text.length) break;
      const lineStart = this.pos;
      try {
        if (text[this.pos] === '[') this.readHeader();
        else this.readKeyValue(this.tables[this.tables.length - 1].entries);
        this.expectLineEnd();
      } catch (error) {
        if (!(error instanceof Bail)) throw error;
        // Recover at the next line; never loop without progress.
        if (this.pos <= lineStart) this.pos = lineStart + 1;
        this.skipToLineEnd();
      }
    }
  }

  private problem(message: string, start: number, end = this.lineEnd(start)): never {
    this.problems.push({ message, span: { start, end: Math.max(end, Math.min(start + 1, this.text.length)) } });
    throw new Bail();
  }

  private lineEnd(from: number): number {
    let i = from;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }

  private skipToLineEnd(): void {
    this.pos = this.lineEnd(this.pos);
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++;
  }

  private skipBlankAndComments(): void {
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.pos];
      if (c === '\n' || c === '\r') this.pos++;
      else if (c === '#') this.skipToLineEnd();
      else return;
    }
  }

  private expectLineEnd(): void {
    // An unterminated collection rewinds to the start of the line that ended it.
    if (this.pos > 0 && this.isLineStartAfterNewline(this.pos)) return;
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === '#') this.skipToLineEnd();
    else if (c !== undefined && c !== '\n' && c !== '\r') this.problem('expected the end of the line', this.pos);
  }

  private readHeader(): void {
    const start = this.pos;
    const arrayOfTables = this.text.startsWith('[[', this.pos);
    this.pos += arrayOfTables ? 2 : 1;
    this.skipSpaces();
    const header = this.readKey(start);
    this.skipSpaces();
    const close = arrayOfTables ? ']]' : ']';
    if (!this.text.startsWith(close, this.pos)) this.problem(`expected '${close}' to close the table header`, start);
    this.pos += close.length;
    this.tables.push({ header, arrayOfTables, entries: [] });
  }

  private readKey(lineStart: number): TomlKeyPart[] {
    const parts: TomlKeyPart[] = [];
    for (;;) {
      this.skipSpaces();
      parts.push(this.readKeyPart(lineStart));
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  private readKeyPart(lineStart: number): TomlKeyPart {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") {
      const s = this.readSingleLineString(c);
      return { text: s.value, span: s.contentSpan };
    }
    const start = this.pos;
    while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos])) this.pos++;
    if (this.pos === start) this.problem('expected a key', Math.max(lineStart, start));
    return { text: this.text.slice(start, this.pos), span: { start, end: this.pos } };
  }

  private readKeyValue(into: TomlEntry[]): void {
    const start = this.pos;
    const key = this.readKey(start);
    this.skipSpaces();
    if (this.text[this.pos] !== '=') {
      // A name typed without `=` yet still counts as a key, so its declaration is not lost while typing.
      into.push({ key, value: { kind: 'missing', span: { start: this.pos, end: this.pos } } });
      this.problem(`expected '=' after the key '${key.map((k) => k.text).join('.')}'`, start);
    }
    this.pos++;
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === undefined || c === '\n' || c === '\r' || c === '#') {
      into.push({ key, value: { kind: 'missing', span: { start: this.pos, end: this.pos } } });
      this.problem(`the key '${key.map((k) => k.text).join('.')}' has no value`, start);
    }
    try {
      into.push({ key, value: this.readValue() });
    } catch (error) {
      if (error instanceof Bail) into.push({ key, value: { kind: 'missing', span: { start: this.pos, end: this.pos } } });
      throw error;
    }
  }

  private readValue(): TomlValue {
    const c = this.text[this.pos];
    if (this.text.startsWith('"""', this.pos) || this.text.startsWith("'''", this.pos)) return this.readMultiLineString();
    if (c === '"' || c === "'") return this.readSingleLineString(c);
    if (c === '[') return this.readArray();
    if (c === '{') return this.readInlineTable();
    return this.readScalar();
  }

  private readSingleLineString(quote: string): Extract<TomlValue, { kind: 'string' }> {
    const start = this.pos;
    this.pos++;
    let value = '';
    let verbatim = true;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n' || c === '\r') this.problem('unterminated string', start);
      if (c === quote) break;
      if (c === '\\' && quote === '"') {
        verbatim = false;
        value += this.readEscape();
        continue;
      }
      value += c;
      this.pos++;
    }
    this.pos++;
    return { kind: 'string', value, span: { start, end: this.pos }, contentSpan: { start: start + 1, end: this.pos - 1 }, verbatim };
  }

  private readEscape(): string {
    const next = this.text[this.pos + 1];
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
    if (next !== undefined && next in simple) {
      this.pos += 2;
      return simple[next];
    }
    const width = next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = this.text.slice(this.pos + 2, this.pos + 2 + width);
    if (width > 0 && /^[0-9A-Fa-f]+$/.test(hex) && hex.length === width) {
      const code = parseInt(hex, 16);
      this.pos += 2 + width;
      return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return this.problem('invalid escape in string', this.pos, Math.min(this.pos + 2, this.text.length));
  }

  private readMultiLineString(): Extract<TomlValue, { kind: 'string' }> {
    const start = this.pos;
    const delimiter = this.text.slice(this.pos, this.pos + 3);
    const close = this.text.indexOf(delimiter, start + 3);
    if (close < 0) this.problem('unterminated multi-line string', start);
    // Quotes right before the closing delimiter belong to the content (`""""x""""` is legal).
    let end = close;
    while (this.text[end + 3] === delimiter[0] && end < close + 2) end++;
    let content = this.text.slice(start + 3, end);
    content = content.replace(/^\r?\n/, '');
    const verbatim = delimiter === "'''" || !content.includes('\\');
    const value = verbatim ? content : content.replace(/\\\s*\r?\n\s*/g, '').replace(/\\(["\\btnfr])/g, (_, e: string) => ({ b: '\b', t: '\t', n: '\n', f: '\f', r: '\r' } as Record<string, string>)[e] ?? e);
    this.pos = end + 3;
    return { kind: 'string', value, span: { start, end: this.pos }, contentSpan: { start: start + 3, end }, verbatim };
  }

  /** Inside brackets or braces: skips whitespace, newlines and comments. */
  private skipInsideCollection(): void {
    this.skipBlankAndComments();
  }

  private isLineStartAfterNewline(offset: number): boolean {
    let i = offset - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t')) i--;
    return i < 0 || this.text[i] === '\n' || this.text[i] === '\r';
  }

  private readArray(): TomlValue {
    const start = this.pos;
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipInsideCollection();
      const c = this.text[this.pos];
      if (c === ']') break;
      if (c === undefined) {
        this.recordUnterminated('array', start);
        return { kind: 'array', items, span: { start, end: this.pos } };
      }
      // A table header or `key =` at the start of a line means the array was never closed: end it there so the
      // rest of the file is still read.
      if (items.length > 0 && this.isLineStartAfterNewline(this.pos) && this.looksLikeNewStatement()) {
        this.recordUnterminated('array', start);
        this.rewindToLineStart();
        return { kind: 'array', items, span: { start, end: this.pos } };
      }
      try {
        items.push(this.readValue());
      } catch (error) {
        // A half-typed item (`"typer` without its quote) keeps the items before it.
        if (!(error instanceof Bail)) throw error;
        this.pos = this.lineEnd(this.pos);
        return { kind: 'array', items, span: { start, end: this.pos } };
      }
      this.skipInsideCollection();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') {
        if (this.text[this.pos] !== undefined && this.isLineStartAfterNewline(this.pos) && this.looksLikeNewStatement()) continue;
        if (this.text[this.pos] === undefined) continue;
        this.problem("expected ',' or ']' in array", this.pos);
      }
    }
    this.pos++;
    return { kind: 'array', items, span: { start, end: this.pos } };
  }

  private readInlineTable(): TomlValue {
    const start = this.pos;
    this.pos++;
    const entries: TomlEntry[] = [];
    for (;;) {
      this.skipInsideCollection();
      const c = this.text[this.pos];
      if (c === '}') break;
      if (c === undefined || (entries.length > 0 && this.isLineStartAfterNewline(this.pos) && this.text[this.pos] === '[')) {
        this.recordUnterminated('inline table', start);
        if (c !== undefined) this.rewindToLineStart();
        return { kind: 'inline-table', entries, span: { start, end: this.pos } };
      }
      try {
        this.readKeyValue(entries);
      } catch (error) {
        // A half-typed entry (`{ version = "1", feat }`) keeps what was read so far.
        if (!(error instanceof Bail)) throw error;
        this.pos = this.lineEnd(this.pos);
        return { kind: 'inline-table', entries, span: { start, end: this.pos } };
      }
      this.skipInsideCollection();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}' && this.text[this.pos] !== undefined) this.problem("expected ',' or '}' in inline table", this.pos);
    }
    this.pos++;
    return { kind: 'inline-table', entries, span: { start, end: this.pos } };
  }

  private looksLikeNewStatement(): boolean {
    const rest = this.text.slice(this.pos, this.lineEnd(this.pos));
    return /^\[\[?\s*[A-Za-z0-9_"'-]/.test(rest) && !/^\[\s*["'\d]/.test(rest) ? /\]\s*(#.*)?$/.test(rest) : /^[A-Za-z0-9_.-]+\s*=/.test(rest);
  }

  private rewindToLineStart(): void {
    while (this.pos > 0 && this.text[this.pos - 1] !== '\n' && this.text[this.pos - 1] !== '\r') this.pos--;
  }

  private recordUnterminated(what: string, start: number): void {
    this.problems.push({ message: `unterminated ${what}`, span: { start, end: start + 1 } });
  }

  private readScalar(): TomlValue {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s,\]}#]/.test(this.text[this.pos])) this.pos++;
    // A date-time may use a space between date and time.
    if (/^\d{4}-\d{2}-\d{2}$/.test(this.text.slice(start, this.pos)) && / \d{2}:/.test(this.text.slice(this.pos, this.pos + 4))) {
      this.pos++;
      while (this.pos < this.text.length && !/[\s,\]}#]/.test(this.text[this.pos])) this.pos++;
    }
    const raw = this.text.slice(start, this.pos);
    if (!/^(true|false|[+-]?(inf|nan)|[0-9+\-:.TZtz_a-fA-FxXoObB ]+)$/.test(raw)) this.problem(raw === '' ? 'expected a value' : `invalid value '${raw}'`, start);
    return { kind: 'scalar', raw, span: { start, end: this.pos } };
  }
}

/** Scans TOML text into tables and key/value entries with spans; never throws. */
export function scanToml(text: string): TomlScan {
  const scanner = new Scanner(text);
  try {
    scanner.scan();
  } catch (error) {
    // The scanner only throws its own recoverable errors; anything else is a bug that must not reach the editor.
    scanner.problems.push({ message: `could not read the file: ${(error as Error).message}`, span: { start: 0, end: 0 } });
  }
  return { tables: scanner.tables, problems: scanner.problems };
}

/** One entry with its full key path: the table header followed by the entry's dotted key. */
export interface TomlPathEntry {
  readonly path: readonly TomlKeyPart[];
  readonly table: TomlTable;
  readonly value: TomlValue;
}

/** Every entry of the document with its full key path, in document order. */
export function flattenEntries(scan: TomlScan): TomlPathEntry[] {
  const out: TomlPathEntry[] = [];
  for (const table of scan.tables) for (const entry of table.entries) out.push({ path: [...table.header, ...entry.key], table, value: entry.value });
  return out;
}

/** The string value of a key inside an inline table, if it is a string. */
export function inlineString(value: TomlValue, key: string): string | undefined {
  if (value.kind !== 'inline-table') return undefined;
  for (const entry of value.entries) {
    if (entry.key.length === 1 && entry.key[0].text === key && entry.value.kind === 'string') return entry.value.value;
  }
  return undefined;
}

/** The value of a key inside an inline table. */
export function inlineValue(value: TomlValue, key: string): TomlValue | undefined {
  if (value.kind !== 'inline-table') return undefined;
  return value.entries.find((entry) => entry.key.length === 1 && entry.key[0].text === key)?.value;
}

/**
 * Problems a strict parser finds that the tolerant scan does not (duplicate keys, a table defined twice).
 * Only asked when the scan itself found nothing, so one mistake is not reported twice.
 */
export function strictTomlProblems(text: string, scan: TomlScan): ManifestProblem[] {
  if (scan.problems.length > 0) return [];
  const result = parseStrictToml(text);
  if (result.ok) return [];
  if (result.line === undefined) return [{ message: `invalid TOML: ${result.message}`, span: { start: 0, end: 0 } }];
  let offset = 0;
  for (let line = 1; line < result.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  const lineEnd = text.slice(offset).search(/\r?\n|$/) + offset;
  const start = Math.min(offset + Math.max(0, (result.column ?? 1) - 1), lineEnd);
  return [{ message: `invalid TOML: ${result.message}`, span: { start, end: Math.max(lineEnd, Math.min(start + 1, text.length)) } }];
}
