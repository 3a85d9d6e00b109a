/** The version reported in SARIF and `--version`; esbuild replaces the define at build time. */
declare const OSPO_GUIDE_VERSION: string | undefined;
export const TOOL_VERSION: string = typeof OSPO_GUIDE_VERSION === 'string' ? OSPO_GUIDE_VERSION : '0.0.0-dev';
