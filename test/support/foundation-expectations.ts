/**
 * What the foundation fixture's package.json must report: a text on the dependency's line and the rule. Shared by
 * the LSP, CLI and real-editor tests, which check the same findings through each interface.
 */
export const FOUNDATION_DEPENDENCY_FINDINGS: ReadonlyArray<readonly [needle: string, code: string]> = [
  ['agpl-server', 'license-denied'],
  ['"event-stream"', 'package-denied'],
  ['"colors"', 'package-denied'],
  ['"mpl-lib"', 'license-needs-approval'],
  ['pending-lgpl', 'approval-pending'],
  ['rejected-epl', 'approval-rejected'],
  ['mystery-pkg', 'license-unknown'],
  ['and-licensed', 'license-needs-approval'],
  ['plain-gpl2', 'license-needs-approval'],
  ['wrapper-lib', 'license-denied'],
  ['legacy-licenses', 'license-needs-approval'],
  ['see-license', 'license-unknown'],
  ['expired-approval', 'license-needs-approval'],
];
