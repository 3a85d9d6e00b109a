/**
 * Build step: writes the license-text index into the output folder (first argument), so that the bundles load
 * it ready-made instead of shipping and indexing every SPDX license text at run time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildLicenseTextIndex, LICENSE_TEXT_INDEX_FILE } from './licenses/detection/license-text-index';
import { encodeLicenseTextIndex } from './licenses/detection/license-text-index-file';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-license-text-index OUTDIR');
const index = buildLicenseTextIndex(require('spdx-license-list/full') as Parameters<typeof buildLicenseTextIndex>[0]);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, LICENSE_TEXT_INDEX_FILE), encodeLicenseTextIndex(index));
