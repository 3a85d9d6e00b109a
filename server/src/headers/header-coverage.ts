/** How a REUSE.toml annotation combines with the tags a file carries itself. */
export type Precedence = 'closest' | 'aggregate' | 'override';

/** What REUSE metadata outside a file says about it. */
export type ReuseCoverage =
  | { readonly kind: 'none' }
  /** `<file>.license`: replaces whatever the file itself says. */
  | { readonly kind: 'sidecar'; readonly path: string; readonly licenses: readonly string[]; readonly copyrights: readonly string[] }
  /** A REUSE.toml annotation or a dep5 paragraph, combined with the file's own tags as `precedence` says. */
  | {
      readonly kind: 'annotation';
      readonly source: 'REUSE.toml' | 'dep5';
      readonly path: string;
      readonly precedence: Precedence;
      readonly licenses: readonly string[];
      readonly copyrights: readonly string[];
    };
