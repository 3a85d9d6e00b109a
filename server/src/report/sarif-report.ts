import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditResult } from '../audit/run-audit';
import type { FindingCode, Severity } from '../findings/finding';
import { RULES } from '../findings/rule-catalog';
import { FINGERPRINT_KEY, findingFingerprint } from './finding-fingerprint';
import { renderContextFor } from '../findings/render/render-context';
import { ruleDocsUrl } from '../findings/render/rule-docs';
import { sarifResult } from '../findings/render/sarif-result';

const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', information: 'note' };

/** SARIF 2.1.0 for code scanning: one result per finding, locations relative to the audited folder. */
export function toSarif(result: AuditResult, toolVersion: string): object {
  const ruleIds = Object.keys(RULES) as FindingCode[];
  const ctx = renderContextFor(result.root);
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
              ...(ruleDocsUrl(id) ? { helpUri: ruleDocsUrl(id) } : {}),
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(result.root + path.sep).href } },
        results: result.findings.map((finding) => ({
          ...sarifResult(finding, result.root, ruleIds.indexOf(finding.code), ctx),
          partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding, result.root) },
        })),
      },
    ],
  };
}
