import { DEFAULT_APPROVAL_EXPIRY } from './approval-expiry';
import { DEFAULT_APPROVALS_PATH, DEFAULT_HEADER_EXCLUDE, DEFAULT_HEADER_INCLUDE, DEFAULT_HEADER_TEMPLATE, DEFAULT_LICENSES } from './default-policy';

/**
 * A commented `.ospo/policy.json` that spells out the embedded default, so a team starts from what already
 * applies and edits from there.
 */
export function starterPolicyText(projectLicense: string | undefined, eol = '\n'): string {
  const list = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
  const lines = [
    '{',
    '  // OSPO Guide policy. Reference: the README of OSPO Guide, or hover over keys in VS Code.',
    '  // "extends": "./org/base.json",  // base policies, merged in order; this file wins',
    '  "licenses": {',
    '    // Licenses (SPDX ids, case-sensitive; `X WITH exception` is its own entry) or categories:',
    '    // @permissive (Blue Oak Council\'s list) @notice @unencumbered @reciprocal @restricted @forbidden (licenseclassifier)',
    '    // and Blue Oak ratings @blueoak-model @blueoak-gold @blueoak-silver @blueoak-bronze @blueoak-lead',
    `    "allow": ${list(DEFAULT_LICENSES.allow.map((r) => r.text))},`,
    `    "review": ${list(DEFAULT_LICENSES.review.map((r) => r.text))},  // usable with an approval`,
    `    "deny": ${list(DEFAULT_LICENSES.deny.map((r) => r.text))},`,
    `    "unknown": "${DEFAULT_LICENSES.unknown}",   // no license found: allow | review | deny`,
    `    "unlisted": "${DEFAULT_LICENSES.unlisted}"   // a license in none of the lists`,
    '  },',
    '  "packages": {',
    '    // Package URL patterns with * globs and an optional @version-range, e.g. "pkg:npm/@acme/*"',
    '    "allow": [],',
    '    "deny": []',
    '  },',
    '  "headers": {',
    `    "include": ${list(DEFAULT_HEADER_INCLUDE)},`,
    `    "exclude": ${list(DEFAULT_HEADER_EXCLUDE)},`,
    projectLicense ? `    "license": ${JSON.stringify(projectLicense)},` : '    // "license": "Apache-2.0",  // omitted: any valid SPDX expression',
    '    // "copyrightHolder": "Your Organisation",',
    `    "template": ${list(DEFAULT_HEADER_TEMPLATE)}`,
    '  },',
    '  "approvals": {',
    `    "file": "${DEFAULT_APPROVALS_PATH}",`,
    '    // "reviewers": ["ospo-board@example.org"],  // who may approve; absent: anyone but the requester',
    '    "allowSelfApproval": false,',
    `    "defaultExpiry": "${DEFAULT_APPROVAL_EXPIRY.text}"  // proposed expiry of an approval: "90 days", "1 year", "never"`,
    '    // "requestUrl": "https://tracker.example.org/new?title={title}&body={body}"',
    '  }',
    '}',
    '',
  ];
  return lines.join(eol);
}
