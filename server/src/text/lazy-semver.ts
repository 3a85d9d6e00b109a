import type * as Semver from 'semver';

/**
 * The `semver` package, loaded on first use: its index loads some fifty modules and compiles its patterns, a
 * few milliseconds of every start, and only version ranges in a policy, an approval or a Cargo lock need it.
 */
export function semver(): typeof Semver {
  return require('semver') as typeof Semver;
}
