/** `pkg:npm/%40scope/name` as the Package URL specification encodes npm scopes. */
export function npmPurl(name: string): string {
  return name.startsWith('@') ? `pkg:npm/%40${name.slice(1)}` : `pkg:npm/${name}`;
}
