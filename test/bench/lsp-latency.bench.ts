import { LspTestClient } from '../lsp/support/lsp-test-client';
import { cargoProject, composerProject, gemProject, goProject, mavenProject, npmProject, nugetProject, poetryProject, requirementsProject, type LargeManifestProject } from './large-manifests';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keys of a steady typist (about 7 a second): each one is checked on its own, none is coalesced. */
const TYPIST_GAP_MS = 150;
const EDITS = 60;
/** A fast burst: keys 20 ms apart, as when holding a key or pasting line by line. */
const BURST_EDITS = 25;
const BURST_GAP_MS = 20;

/**
 * Time from sending didChange to receiving the diagnostics of that change, per keystroke, on each ecosystem's
 * large-manifest project; then a burst of fast edits, to see how many checks it costs and how soon the last
 * version's diagnostics arrive.
 */
async function measure(project: LargeManifestProject): Promise<void> {
  const client = new LspTestClient({ root: project.root, env: project.env });
  try {
    await client.start();
    client.open(project.manifest, project.text);
    await client.diagnosticsFor(project.manifest, () => true, 180000);
    const samples: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      await sleep(TYPIST_GAP_MS);
      const waiting = client.nextDiagnostics(project.manifest, 60000);
      const started = process.hrtime.bigint();
      client.change(project.manifest, project.edit(i + 1));
      await waiting;
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    samples.sort((a, b) => a - b);
    await sleep(500);
    // The burst: count the publishes it causes, and time the last edit to the last publish (the final version's).
    const uri = LspTestClient.uri(project.manifest);
    const before = client.published.length;
    const publishedAt = () => client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.at);
    let sentLast = 0n;
    for (let i = 1; i <= BURST_EDITS; i++) {
      if (i > 1) await sleep(BURST_GAP_MS);
      sentLast = process.hrtime.bigint();
      client.change(project.manifest, project.edit(EDITS + i));
    }
    // Settled once diagnostics came after the last edit and then none for a while.
    for (let seen = -1, deadline = Date.now() + 120000; Date.now() < deadline; ) {
      const after = publishedAt().filter((at) => at > sentLast).length;
      if (after > 0 && publishedAt().length === seen) break;
      seen = publishedAt().length;
      await sleep(1000);
    }
    const burst = publishedAt();
    const lastPublish = burst.length ? Number(burst[burst.length - 1] - sentLast) / 1e6 : NaN;
    console.log(
      `${project.label}:\n` +
        `  keystroke → diagnostics p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms, max ${samples.at(-1)!.toFixed(1)} ms ` +
        `(${EDITS} edits ${TYPIST_GAP_MS} ms apart; target p95 < 30 ms)\n` +
        `  burst of ${BURST_EDITS} edits ${BURST_GAP_MS} ms apart: ${burst.length} checks published, last edit → final diagnostics ${lastPublish.toFixed(1)} ms`,
    );
  } finally {
    await client.stop();
    project.dispose();
  }
}

export async function bench(): Promise<void> {
  const projects = [
    () => npmProject(150, 5000),
    () => requirementsProject(3000),
    () => poetryProject(150, 3000),
    () => goProject(165),
    () => cargoProject(150, 1200),
    () => composerProject(120, 1500),
    () => gemProject(120, 1500),
    () => mavenProject(120, 1500),
    () => nugetProject(120, 1500),
  ];
  for (const make of projects) await measure(make());
}
