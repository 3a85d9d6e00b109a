import * as fs from 'node:fs';
import * as path from 'node:path';

/** Runs every `*.bench.ts` module in this folder in turn; each prints its own figures. */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const modules = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  for (const file of modules) {
    console.log(`\n## ${file.replace(/\.bench\.ts$/, '')}`);
    const mod = (await import(path.join(__dirname, file))) as { bench(): Promise<void> };
    await mod.bench();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
