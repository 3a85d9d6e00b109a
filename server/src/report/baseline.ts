import { fileURLToPath } from 'node:url';
import { FINGERPRINT_KEY, fingerprintOf } from './finding-fingerprint';

/** One finding of an earlier run, as far as matching needs it. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly message: string;
}

export type BaselineRead = { readonly ok: true; readonly format: 'json' | 'sarif'; readonly entries: readonly BaselineEntry[] } | { readonly ok: false; readonly error: string };

/**
 * Reads an earlier `ospo-guide audit` output, JSON or SARIF. Reports from before fingerprints existed (or SARIF
 * rewritten by another tool) are matched by rule, file and package, which is what the fingerprint hashes.
 */
export function readBaseline(text: string): BaselineRead {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value)) return { ok: false, error: 'expected a JSON or SARIF report of ospo-guide audit' };
  if (Array.isArray(value.runs)) return readSarif(value.runs);
  if (Array.isArray(value.findings)) return readJson(value.findings);
  return { ok: false, error: 'expected a JSON report (with "findings") or SARIF (with "runs") of ospo-guide audit' };
}

function readJson(findings: unknown[]): BaselineRead {
  const entries: BaselineEntry[] = [];
  for (const [i, item] of findings.entries()) {
    if (!isObject(item) || typeof item.code !== 'string' || typeof item.file !== 'string') return { ok: false, error: `findings[${i}] has no "code" and "file"` };
    const purl = isObject(item.dependency) && typeof item.dependency.purl === 'string' ? item.dependency.purl : undefined;
    const fingerprint = typeof item.fingerprint === 'string' ? item.fingerprint : fingerprintOf({ code: item.code, file: item.file, ...(purl ? { purl } : {}) });
    entries.push({ fingerprint, message: typeof item.message === 'string' ? item.message : '' });
  }
  return { ok: true, format: 'json', entries };
}

function readSarif(runs: unknown[]): BaselineRead {
  const entries: BaselineEntry[] = [];
  for (const [r, run] of runs.entries()) {
    const results = isObject(run) ? run.results : undefined;
    if (results === undefined) continue;
    if (!Array.isArray(results)) return { ok: false, error: `runs[${r}].results is not an array` };
    for (const [i, result] of results.entries()) {
      if (!isObject(result) || typeof result.ruleId !== 'string') return { ok: false, error: `runs[${r}].results[${i}] has no ruleId` };
      const message = isObject(result.message) && typeof result.message.text === 'string' ? result.message.text : '';
      const own = isObject(result.partialFingerprints) ? result.partialFingerprints[FINGERPRINT_KEY] : undefined;
      if (typeof own === 'string') {
        entries.push({ fingerprint: own, message });
        continue;
      }
      const purl = isObject(result.properties) && typeof result.properties.purl === 'string' ? result.properties.purl : undefined;
      entries.push({ fingerprint: fingerprintOf({ code: result.ruleId, file: sarifFile(result), ...(purl ? { purl } : {}) }), message });
    }
  }
  return { ok: true, format: 'sarif', entries };
}

/** The result's file as the JSON report writes it: relative, decoded, forward slashes. */
function sarifFile(result: Record<string, unknown>): string {
  const location: unknown = Array.isArray(result.locations) ? result.locations[0] : undefined;
  const physical = isObject(location) ? location.physicalLocation : undefined;
  const artifact = isObject(physical) ? physical.artifactLocation : undefined;
  const uri = isObject(artifact) && typeof artifact.uri === 'string' ? artifact.uri : '';
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri.split('/').map(decodeURIComponent).join('/');
  } catch {
    return uri;
  }
}

export interface BaselineSplit<T> {
  readonly fresh: readonly T[];
  /** Findings of this run that the baseline holds. */
  readonly known: number;
  /** Baseline findings this run no longer has. */
  readonly gone: number;
}

/**
 * Separates new findings from those the baseline already has. Matching counts: with two `policy-invalid`
 * findings of one file in the baseline, a third is new. Same-message matches are taken first, so that of
 * several findings sharing a fingerprint the one that is really new is the one reported.
 */
export function splitByBaseline<T>(findings: readonly T[], describe: (finding: T) => BaselineEntry, baseline: readonly BaselineEntry[]): BaselineSplit<T> {
  const remaining = new Map<string, string[]>();
  for (const entry of baseline) {
    const list = remaining.get(entry.fingerprint);
    if (list) list.push(entry.message);
    else remaining.set(entry.fingerprint, [entry.message]);
  }
  const described = findings.map(describe);
  const matched = new Array<boolean>(findings.length).fill(false);
  for (const exactOnly of [true, false]) {
    described.forEach((entry, i) => {
      if (matched[i]) return;
      const messages = remaining.get(entry.fingerprint);
      if (!messages?.length) return;
      const at = messages.indexOf(entry.message);
      if (at < 0 && exactOnly) return;
      messages.splice(at < 0 ? 0 : at, 1);
      matched[i] = true;
    });
  }
  const known = matched.filter(Boolean).length;
  return { fresh: findings.filter((_, i) => !matched[i]), known, gone: baseline.length - known };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
