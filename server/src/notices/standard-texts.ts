import * as fs from 'node:fs';
import * as path from 'node:path';
import { traceLoad } from '../io/load-trace';

/** SPDX standard license texts by id. */
export type StandardTexts = Readonly<Record<string, { readonly licenseText?: string } | undefined>>;

/** Written beside the bundles by the build (`build-license-text-index.ts`). */
export const STANDARD_TEXTS_FILE = 'spdx-license-texts.json';

/**
 * The texts, read on use: 5 MB are parsed only when a package ships no license text. A build reads them from
 * beside the bundle (the VSIX has no node_modules); from source they come from `spdx-license-list/full`.
 */
export function loadStandardTexts(): StandardTexts {
  traceLoad('SPDX license texts');
  const shipped = path.join(__dirname, STANDARD_TEXTS_FILE);
  if (fs.existsSync(shipped)) return JSON.parse(fs.readFileSync(shipped, 'utf8')) as StandardTexts;
  return require('spdx-license-list/full') as StandardTexts;
}
