import { documentStamp, type SbomInventory, type SbomPackage } from './sbom-inventory';
import type { SbomOptions } from './cyclonedx-sbom';

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  licenseComments: string;
  copyrightText: 'NOASSERTION';
  externalRefs: Array<{ referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }>;
  primaryPackagePurpose: 'LIBRARY' | 'APPLICATION';
  comment?: string;
}

interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'DEPENDS_ON' | 'DEV_DEPENDENCY_OF';
  relatedSpdxElement: string;
}

const ROOT_ID = 'SPDXRef-Root';

/**
 * The inventory as an SPDX 2.3 JSON document. A package's license goes in `licenseDeclared` (what the package
 * states; the tool concludes nothing, so `licenseConcluded` is NOASSERTION), a license that is not an SPDX
 * expression becomes a `LicenseRef-` with its wording under `hasExtractedLicensingInfos`, and where the license
 * came from is the `licenseComments`. The graph is `DEPENDS_ON` for runtime dependencies and
 * `DEV_DEPENDENCY_OF` (pointing the other way, as SPDX defines it) for dev dependencies.
 */
export function toSpdx(inventory: SbomInventory, options: SbomOptions): string {
  const ids = new SpdxIds();
  const extracted = new Map<string, string>();
  const packages: SpdxPackage[] = [
    {
      SPDXID: ROOT_ID,
      name: inventory.name,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      licenseComments: 'The audited project; its own license is not part of this inventory.',
      copyrightText: 'NOASSERTION',
      externalRefs: [],
      primaryPackagePurpose: 'APPLICATION',
    },
  ];
  const idOf = new Map<string, string>();
  for (const pkg of inventory.packages) idOf.set(pkg.ref, ids.forPackage(pkg));
  for (const pkg of inventory.packages) packages.push(spdxPackage(pkg, idOf.get(pkg.ref)!, extracted));

  const scopeOf = new Map(inventory.packages.map((p) => [p.ref, p.scope]));
  const relationships: SpdxRelationship[] = [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: ROOT_ID }];
  const edge = (from: string, to: string) =>
    scopeOf.get(to) === 'dev'
      ? relationships.push({ spdxElementId: idOf.get(to)!, relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: from === ROOT_ID ? ROOT_ID : idOf.get(from)! })
      : relationships.push({ spdxElementId: from === ROOT_ID ? ROOT_ID : idOf.get(from)!, relationshipType: 'DEPENDS_ON', relatedSpdxElement: idOf.get(to)! });
  for (const ref of inventory.rootDependsOn) edge(ROOT_ID, ref);
  for (const pkg of inventory.packages) for (const child of pkg.dependsOn) edge(pkg.ref, child);

  const body = {
    packages,
    relationships,
    ...(extracted.size
      ? {
          hasExtractedLicensingInfos: [...extracted].map(([licenseId, name]) => ({
            licenseId,
            name,
            extractedText: `The package states its license as: ${name}`,
            comment: 'Not an SPDX license expression; the wording is the package metadata\'s.',
          })),
        }
      : {}),
  };
  const stamp = documentStamp(JSON.stringify([inventory.name, body]), options.env);
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${inventory.name} dependencies`,
    documentNamespace: `https://spdx.org/spdxdocs/ospo-guide/${encodeURIComponent(inventory.name)}-${stamp.uuid}`,
    creationInfo: { created: stamp.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'), creators: [`Tool: ospo-guide-${options.toolVersion}`] },
    documentDescribes: [ROOT_ID],
    ...body,
  };
  return JSON.stringify(document, null, 2) + '\n';
}

function spdxPackage(pkg: SbomPackage, id: string, extracted: Map<string, string>): SpdxPackage {
  let declared = 'NOASSERTION';
  if (pkg.license.kind === 'expression') declared = pkg.license.expression;
  else if (pkg.license.kind === 'named') declared = extractedLicenseId(pkg.license.name, extracted);
  return {
    SPDXID: id,
    name: pkg.name,
    ...(pkg.version !== undefined ? { versionInfo: pkg.version } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: declared,
    licenseComments: `License source: ${pkg.licenseSource}`,
    copyrightText: 'NOASSERTION',
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.ref }],
    primaryPackagePurpose: 'LIBRARY',
    comment: `scope: ${pkg.scope}; policy status: ${pkg.status}`,
  };
}

/** `LicenseRef-` ids allow letters, digits, `.` and `-` only (SPDX 2.3 annex D); equal names share one id. */
function extractedLicenseId(name: string, extracted: Map<string, string>): string {
  for (const [id, known] of extracted) if (known === name) return id;
  const base = `LicenseRef-${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'unnamed'}`;
  let id = base;
  for (let n = 2; extracted.has(id); n++) id = `${base}-${n}`;
  extracted.set(id, name);
  return id;
}

/** `SPDXRef-` ids from ecosystem, name and version, made unique in document order. */
class SpdxIds {
  private readonly used = new Set<string>([ROOT_ID, 'SPDXRef-DOCUMENT']);

  forPackage(pkg: SbomPackage): string {
    const raw = `${pkg.ecosystem}-${pkg.name}${pkg.version !== undefined ? `-${pkg.version}` : ''}`;
    const base = `SPDXRef-Package-${raw.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
