import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';

const INJECTION = path.resolve(__dirname, '../../../syntaxes/spdx-tags.injection.tmLanguage.json');

/**
 * A tiny host language standing in for TypeScript, Python and the others. Like theirs, its comments are
 * begin/end rules, which is what lets an injection grammar tokenize inside them.
 */
const HOST = {
  scopeName: 'source.host',
  patterns: [
    { begin: '//', end: '$', name: 'comment.line.double-slash.host' },
    { begin: '#', end: '$', name: 'comment.line.number-sign.host' },
    { begin: '/\\*', end: '\\*/', name: 'comment.block.host' },
    { match: '"[^"]*"', name: 'string.quoted.double.host' },
  ],
};

async function loadGrammar(): Promise<IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new OnigScanner(s), createOnigString: (s: string) => new OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'source.host') return parseRawGrammar(JSON.stringify(HOST), 'host.json');
      if (scope === 'ospo.spdx-tags.injection') return parseRawGrammar(fs.readFileSync(INJECTION, 'utf8'), INJECTION);
      return null;
    },
    getInjections: (scope) => (scope === 'source.host' ? ['ospo.spdx-tags.injection'] : undefined),
  });
  return (await registry.loadGrammar('source.host'))!;
}

function scopesOf(grammar: IGrammar, line: string): Array<[string, string]> {
  return grammar.tokenizeLine(line, INITIAL).tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.at(-1)!]);
}

describe('SPDX injection grammar', () => {
  let grammar: IGrammar;
  before(async () => (grammar = await loadGrammar()));

  it('highlights the identifier tag, license ids, operators and parentheses inside a comment', () => {
    const tokens = scopesOf(grammar, '// SPDX-License-Identifier: MIT OR (Apache-2.0 WITH LLVM-exception)');
    const scope = (text: string) => tokens.find(([t]) => t === text)?.[1];
    assert.equal(scope('SPDX-License-Identifier'), 'keyword.other.spdx-tag.ospo');
    assert.equal(scope('MIT'), 'entity.name.type.license.spdx.ospo');
    assert.equal(scope('OR'), 'keyword.operator.spdx.ospo');
    assert.equal(scope('WITH'), 'keyword.operator.spdx.ospo');
    assert.equal(scope('('), 'punctuation.section.group.spdx.ospo');
    assert.equal(scope('LLVM-exception'), 'entity.name.type.license.spdx.ospo');
  });

  it('highlights copyright and REUSE tags in other comment styles', () => {
    const tokens = scopesOf(grammar, '# SPDX-FileCopyrightText: 2024 Acme Inc.');
    assert.ok(tokens.some(([t, s]) => t === 'SPDX-FileCopyrightText' && s === 'keyword.other.spdx-tag.ospo'));
    assert.ok(scopesOf(grammar, '// REUSE-IgnoreStart').some(([t, s]) => t === 'REUSE-IgnoreStart' && s === 'keyword.other.spdx-tag.ospo'));
  });

  it('leaves the same words alone outside comments', () => {
    const tokens = scopesOf(grammar, '"SPDX-License-Identifier: MIT"');
    assert.ok(tokens.every(([, s]) => !s.endsWith('.ospo')));
  });
});
