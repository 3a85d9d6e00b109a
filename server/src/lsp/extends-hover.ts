import type { Hover, Position } from 'vscode-languageserver';
import { markdownCode as code } from '../findings/render/markdown-text';
import type { RenderContext } from '../findings/render/render-context';
import type { ResolvedBase } from '../policy/load-policy';
import { LineIndex } from '../text/line-index';
import type { WorkspaceEngine } from '../workspace/workspace-engine';

/**
 * The hover on an `extends` entry of a policy file: which file the entry led to (a path, an npm package and its
 * version, or a pinned URL and its cache), so a reviewer sees what the organisation policy actually is.
 * `extra` holds Markdown of findings at the same place, shown below.
 */
export function extendsHover(engine: WorkspaceEngine, filePath: string, text: string, position: Position, extra: readonly string[] = []): Hover | null {
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  const base = engine.policyLoad.bases?.find((b) => b.file === filePath && b.span.start <= offset && offset < b.span.end);
  if (!base) return null;
  return { contents: { kind: 'markdown', value: [describeBase(base, engine.renderContext()), ...extra].join('\n\n---\n\n') }, range: lines.rangeOf(base.span) };
}

function describeBase(base: ResolvedBase, ctx: RenderContext): string {
  const origin = base.origin;
  switch (origin.kind) {
    case 'file':
      return `**extends** the policy file ${code(ctx.displayPath(origin.path))}`;
    case 'package':
      return [
        `**extends** the npm package ${code(origin.version ? `${origin.name}@${origin.version}` : origin.name)}`,
        `policy file: ${code(ctx.displayPath(origin.path))}`,
        origin.version ? '' : '_the package.json states no version_',
      ]
        .filter(Boolean)
        .join('\n\n');
    case 'url':
      return [
        `**extends** ${code(origin.url)}`,
        `pinned SHA-256 ${code(origin.sha256)}, verified`,
        `cached at ${code(ctx.displayPath(origin.cachePath))} (fetched ${origin.fetchedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC); used offline while the pin stays`,
      ].join('\n\n');
  }
}
