/**
 * Build step: writes the license-text index into the output folder (first argument), so that the bundles load
 * it ready-made instead of shipping and indexing every SPDX license text at run time; and the standard texts
 * themselves beside it, for third-party notices of packages that ship none (the VSIX carries no node_modules).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildLicenseTextIndex, LICENSE_TEXT_INDEX_FILE } from './licenses/detection/license-text-index';
import { encodeLicenseTextIndex } from './licenses/detection/license-text-index-file';
import { STANDARD_TEXTS_FILE } from './notices/standard-texts';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-license-text-index OUTDIR');
const full = require('spdx-license-list/full') as Parameters<typeof buildLicenseTextIndex>[0] & Record<string, { licenseText: string }>;
const index = buildLicenseTextIndex(full);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, LICENSE_TEXT_INDEX_FILE), encodeLicenseTextIndex(index));
fs.writeFileSync(path.join(outDir, STANDARD_TEXTS_FILE), JSON.stringify(Object.fromEntries(Object.entries(full).map(([id, entry]) => [id, { licenseText: entry.licenseText }]))));
