import { DEFAULT_APPROVAL_EXPIRY } from './approval-expiry';
import type { HeaderPolicy, LicensePolicy, Policy, PolicySource } from './policy-types';

export const DEFAULT_POLICY_PATH = '.ospo/policy.json';
export const DEFAULT_APPROVALS_PATH = '.ospo/approvals.json';

export const DEFAULT_HEADER_TEMPLATE: readonly string[] = ['SPDX-FileCopyrightText: {year} {holder}', 'SPDX-License-Identifier: {license}'];

/** Common source files; configuration and data formats are left to teams that ask for them. */
export const DEFAULT_HEADER_INCLUDE: readonly string[] = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/*.{py,pyi,go,rs,java,kt,kts,scala,groovy,swift,dart}',
  '**/*.{c,h,cc,cpp,cxx,hh,hpp,hxx,m,mm,cs,fs,vb}',
  '**/*.{sh,bash,zsh,fish,ps1,rb,php,pl,pm,lua,r,R,sql,ex,exs,erl,hs,clj,vue,svelte}',
  '**/*.{css,scss,sass,less}',
  '**/Dockerfile',
  '**/Makefile',
];

/** Vendored, generated and build output: not the project's own source. */
export const DEFAULT_HEADER_EXCLUDE: readonly string[] = [
  '**/node_modules/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/third-party/**',
  '**/external/**',
  '**/generated/**',
  '**/__generated__/**',
  '**/*.generated.*',
  '**/*.min.js',
  '**/*.d.ts',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/target/**',
  '**/coverage/**',
  '**/.git/**',
  '**/.venv/**',
  '**/venv/**',
];

export const DEFAULT_LICENSES: LicensePolicy = {
  allow: [
    { kind: 'category', category: 'permissive', text: '@permissive' },
    { kind: 'category', category: 'notice', text: '@notice' },
    { kind: 'category', category: 'unencumbered', text: '@unencumbered' },
  ],
  review: [
    { kind: 'category', category: 'reciprocal', text: '@reciprocal' },
    { kind: 'category', category: 'restricted', text: '@restricted' },
  ],
  deny: [{ kind: 'category', category: 'forbidden', text: '@forbidden' }],
  unknown: 'review',
  unlisted: 'review',
  minConfidence: 0.9,
};

export function defaultHeaderPolicy(projectLicense: string | undefined): HeaderPolicy {
  return {
    enabled: true,
    include: DEFAULT_HEADER_INCLUDE,
    exclude: DEFAULT_HEADER_EXCLUDE,
    ...(projectLicense !== undefined ? { license: projectLicense } : {}),
    template: DEFAULT_HEADER_TEMPLATE,
    styles: {},
  };
}

/**
 * The policy used when a workspace has none: permissive, notice and unencumbered licenses pass; reciprocal and
 * restricted ones need review; forbidden ones are denied; headers carry the license the project declares.
 */
export function defaultPolicy(projectLicense: string | undefined, source: PolicySource = { kind: 'default', reason: 'no-policy-file' }): Policy {
  return {
    source,
    licenses: DEFAULT_LICENSES,
    packages: { allow: [], deny: [], private: [] },
    headers: defaultHeaderPolicy(projectLicense),
    approvals: { file: DEFAULT_APPROVALS_PATH, reviewers: [], allowSelfApproval: false, defaultExpiry: DEFAULT_APPROVAL_EXPIRY },
  };
}
