import type { ResolvedPackage, TransitivePackage } from './ecosystem';

export interface GraphWalk<N> {
  /** Identity of a node: a node is visited once, by its shortest chain. */
  key(node: N): string;
  children(node: N): readonly N[];
  /** The name shown in chains (`wrapper-lib > inner-gpl`). */
  name(node: N): string;
  toPackage(node: N): ResolvedPackage;
  /** Bounds graphs read from caches, which may be deep or cyclic. */
  readonly maxDepth?: number;
}

/**
 * Every package reachable from `start`, breadth-first, each once with its shortest chain from `start`, and the
 * chains of all the packages of the tree that depend on it (every edge the walk crosses).
 */
export function walkDependencyGraph<N>(start: N, walk: GraphWalk<N>): TransitivePackage[] {
  const found: Array<{ chain: string[]; pkg: ResolvedPackage; dependents: string[][] }> = [];
  const startKey = walk.key(start);
  const byKey = new Map<string, (typeof found)[number]>();
  let frontier = [{ node: start, chain: [walk.name(start)] }];
  for (let depth = 0; frontier.length && depth < (walk.maxDepth ?? Infinity); depth++) {
    const next: typeof frontier = [];
    for (const { node, chain } of frontier) {
      for (const child of walk.children(node)) {
        const key = walk.key(child);
        if (key === startKey) continue;
        const known = byKey.get(key);
        if (known) {
          if (!known.dependents.includes(chain)) known.dependents.push(chain);
          continue;
        }
        const childChain = [...chain, walk.name(child)];
        const entry = { chain: childChain, pkg: walk.toPackage(child), dependents: [chain] };
        byKey.set(key, entry);
        found.push(entry);
        next.push({ node: child, chain: childChain });
      }
    }
    frontier = next;
  }
  return found;
}
