import type { FindingCode, Severity } from './finding';

export interface RuleDescription {
  readonly title: string;
  readonly description: string;
  readonly defaultSeverity: Severity;
}

/** What each rule means, for SARIF rule metadata, reports and documentation. */
export const RULES: Readonly<Record<FindingCode, RuleDescription>> = {
  'license-denied': {
    title: 'Dependency license denied',
    description: "A dependency (or a package it brings in) is under a license the policy denies.",
    defaultSeverity: 'error',
  },
  'package-denied': {
    title: 'Package denied',
    description: 'The policy denies this package by name (packages.deny), whatever its license.',
    defaultSeverity: 'error',
  },
  'license-needs-approval': {
    title: 'Dependency license needs approval',
    description: 'The license may be used only with an approval recorded in the approvals log.',
    defaultSeverity: 'warning',
  },
  'license-unknown': {
    title: 'Dependency license unknown',
    description: 'No recognisable license was found for the package; licenses.unknown decides what that means.',
    defaultSeverity: 'warning',
  },
  'approval-pending': {
    title: 'Approval pending',
    description:
      'An approval has been requested for this dependency and awaits review. A request decides nothing: the finding keeps the severity of the rule it asks an exception to (a denied license stays an error).',
    defaultSeverity: 'warning',
  },
  'approval-rejected': {
    title: 'Approval rejected',
    description: 'The approvals log records a rejection for this dependency.',
    defaultSeverity: 'error',
  },
  'approval-invalid': {
    title: 'Approval does not count',
    description:
      'An approval in the approvals log names no reviewer, was given by the person who requested it, or by someone not in approvals.reviewers; the dependency is treated as unapproved.',
    defaultSeverity: 'warning',
  },
  'approval-expired': {
    title: 'Approval expired',
    description: 'An approval in the approvals log is past its expiry date; renew it or remove the entry.',
    defaultSeverity: 'warning',
  },
  'header-missing': {
    title: 'License header missing',
    description: 'The file has no SPDX-License-Identifier header although the policy asks for one.',
    defaultSeverity: 'warning',
  },
  'header-license-mismatch': {
    title: 'License header differs from the policy',
    description: "The file's SPDX-License-Identifier is not the license the policy expects, or is not a valid SPDX expression.",
    defaultSeverity: 'warning',
  },
  'license-text-missing': {
    title: 'License text missing',
    description: 'A license used in the project has no text in LICENSES/ (REUSE).',
    defaultSeverity: 'warning',
  },
  'license-text-unused': {
    title: 'License text unused',
    description: 'LICENSES/ holds a license text that no file uses (REUSE).',
    defaultSeverity: 'warning',
  },
  'reuse-metadata-invalid': {
    title: 'REUSE metadata invalid',
    description: 'A REUSE.toml cannot be read; the files it would cover are checked without it.',
    defaultSeverity: 'error',
  },
  'manifest-invalid': {
    title: 'Manifest cannot be read',
    description: 'A dependency manifest has syntax errors; dependencies after the error may be missed.',
    defaultSeverity: 'warning',
  },
  'file-too-large': {
    title: 'File too large to check',
    description:
      'The file is larger than ospo.maxFileSize (5 MB by default), so its dependencies or header are not checked; or a manifest declares more than 2,000 dependencies, and only the first 2,000 are checked.',
    defaultSeverity: 'warning',
  },
  'policy-invalid': {
    title: 'Policy invalid',
    description: 'The policy file or the approvals log has an error; the last valid policy keeps applying.',
    defaultSeverity: 'error',
  },
  'policy-not-loaded': {
    title: 'Policy part not loaded in restricted mode',
    description:
      'The workspace is not trusted, so a part of the policy that lies outside the folder (an extended policy file, an approvals log) is not loaded; it applies once the workspace is trusted.',
    defaultSeverity: 'warning',
  },
};
