/** The `ospo.*` settings the server reads for one workspace folder. */
export interface ServerSettings {
  readonly enable: boolean;
  readonly policyFile?: string;
  readonly headersEnabled: boolean;
  readonly dependenciesEnabled: boolean;
  /** Ask deps.dev for licenses nothing local states; never in a restricted workspace. */
  readonly onlineLookup: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, headersEnabled: true, dependenciesEnabled: true, onlineLookup: false };

/** Validates the raw `ospo` configuration section; anything malformed falls back to the default. */
export function readServerSettings(raw: unknown): ServerSettings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const section = raw as Record<string, unknown>;
  const nested = (key: string): Record<string, unknown> => {
    const value = section[key];
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  };
  const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  const policyFile = typeof section.policyFile === 'string' && section.policyFile.trim() !== '' ? section.policyFile.trim() : undefined;
  return {
    enable: bool(section.enable, true),
    ...(policyFile ? { policyFile } : {}),
    headersEnabled: bool(nested('headers').enable ?? section['headers.enable'], true),
    dependenciesEnabled: bool(nested('dependencies').enable ?? section['dependencies.enable'], true),
    onlineLookup: bool(section.onlineLookup, false),
  };
}
