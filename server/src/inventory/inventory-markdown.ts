import type { Inventory, InventoryApproval } from './merge-inventory';
import { describeUsage } from './usage-text';

/** Backslash-escapes what Markdown would read as markup, and keeps a cell on one line. */
export function markdownCell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>&~]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
}

const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => (typeof c === 'number' ? String(c) : markdownCell(c))).join(' | ')} |`;

/** The organisation inventory as Markdown: totals, approvals to act on, every package, every repository. */
export function inventoryToMarkdown(inventory: Inventory): string {
  const out: string[] = ['# Open source inventory', ''];
  const problems = inventory.packages.filter((p) => p.status === 'problem').length;
  out.push(`${inventory.repositories.length} repositories, ${inventory.packages.length} packages (${problems} with problems), ${inventory.pendingApprovals.length} pending and ${inventory.expiredApprovals.length} expired approvals.`, '');

  out.push('## Licenses', '', '| License | Packages | Repositories |', '| --- | ---: | ---: |');
  for (const t of inventory.licenses) out.push(row([t.license, t.packages, t.repositories]));
  out.push('');

  const approvals = (title: string, list: readonly InventoryApproval[], when: (a: InventoryApproval) => string) => {
    out.push(`## ${title}`, '');
    if (!list.length) return out.push('None.', '');
    out.push('| Package | Version | License | Repository | Requested by | Date |', '| --- | --- | --- | --- | --- | --- |');
    for (const a of list) out.push(row([a.package, a.version ?? '', a.license ?? '', a.repository, a.requestedBy ?? '', when(a)]));
    out.push('');
  };
  approvals('Pending approvals', inventory.pendingApprovals, (a) => a.requestedAt ?? '');
  approvals('Expired approvals', inventory.expiredApprovals, (a) => a.expires ?? '');

  out.push('## Packages', '', '| Package | Ecosystem | Versions | Licenses | Status | Repositories |', '| --- | --- | --- | --- | --- | --- |');
  for (const p of inventory.packages) {
    const status = p.codes.length ? `${p.status} (${p.codes.join(', ')})` : p.status;
    out.push(row([p.purl, p.ecosystem, p.versions.join(', '), p.licenses.join(', '), status, `${p.repositories.length}: ${p.usages.map(describeUsage).join(', ')}`]));
  }
  out.push('');

  out.push('## Repositories', '', '| Repository | Commit | Date | Packages | With problems | Errors | Warnings |', '| --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of inventory.repositories) out.push(row([r.name, r.commit?.slice(0, 12) ?? '', r.date ?? '', r.packages, r.problems, r.findings.error, r.findings.warning]));
  out.push('');
  if (inventory.notes.length) out.push('## Notes', '', ...inventory.notes.map((n) => `- ${markdownCell(n)}`), '');
  return out.join('\n');
}
