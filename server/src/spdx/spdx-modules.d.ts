declare module 'spdx-expression-parse' {
  function parse(source: string): unknown;
  export = parse;
}
declare module 'spdx-license-ids' {
  const ids: string[];
  export = ids;
}
declare module 'spdx-license-ids/deprecated.json' {
  const ids: string[];
  export = ids;
}
declare module 'spdx-exceptions' {
  const ids: string[];
  export = ids;
}
