import * as assert from 'node:assert/strict';
import { walkDependencyGraph } from '../../../server/src/ecosystems/walk-dependency-graph';

type Graph = Record<string, string[]>;

function walk(graph: Graph, start: string) {
  return walkDependencyGraph(start, {
    key: (n) => n,
    children: (n) => graph[n] ?? [],
    name: (n) => n,
    toPackage: (n) => ({ ecosystem: 'npm', name: n, purl: `pkg:npm/${n}`, license: { kind: 'none', searched: [] } }),
  });
}

describe('dependency graph walk', () => {
  it('lists each package once by its shortest chain, with every package that depends on it', () => {
    // a → b → d, a → c → d, c → b: d has two dependents, b has two.
    const found = walk({ a: ['b', 'c'], b: ['d'], c: ['d', 'b'] }, 'a');
    assert.deepEqual(
      found.map((t) => [t.chain.join('>'), (t.dependents ?? []).map((c) => c.join('>'))]),
      [
        ['a>b', ['a', 'a>c']],
        ['a>c', ['a']],
        ['a>b>d', ['a>b', 'a>c']],
      ],
    );
  });

  it('ends on cycles back to the start', () => {
    const found = walk({ a: ['b'], b: ['a', 'b'] }, 'a');
    assert.deepEqual(found.map((t) => [t.chain.join('>'), (t.dependents ?? []).map((c) => c.join('>'))]), [['a>b', ['a', 'a>b']]]);
  });
});
