import type { DependencyDeclaration, ParsedManifest } from '../ecosystem';
import { descendants, scanXml, textAt, type XmlElement } from '../../formats/xml-scanner';

export const nugetPurl = (id: string): string => `pkg:nuget/${id}`;

/** Items that name a package: references in projects, central versions in Directory.Packages.props. */
const PACKAGE_ITEMS: Readonly<Record<string, string>> = {
  PackageReference: 'reference',
  GlobalPackageReference: 'global',
  PackageVersion: 'central',
};

function attributeOrChild(element: XmlElement, name: string): string | undefined {
  return element.attributes.get(name)?.value.trim() || textAt(element, name);
}

/**
 * Package items of an MSBuild project file (`*.csproj`, `*.fsproj`, `*.vbproj`) or Directory.Packages.props:
 * `<PackageReference Include="X" Version="1.2.3" />` (or `Update=`, or a `<Version>` child element), each on the
 * package id inside its quotes. A reference with `PrivateAssets="all"` is a build-time tool (an analyzer, a
 * source generator) and is grouped as `development`.
 */
export function parseProjectFile(text: string, fileLabel = 'project file'): ParsedManifest {
  const { root, problems } = scanXml(text);
  const declarations: DependencyDeclaration[] = [];
  for (const element of descendants(root)) {
    const kind = PACKAGE_ITEMS[element.name];
    if (!kind) continue;
    const id = element.attributes.get('Include') ?? element.attributes.get('Update');
    const name = id?.value.trim();
    // An id still being typed, or an MSBuild expression, names no package yet.
    if (!id || !name || /[$@%;*]/.test(name)) continue;
    const raw = text.slice(id.span.start, id.span.end);
    const nameSpan = { start: id.span.start + raw.length - raw.trimStart().length, end: id.span.end - (raw.length - raw.trimEnd().length) };
    const version = attributeOrChild(element, 'Version') ?? attributeOrChild(element, 'VersionOverride');
    const privateAssets = attributeOrChild(element, 'PrivateAssets');
    declarations.push({
      ecosystem: 'nuget',
      name,
      purl: nugetPurl(name),
      ...(version ? { versionSpec: version } : {}),
      group: kind === 'reference' && privateAssets !== undefined && /(^|;)\s*all\s*($|;)/i.test(privateAssets) ? 'development' : kind,
      nameSpan,
    });
  }
  return { declarations, problems: problems.map((p) => ({ message: `${fileLabel}: ${p.message}`, span: p.span })) };
}

