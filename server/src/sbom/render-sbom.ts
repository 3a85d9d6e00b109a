import type { AuditResult } from '../audit/run-audit';
import { toCycloneDx, type SbomOptions } from './cyclonedx-sbom';
import { sbomInventory } from './sbom-inventory';
import { toSpdx } from './spdx-sbom';
import type { SbomFormat } from './sbom-format';


/** The audited folders' packages as one SBOM document (JSON text) in the format asked for. */
export function renderSbom(format: SbomFormat, results: readonly AuditResult[], options: SbomOptions): string {
  const inventory = sbomInventory(results);
  return format === 'cyclonedx' ? toCycloneDx(inventory, options) : toSpdx(inventory, options);
}
