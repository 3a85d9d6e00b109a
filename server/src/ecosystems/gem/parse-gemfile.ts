import type { DependencyDeclaration, ManifestProblem, ParsedManifest } from '../ecosystem';

export const gemPurl = (name: string): string => `pkg:gem/${name}`;

/** `gem "name"` / `gem('name'` at the start of a statement, the name's quotes captured. */
const GEM_LINE = /^(\s*gem\s*\(?\s*)(["'])([A-Za-z0-9_.-]+)\2(.*)$/;
const GROUP_BLOCK = /^\s*group\s*\(?\s*((?::\w+|["'][\w-]+["'])(?:\s*,\s*(?::\w+|["'][\w-]+["']))*)\s*\)?\s*do\b/;
const OTHER_BLOCK = /\bdo\s*(\|[^|]*\|)?\s*(#.*)?$|^\s*(if|unless|case|begin|while|until)\b/;
const END = /^\s*end\b/;

function symbols(list: string): string[] {
  return [...list.matchAll(/:(\w+)|["']([\w-]+)["']/g)].map((m) => m[1] ?? m[2]);
}

/**
 * Reads a Gemfile line by line: `gem` statements with their group (from `group … do` blocks or a `group:` /
 * `groups:` option). Gemfiles are Ruby, so only these common, declarative shapes are understood; anything else
 * is skipped rather than guessed at.
 */
export function parseGemfile(text: string): ParsedManifest {
  const declarations: DependencyDeclaration[] = [];
  const problems: ManifestProblem[] = [];
  // Each open block: the groups it adds (empty for non-group blocks such as `platforms … do`).
  const blocks: string[][] = [];
  let offset = 0;
  for (const rawLine of text.split(/(?<=\n)/)) {
    const line = rawLine.replace(/\r?\n$/, '');
    const code = line.replace(/\s#.*$|^#.*$/, '');
    const gem = GEM_LINE.exec(code);
    const groupBlock = GROUP_BLOCK.exec(code);
    if (groupBlock) blocks.push(symbols(groupBlock[1]));
    else if (END.test(code)) {
      if (blocks.length) blocks.pop();
      else problems.push({ message: 'Gemfile: "end" without an open block', span: { start: offset, end: offset + line.length } });
    } else if (gem) {
      const [, prefix, , name, rest] = gem;
      const options = rest ?? '';
      const local = /\bpath\s*:|:path\s*=>/.test(options);
      if (!local) {
        const version = /^\s*,\s*(["'])([^"']*)\1/.exec(options)?.[2];
        const inline = /\bgroups?\s*:\s*(\[[^\]]*\]|:\w+)|:groups?\s*=>\s*(\[[^\]]*\]|:\w+)/.exec(options);
        const groups = [...blocks.flat(), ...(inline ? symbols(inline[1] ?? inline[2]) : [])];
        const start = offset + prefix.length + 1;
        declarations.push({
          ecosystem: 'gem',
          name,
          purl: gemPurl(name),
          ...(version ? { versionSpec: version } : {}),
          group: groups.length ? groups.join(',') : 'default',
          nameSpan: { start, end: start + name.length },
        });
      }
    } else if (OTHER_BLOCK.test(code) && !/\bend\s*$/.test(code)) {
      blocks.push([]);
    }
    offset += rawLine.length;
  }
  return { declarations, problems };
}
