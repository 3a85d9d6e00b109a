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

/** Every package reachable from `start`, breadth-first, each once with its shortest chain from `start`. */
export function walkDependencyGraph<N>(start: N, walk: GraphWalk<N>): TransitivePackage[] {
  const found: TransitivePackage[] = [];
  const seen = new Set([walk.key(start)]);
  let frontier = [{ node: start, chain: [walk.name(start)] }];
  for (let depth = 0; frontier.length && depth < (walk.maxDepth ?? Infinity); depth++) {
    const next: typeof frontier = [];
    for (const { node, chain } of frontier) {
      for (const child of walk.children(node)) {
        const key = walk.key(child);
        if (seen.has(key)) continue;
        seen.add(key);
        const childChain = [...chain, walk.name(child)];
        found.push({ chain: childChain, pkg: walk.toPackage(child) });
        next.push({ node: child, chain: childChain });
      }
    }
    frontier = next;
  }
  return found;
}
