import type { DependencyDeclaration, ManifestProblem, ParsedManifest } from '../ecosystem';

export const gemPurl = (name: string): string => `pkg:gem/${name}`;

/** `gem "name"` / `gem('name'` at the start of a statement; the prefix's length places the name. */
const GEM_STATEMENT = /^(\s*gem\s*\(?\s*)(["'])([A-Za-z0-9_.-]+)\2(.*)$/;
const GROUP_BLOCK = /^\s*groups?\s*\(?\s*((?::\w+|["'][\w-]+["'])(?:\s*,\s*(?::\w+|["'][\w-]+["']))*)\s*\)?\s*do\b/;
/** Other blocks whose `end` must not close a group: `platforms … do`, `source … do`, `if`, `git … do`. */
const OTHER_BLOCK = /\bdo\s*(\|[^|]*\|)?\s*$|^\s*(if|unless|case|begin|while|until|def|class|module)\b/;
const END = /^\s*end\b/;
const INLINE_GROUP = /\bgroups?\s*:\s*(\[[^\]]*\]|%[iw]\[[^\]]*\]|:\w+|["'][\w-]+["'])|:groups?\s*=>\s*(\[[^\]]*\]|:\w+)/;

function groupNames(list: string): string[] {
  if (/^%[iw]\[/.test(list)) return list.slice(3, -1).split(/\s+/).filter(Boolean);
  return [...list.matchAll(/:(\w+)|["']([\w-]+)["']/g)].map((m) => m[1] ?? m[2]);
}

/** The line without a trailing comment; a `#` inside a string is kept. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/**
 * Reads a Gemfile line by line: `gem` statements with their versions (every constraint, joined with `, `) and
 * groups (from `group … do` blocks and `group:` / `groups:` options), each on the gem's name. A statement
 * continued on the next lines (a trailing comma) is read whole. Gemfiles are Ruby, so only the common,
 * declarative shapes are understood and anything else is skipped rather than guessed at; `gemspec` points at a
 * gem's own specification and declares nothing here, and `path:` gems are the project's own code.
 */
export function parseGemfile(text: string): ParsedManifest {
  const declarations: DependencyDeclaration[] = [];
  const problems: ManifestProblem[] = [];
  // Each open block: the groups it adds (none for `platforms … do`, `if …`, and the like).
  const blocks: string[][] = [];
  const lines = text.split(/(?<=\n)/);
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length;
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r?\n$/, '');
    const code = stripComment(line).trimEnd();
    const gem = GEM_STATEMENT.exec(code);
    const groupBlock = GROUP_BLOCK.exec(code);
    if (groupBlock) blocks.push(groupNames(groupBlock[1]));
    else if (END.test(code)) {
      if (blocks.length) blocks.pop();
      else problems.push({ message: 'Gemfile: "end" without an open block', span: { start: offsets[index], end: offsets[index] + line.length } });
    } else if (gem) {
      const [, prefix, , name] = gem;
      let options = gem[4];
      for (let next = index + 1; /,\s*$/.test(options) && next < lines.length && next <= index + 8; next++) options += ' ' + stripComment(lines[next].replace(/\r?\n$/, '')).trim();
      if (!/\bpath\s*:|:path\s*=>/.test(options)) {
        const versions = /^\s*((?:,\s*(["'])[^"']*\2\s*)+)/.exec(options);
        const versionSpec = versions ? [...versions[1].matchAll(/(["'])([^"']*)\1/g)].map((m) => m[2].trim()).filter(Boolean).join(', ') : '';
        const inline = INLINE_GROUP.exec(options);
        const groups = [...new Set([...blocks.flat(), ...(inline ? groupNames(inline[1] ?? inline[2]) : [])])];
        const start = offsets[index] + prefix.length + 1;
        declarations.push({
          ecosystem: 'gem',
          name,
          purl: gemPurl(name),
          ...(versionSpec ? { versionSpec } : {}),
          group: groups.length ? groups.join(',') : 'default',
          nameSpan: { start, end: start + name.length },
        });
      }
    } else if (OTHER_BLOCK.test(code) && !/\bend\s*$/.test(code)) {
      blocks.push([]);
    }
  }
  return { declarations, problems };
}
