import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decidingEntries } from '../dependency-facts';
import { isDependencyFinding, type Finding } from '../finding';
import { encodeUriComponentSafely } from '../../text/uri-component';
import { diagnosticMessage } from './diagnostic-message';
import { describeRuling } from './policy-trail';
import type { RenderContext } from './render-context';

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note' } as const;

/** A file as SARIF names it: relative to `SRCROOT` inside the audited folder, a file URI elsewhere. */
function artifactLocation(root: string, file: string): object {
  const relative = path.relative(root, file);
  const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? { uri: relative.split(path.sep).map(encodeUriComponentSafely).join('/'), uriBaseId: 'SRCROOT' } : { uri: pathToFileURL(file).href };
}

/**
 * One SARIF result. The message is the diagnostic's line followed by the policy trail; the deciding policy
 * entries are `relatedLocations` (by character offset, as SARIF regions allow), so code scanning links them.
 */
export function sarifResult(finding: Finding, root: string, ruleIndex: number, ctx: RenderContext): object {
  const message = diagnosticMessage(finding);
  const dependency = isDependencyFinding(finding) ? finding : undefined;
  const entries = dependency ? decidingEntries(dependency.facts.ruling).filter((e) => e.at) : [];
  return {
    ruleId: finding.code,
    ruleIndex,
    level: SARIF_LEVEL[finding.severity],
    message: { text: dependency ? `${message}. ${describeRuling(dependency.facts.ruling, ctx)}.` : message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(root, finding.path),
          region: {
            startLine: finding.range.start.line + 1,
            startColumn: finding.range.start.character + 1,
            endLine: finding.range.end.line + 1,
            endColumn: finding.range.end.character + 1,
          },
        },
      },
    ],
    ...(entries.length
      ? {
          relatedLocations: entries.map((entry, id) => ({
            id,
            message: { text: `${entry.key}: ${entry.text}` },
            physicalLocation: {
              artifactLocation: artifactLocation(root, entry.at!.path),
              region: { charOffset: entry.at!.span.start, charLength: entry.at!.span.end - entry.at!.span.start },
            },
          })),
        }
      : {}),
    ...(dependency
      ? {
          properties: {
            purl: dependency.subject.purl,
            version: dependency.subject.version,
            license: dependency.subject.license,
            via: dependency.subject.via,
            ...(dependency.facts.rule === 'license-unknown' ? { unknownLicense: dependency.facts.reason } : {}),
          },
        }
      : {}),
  };
}
