/** A compiled path pattern. Matching is O(path × pattern): a pattern of many stars cannot backtrack for ever. */
export interface PathGlob {
  test(path: string): boolean;
}

/** One pattern element: a literal character, `*` (not across `/`), `**` / dep5's `*` (anything), `?` (one). */
type Token = { kind: 'char'; char: string } | { kind: 'star' } | { kind: 'any' } | { kind: 'one' };

/**
 * REUSE.toml path patterns (REUSE specification 3.3): `*` matches any characters except `/`, `**` matches any
 * characters including `/`, `\*` is a literal asterisk, and everything else is literal. Patterns are relative to
 * the REUSE.toml's folder and match whole paths.
 */
export function compileReuseGlob(pattern: string): PathGlob {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', char: pattern[++i] });
    else if (c === '*' && pattern[i + 1] === '*') {
      tokens.push({ kind: 'any' });
      i++;
    } else if (c === '*') tokens.push({ kind: 'star' });
    else tokens.push({ kind: 'char', char: c });
  }
  return compile(tokens);
}

/**
 * Debian copyright format (`.reuse/dep5`) `Files:` patterns: `*` matches anything including `/`, `?` one
 * character, and a pattern is relative to the project root.
 */
export function compileDep5Glob(pattern: string): PathGlob {
  const tokens: Token[] = [...pattern.replace(/^\.\//, '')].map((c) => (c === '*' ? { kind: 'any' } : c === '?' ? { kind: 'one' } : { kind: 'char', char: c }));
  return compile(tokens);
}

/**
 * A row-by-row NFA simulation: `reachable[j]` says the first j tokens can match the path read so far. The
 * literal text before the first wildcard and after the last one must begin and end any match, so most paths
 * are turned away by two string comparisons: a project's REUSE.toml is asked about every file in it. When all
 * between them is one kind of star (`dir/**`, `*.c`), those comparisons, a length and a `/` decide alone.
 */
function compile(tokens: readonly Token[]): PathGlob {
  const literal = (t: Token) => t.kind === 'char';
  const firstWild = tokens.findIndex((t) => !literal(t));
  if (firstWild < 0) {
    const whole = tokens.map((t) => (t as { char: string }).char).join('');
    return { test: (path: string) => path === whole };
  }
  let lastWild = tokens.length - 1;
  while (literal(tokens[lastWild])) lastWild--;
  const prefix = tokens.slice(0, firstWild).map((t) => (t as { char: string }).char).join('');
  const suffix = tokens.slice(lastWild + 1).map((t) => (t as { char: string }).char).join('');
  const ends = (path: string) => path.length >= prefix.length + suffix.length && path.startsWith(prefix) && path.endsWith(suffix);
  const middle = tokens.slice(firstWild, lastWild + 1);
  if (middle.every((t) => t.kind === 'any')) return { test: ends };
  if (middle.every((t) => t.kind === 'star')) {
    return { test: (path: string) => ends(path) && !path.slice(prefix.length, path.length - suffix.length).includes('/') };
  }
  return {
    test(path: string): boolean {
      if (!ends(path)) return false;
      let reachable = new Uint8Array(tokens.length + 1);
      let next = new Uint8Array(tokens.length + 1);
      reachable[0] = 1;
      closeOverStars(tokens, reachable);
      for (const c of path) {
        next.fill(0);
        for (let j = 0; j < tokens.length; j++) {
          if (!reachable[j]) continue;
          const token = tokens[j];
          if (token.kind === 'any' || (token.kind === 'star' && c !== '/')) next[j] = 1;
          else if (token.kind === 'one' || (token.kind === 'char' && token.char === c)) next[j + 1] = 1;
        }
        closeOverStars(tokens, next);
        [reachable, next] = [next, reachable];
      }
      return reachable[tokens.length] === 1;
    },
  };
}

/** A star may match nothing: whoever reaches it also reaches the token after it. */
function closeOverStars(tokens: readonly Token[], reachable: Uint8Array): void {
  for (let j = 0; j < tokens.length; j++) {
    const kind = tokens[j].kind;
    if (reachable[j] && (kind === 'star' || kind === 'any')) reachable[j + 1] = 1;
  }
}
