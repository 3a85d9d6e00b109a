import { encodeUriComponentSafely } from '../../text/uri-component';
/** PEP 503 normalisation: lower case, every run of `-`, `_` and `.` becomes one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `pkg:pypi/<normalised name>`, as the purl specification asks for PyPI. */
export function pypiPurl(name: string): string {
  return `pkg:pypi/${encodeUriComponentSafely(normalizePythonName(name))}`;
}
