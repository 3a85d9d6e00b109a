import { parse, TomlError } from 'smol-toml';

export type StrictTomlResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

/** Parses TOML strictly (lock files, installed metadata); never throws. */
export function parseStrictToml(text: string): StrictTomlResult {
  try {
    return { ok: true, value: parse(text) };
  } catch (error) {
    if (error instanceof TomlError) {
      return { ok: false, message: error.message.split('\n')[0].replace(/^Invalid TOML document: /, ''), line: error.line, column: error.column };
    }
    return { ok: false, message: error instanceof Error ? error.message : 'invalid TOML' };
  }
}
