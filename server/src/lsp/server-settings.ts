/** The `ospo.*` settings the server reads for one workspace folder. */
export interface ServerSettings {
  readonly enable: boolean;
  readonly policyFile?: string;
  readonly headersEnabled: boolean;
  readonly dependenciesEnabled: boolean;
  /** Ask deps.dev for licenses nothing local states; never in a restricted workspace. */
  readonly onlineLookup: boolean;
  /**
   * `ospo.approvals.allowOutsideWorkspace`: an application-scoped setting, so VS Code takes it from user settings
   * only; it lets the approvals log live outside the folder, and only in a trusted workspace.
   */
  readonly approvalsOutsideWorkspace: boolean;
  /** The Python interpreter the editor is configured with (`python.defaultInterpreterPath`), if any. */
  readonly pythonInterpreter?: string;
  /** Files larger than this many bytes get one finding instead of a check (`ospo.maxFileSize`, in MB). */
  readonly maxFileBytes: number;
  /** `ospo.inlayHints.enabled`: show `MIT ✓` after each dependency; off unless asked for. */
  readonly inlayHints: boolean;
}

export const DEFAULT_MAX_FILE_MB = 5;

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  headersEnabled: true,
  dependenciesEnabled: true,
  onlineLookup: false,
  maxFileBytes: DEFAULT_MAX_FILE_MB * 1024 * 1024,
  approvalsOutsideWorkspace: false,
  inlayHints: false,
};

/**
 * The environment of a Python interpreter at `interpreter`: `<env>/bin/python` or `<env>\\Scripts\\python.exe`
 * belongs to the environment `<env>`, whose site-packages hold the installed distributions' metadata.
 */
export function pythonEnvironmentOf(interpreter: string, workspaceFolder: string): string | undefined {
  const resolved = interpreter.replace(/\$\{workspaceFolder\}/g, workspaceFolder).trim();
  if (!resolved || !/[\\/]/.test(resolved)) return undefined;
  const parts = resolved.split(/[\\/]/);
  const binIndex = parts.length - 2;
  if (binIndex < 1 || !/^(bin|Scripts)$/.test(parts[binIndex])) return undefined;
  const env = parts.slice(0, binIndex).join('/');
  return env.startsWith('/') || /^[A-Za-z]:/.test(env) ? env : `${workspaceFolder}/${env}`;
}

/** Validates the raw `ospo` configuration section; anything malformed falls back to the default. */
export function readServerSettings(raw: unknown, python?: unknown): ServerSettings {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_SETTINGS, ...pythonSetting(python) };
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
    approvalsOutsideWorkspace: bool(nested('approvals').allowOutsideWorkspace ?? section['approvals.allowOutsideWorkspace'], false),
    inlayHints: bool(nested('inlayHints').enabled ?? section['inlayHints.enabled'], false),
    maxFileBytes:
      typeof section.maxFileSize === 'number' && Number.isFinite(section.maxFileSize) && section.maxFileSize > 0
        ? Math.round(section.maxFileSize * 1024 * 1024)
        : DEFAULT_SETTINGS.maxFileBytes,
    ...pythonSetting(python),
  };
}

function pythonSetting(python: unknown): { pythonInterpreter?: string } {
  const path = python && typeof python === 'object' ? (python as Record<string, unknown>).defaultInterpreterPath : undefined;
  return typeof path === 'string' && path.trim() !== '' && path.trim() !== 'python' ? { pythonInterpreter: path.trim() } : {};
}
