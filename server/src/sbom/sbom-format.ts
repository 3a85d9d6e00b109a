/** The SBOM formats the audit writes; kept apart from the builders so that naming a format loads no SBOM code. */
export type SbomFormat = 'cyclonedx' | 'spdx';

export const SBOM_FORMATS: readonly SbomFormat[] = ['cyclonedx', 'spdx'];

export function isSbomFormat(format: string): format is SbomFormat {
  return (SBOM_FORMATS as readonly string[]).includes(format);
}
