import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { documentStamp, type SbomInventory, type SbomPackage } from './sbom-inventory';

export interface SbomOptions {
  readonly toolVersion: string;
  /** For `SOURCE_DATE_EPOCH`. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Property names in the tool's own namespace; `cdx:` names are reserved for CycloneDX's taxonomy. */
export const CYCLONEDX_PROPERTIES = {
  licenseSource: 'ospo-guide:license:source',
  scope: 'ospo-guide:scope',
  status: 'ospo-guide:policy:status',
} as const;

/**
 * The inventory as a CycloneDX 1.6 JSON document: each package a `library` component with its purl, version,
 * scope (runtime → `required`, dev → `optional`), license (an expression, or a named license when the package
 * states one that is not SPDX) and where that license came from, and the dependency graph under
 * `dependencies`, rooted at the audited project (`metadata.component`).
 */
export function toCycloneDx(inventory: SbomInventory, options: SbomOptions): string {
  const components = new Map<string, Models.Component>();
  for (const pkg of inventory.packages) components.set(pkg.ref, component(pkg));
  for (const pkg of inventory.packages) {
    const self = components.get(pkg.ref)!;
    for (const child of pkg.dependsOn) self.dependencies.add(components.get(child)!.bomRef);
  }
  const root = new Models.Component(Enums.ComponentType.Application, inventory.name, { bomRef: 'ospo-guide:root' });
  for (const ref of inventory.rootDependsOn) root.dependencies.add(components.get(ref)!.bomRef);

  const bom = new Models.Bom();
  bom.metadata.component = root;
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'ospo-guide', { version: options.toolVersion }));
  for (const c of components.values()) bom.components.add(c);

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  // The stamp is derived from the document without it, so a fixed epoch gives a fixed serial number.
  const stamp = documentStamp(serializer.serialize(bom, { sortLists: true }), options.env);
  bom.serialNumber = `urn:uuid:${stamp.uuid}`;
  bom.metadata.timestamp = stamp.timestamp;
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}

function component(pkg: SbomPackage): Models.Component {
  const c = new Models.Component(Enums.ComponentType.Library, pkg.name, {
    bomRef: pkg.ref,
    purl: pkg.ref,
    ...(pkg.version !== undefined ? { version: pkg.version } : {}),
    scope: pkg.scope === 'runtime' ? Enums.ComponentScope.Required : Enums.ComponentScope.Optional,
  });
  if (pkg.license.kind === 'expression') c.licenses.add(new Models.LicenseExpression(pkg.license.expression));
  else if (pkg.license.kind === 'named') c.licenses.add(new Models.NamedLicense(pkg.license.name));
  c.properties.add(new Models.Property(CYCLONEDX_PROPERTIES.licenseSource, pkg.licenseSource));
  c.properties.add(new Models.Property(CYCLONEDX_PROPERTIES.scope, pkg.scope));
  c.properties.add(new Models.Property(CYCLONEDX_PROPERTIES.status, pkg.status));
  return c;
}
