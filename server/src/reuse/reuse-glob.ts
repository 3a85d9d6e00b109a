/**
 * REUSE.toml path patterns (REUSE specification 3.3): `*` matches any characters except `/`, `**` matches any
 * characters including `/`, `\*` is a literal asterisk, and everything else is literal. Patterns are relative to
 * the REUSE.toml's folder and match whole paths.
 */
export function reuseGlobToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]);
    } else if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else {
      source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Debian copyright format (`.reuse/dep5`) `Files:` patterns: `*` matches anything including `/`, `?` one
 * character, and a pattern is relative to the project root.
 */
export function dep5GlobToRegExp(pattern: string): RegExp {
  let source = '';
  for (const c of pattern.replace(/^\.\//, '')) {
    source += c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
