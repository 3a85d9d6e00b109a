/**
 * Limits on the globs a policy may hold. minimatch expands braces before matching (`{a,b}` thirty times is 2^30
 * patterns) and compiles classes and extglobs into regular expressions, so a short hostile pattern can stall
 * every check. Real include/exclude globs and package patterns stay far below these limits.
 */
export const GLOB_LIMITS = {
  maxLength: 1024,
  /** Patterns a glob's braces may expand to (`{a,b}/{c,d}` is 4). */
  maxBraceExpansion: 256,
  maxNesting: 8,
  /** Character classes `[…]`, extglobs `@(…)` and `**` segments together. */
  maxSpecials: 64,
} as const;

/** Why a glob from a policy is refused, or undefined when it is within the limits. */
export function globLimitProblem(glob: string): string | undefined {
  if (glob.length > GLOB_LIMITS.maxLength) return `is ${glob.length} characters long; at most ${GLOB_LIMITS.maxLength} are allowed`;
  // Each frame is one brace group being read: the patterns its finished alternatives make, and the current one's.
  const frames: Array<{ alternatives: number; current: number }> = [{ alternatives: 0, current: 1 }];
  let nesting = 0;
  let specials = 0;
  const tooMany = (n: number) => n > GLOB_LIMITS.maxBraceExpansion;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (frames.length > GLOB_LIMITS.maxNesting) return `nests braces more than ${GLOB_LIMITS.maxNesting} deep`;
      const range = /^\{(-?\d+)\.\.(-?\d+)(?:\.\.-?\d+)?\}/.exec(glob.slice(i, i + 48));
      if (range) {
        const frame = frames[frames.length - 1];
        frame.current *= Math.abs(Number(range[2]) - Number(range[1])) + 1;
        if (tooMany(frame.current)) return `expands to more than ${GLOB_LIMITS.maxBraceExpansion} patterns`;
        i += range[0].length - 1;
        continue;
      }
      frames.push({ alternatives: 0, current: 1 });
    } else if (c === ',' && frames.length > 1) {
      const frame = frames[frames.length - 1];
      frame.alternatives += frame.current;
      frame.current = 1;
    } else if (c === '}' && frames.length > 1) {
      const group = frames.pop()!;
      const size = group.alternatives + group.current;
      const outer = frames[frames.length - 1];
      outer.current *= size;
      if (tooMany(outer.current) || tooMany(size)) return `expands to more than ${GLOB_LIMITS.maxBraceExpansion} patterns`;
    } else if (c === '[' || c === '(') {
      nesting++;
      specials++;
      if (nesting > GLOB_LIMITS.maxNesting) return `nests brackets or parentheses more than ${GLOB_LIMITS.maxNesting} deep`;
    } else if (c === ']' || c === ')') {
      nesting = Math.max(0, nesting - 1);
    } else if (c === '*' && glob[i + 1] === '*') {
      specials++;
      i++;
    }
    if (specials > GLOB_LIMITS.maxSpecials) return `has more than ${GLOB_LIMITS.maxSpecials} character classes, groups and ** together`;
  }
  let total = 1;
  for (const frame of frames) total = Math.max(total, frame.alternatives + frame.current);
  return tooMany(total) ? `expands to more than ${GLOB_LIMITS.maxBraceExpansion} patterns` : undefined;
}
