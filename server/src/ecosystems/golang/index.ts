import { traceLoad } from '../../io/load-trace';
import type { DependencyDeclaration, EcosystemSupport, ParsedManifest } from '../ecosystem';
import { parseGoMod } from './go-mod-parser';
import { GoResolver } from './go-resolver';
import { golangPurl } from './module-path-escape';
import { GOLANG_MANIFESTS } from '../manifest-names';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('golang support');

/** Reads go.mod files into declarations: one per required module, `// indirect` ones in the `indirect` group. */
export function parseGoModManifest(text: string): ParsedManifest {
  try {
    const file = parseGoMod(text);
    const declarations: DependencyDeclaration[] = file.requires.map((r) => ({
      ecosystem: 'golang',
      name: r.path,
      purl: golangPurl(r.path),
      versionSpec: r.version,
      group: r.indirect ? 'indirect' : 'require',
      nameSpan: r.pathSpan,
    }));
    return { declarations, problems: file.problems };
  } catch (error) {
    return { declarations: [], problems: [{ message: `could not read go.mod: ${(error as Error).message}`, span: { start: 0, end: 0 } }] };
  }
}

export const golangSupport: EcosystemSupport = {
  ...GOLANG_MANIFESTS,
  parse: (text) => parseGoModManifest(text),
  createResolver: (manifestPath, context) => new GoResolver(manifestPath, context),
};
