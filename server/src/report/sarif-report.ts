import { encodeUriComponentSafely } from '../text/uri-component';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditResult } from '../audit/run-audit';
import type { FindingCode, Severity } from '../findings/finding';
import { RULES } from '../findings/rule-catalog';
import { FINGERPRINT_KEY, findingFingerprint } from './finding-fingerprint';

const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', information: 'note' };

/** SARIF 2.1.0 for code scanning: one result per finding, locations relative to the audited folder. */
export function toSarif(result: AuditResult, toolVersion: string): object {
  const ruleIds = Object.keys(RULES) as FindingCode[];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'OSPO Guide',
            version: toolVersion,
            rules: ruleIds.map((id) => ({
              id,
              name: RULES[id].title.replace(/[^A-Za-z]+/g, ''),
              shortDescription: { text: RULES[id].title },
              fullDescription: { text: RULES[id].description },
              defaultConfiguration: { level: SARIF_LEVEL[RULES[id].defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(result.root + path.sep).href } },
        results: result.findings.map((finding) => {
          const relative = path.relative(result.root, finding.path);
          const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
          const artifactLocation = inside
            ? { uri: relative.split(path.sep).map(encodeUriComponentSafely).join('/'), uriBaseId: 'SRCROOT' }
            : { uri: pathToFileURL(finding.path).href };
          return {
            ruleId: finding.code,
            ruleIndex: ruleIds.indexOf(finding.code),
            partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding, result.root) },
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation,
                  region: {
                    startLine: finding.range.start.line + 1,
                    startColumn: finding.range.start.character + 1,
                    endLine: finding.range.end.line + 1,
                    endColumn: finding.range.end.character + 1,
                  },
                },
              },
            ],
            ...(finding.subject.kind === 'dependency'
              ? {
                  properties: {
                    purl: finding.subject.purl,
                    version: finding.subject.version,
                    license: finding.subject.license,
                    via: finding.subject.via,
                    ...(finding.unknownLicense ? { unknownLicense: finding.unknownLicense } : {}),
                  },
                }
              : {}),
          };
        }),
      },
    ],
  };
}
