import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { diagnosticMessage } from '../../../server/src/findings/render/diagnostic-message';
import { checkHeader, type HeaderCheckInput } from '../../../server/src/headers/check-header';
import { COMMENT_STYLES, type CommentStyle } from '../../../server/src/headers/comment-styles';
import { readHeader } from '../../../server/src/headers/read-header';
import { defaultHeaderPolicy } from '../../../server/src/policy/default-policy';
import type { HeaderPolicy } from '../../../server/src/policy/policy-types';
import { readPolicyLayer } from '../../../server/src/policy/read-policy-layer';
import { applyOffsetEdits } from '../../../server/src/text/text-edit';

const now = new Date('2026-06-01T12:00:00Z');
const LICENSE = 'Apache-2.0';

function headerPolicy(overrides: Partial<HeaderPolicy>): HeaderPolicy {
  return { ...defaultHeaderPolicy(LICENSE), include: ['**/*'], exclude: [], ...overrides };
}

function check(file: string, text: string, policy: HeaderPolicy): ReturnType<typeof checkHeader> {
  const input: HeaderCheckInput = { path: `/w/${file}`, relativePath: file, text, policy, now };
  return checkHeader(input);
}

/** The inserted text and the file after the preferred fix, or the finding's message when no fix is offered. */
function insert(file: string, text: string, policy: HeaderPolicy): { kind: 'fixed'; text: string; inserted: string; offset: number } | { kind: 'refused'; message: string } {
  const findings = check(file, text, policy);
  const missing = findings.find((f) => f.code === 'header-missing');
  assert.ok(missing, `a header-missing finding for ${file}`);
  const fix = missing.fixes.find((f) => f.kind === 'edit' && f.preferred);
  if (!fix || fix.kind !== 'edit') return { kind: 'refused', message: diagnosticMessage(missing) };
  const edits = fix.edits.flatMap((e) => e.edits);
  assert.equal(edits.length, 1);
  return { kind: 'fixed', text: applyOffsetEdits(text, edits), inserted: edits[0].newText, offset: edits[0].span.start };
}

describe('header text from the policy', () => {
  const policyText = (headers: string) => `{ "headers": ${headers} }`;

  for (const [name, escaped] of [
    ['a line feed', '\\n'],
    ['CR LF', '\\r\\n'],
    ['a line separator (U+2028)', '\\u2028'],
    ['a paragraph separator (U+2029)', '\\u2029'],
    ['a C1 next-line (U+0085)', '\\u0085'],
    ['a bell (U+0007)', '\\u0007'],
  ] as const) {
    it(`reports ${name} in headers.copyrightHolder at the entry and drops the holder`, () => {
      const value = `"Acme${escaped}process.exit(1)"`;
      const text = policyText(`{ "copyrightHolder": ${value} }`);
      const { layer, problems } = readPolicyLayer('/w/.ospo/policy.json', text);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      const start = text.indexOf(value);
      assert.deepEqual(problems[0].span, { start, end: start + value.length });
      assert.match(problems[0].message, /^headers\.copyrightHolder contains .*single line of printable text/);
      assert.equal(layer.headers.copyrightHolder, undefined);
    });
  }

  it('reports a control character in one template line at that line and drops the template', () => {
    const line = '"SPDX-License-Identifier: {license}\\u2028process.exit(1)"';
    const text = policyText(`{ "template": ["SPDX-FileCopyrightText: {year} {holder}", ${line}] }`);
    const { layer, problems } = readPolicyLayer('/w/.ospo/policy.json', text);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    const start = text.indexOf(line);
    assert.deepEqual(problems[0].span, { start, end: start + line.length });
    assert.match(problems[0].message, /^headers\.template line contains a line separator \(U\+2028\)/);
    assert.equal(layer.headers.template, undefined);
  });

  it('reports a holder that states a license or hides the header from REUSE', () => {
    for (const holder of ['Acme SPDX-License-Identifier: GPL-3.0-only', 'Acme REUSE-IgnoreStart']) {
      const { problems } = readPolicyLayer('/w/.ospo/policy.json', policyText(`{ "copyrightHolder": ${JSON.stringify(holder)} }`));
      assert.equal(problems.length, 1, holder);
      assert.match(problems[0].message, /^headers\.copyrightHolder contains/);
    }
  });

  it('accepts comment delimiters, which the header engine escapes', () => {
    const { problems, layer } = readPolicyLayer('/w/.ospo/policy.json', policyText('{ "copyrightHolder": "Acme */ <!-- --> Inc." }'));
    assert.deepEqual(problems, []);
    assert.equal(layer.headers.copyrightHolder, 'Acme */ <!-- --> Inc.');
  });
});

describe('header insertion with hostile holders and templates', () => {
  it('never writes a line break from the holder into a line comment', () => {
    for (const holder of ['Acme\nprocess.exit(1)', 'Acme\r\nprocess.exit(1)', 'Acme\u2028process.exit(1)']) {
      for (const file of ['a.ts', 'a.py', 'a.sql']) {
        const result = insert(file, 'x = 1\n', headerPolicy({ copyrightHolder: holder }));
        assert.equal(result.kind, 'refused', `${file}: ${JSON.stringify(holder)}`);
        assert.match(result.kind === 'refused' ? result.message : '', /no header can be inserted: .*(line break|carriage return|line separator)/);
      }
    }
  });

  it('escapes */ in a CSS block comment and --> in an HTML comment, readably', () => {
    const css = insert('a.css', 'a {}\n', headerPolicy({ copyrightHolder: 'Acme */ body{display:none} /*' }));
    assert.equal(css.kind, 'fixed');
    assert.equal(css.kind === 'fixed' && css.inserted, '/*\n * SPDX-FileCopyrightText: 2026 Acme * / body{display:none} / *\n * SPDX-License-Identifier: Apache-2.0\n */\n\n');
    const html = insert('a.html', '<p></p>\n', headerPolicy({ copyrightHolder: 'Acme --> <script>alert(1)</script> <!--' }));
    assert.equal(html.kind === 'fixed' && html.inserted, '<!--\nSPDX-FileCopyrightText: 2026 Acme - -> <script>alert(1)</script> <!- -\nSPDX-License-Identifier: Apache-2.0\n-->\n\n');
  });

  it('escapes the same in a custom template line', () => {
    const result = insert('a.md', '# Title\n', headerPolicy({ template: ['Licensed --> here', 'SPDX-License-Identifier: {license}'] }));
    assert.equal(result.kind === 'fixed' && result.inserted, '<!--\nLicensed - -> here\nSPDX-License-Identifier: Apache-2.0\n-->\n\n');
  });

  it('refuses, with the reason, a line that would carry a // comment onto the code below', () => {
    const result = insert('a.c', 'int x;\n', headerPolicy({ template: ['SPDX-License-Identifier: {license}', 'Acme \\'] }));
    assert.equal(result.kind, 'refused');
    assert.match(result.kind === 'refused' ? result.message : '', /no header can be inserted: the header line "Acme \\" ends with "\\", which carries a \/\/ comment onto the next line/);
  });

  it('escapes ?> in a line comment inside <?php', () => {
    const result = insert('a.php', '<?php\necho 1;\n', headerPolicy({ copyrightHolder: 'Acme ?> <b>x</b>' }));
    assert.equal(result.kind === 'fixed' && result.text, '<?php\n// SPDX-FileCopyrightText: 2026 Acme ? > <b>x</b>\n// SPDX-License-Identifier: Apache-2.0\n\necho 1;\n');
  });

  it('keeps {license} in a holder as written', () => {
    const result = insert('a.py', 'x = 1\n', headerPolicy({ copyrightHolder: 'Acme {license}' }));
    assert.equal(result.kind === 'fixed' && result.inserted, '# SPDX-FileCopyrightText: 2026 Acme {license}\n# SPDX-License-Identifier: Apache-2.0\n\n');
  });
});

/**
 * A model of where each style's comment ends, written from the languages' rules rather than from the engine's
 * escaping: line comments end at any line terminator a language knows (JavaScript's U+2028/U+2029 included),
 * continue past a C backslash, a cmd caret or a VB underscore, and end at `?>` in PHP; block comments end at
 * the first closer, or (in the languages that nest them) after an opener at the closer after that; XML
 * comments may not hold `--`; Java reads `\uXXXX` before comments. Returns why `inserted` is not one whole
 * comment of `style`, or undefined when it is.
 */
function commentDefect(inserted: string, style: CommentStyle, eol: string): string | undefined {
  const terminators = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/;
  if (style.line === '//' && /\\u+[0-9a-fA-F]{4}/.test(inserted)) return 'a Java unicode escape';
  if (/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/.test(inserted)) return 'a control character';
  const lines = inserted.split(eol);
  // The inserted text ends with the header's line break and one blank separator line.
  assert.deepEqual(lines.slice(-2), ['', ''], JSON.stringify(inserted));
  const body = lines.slice(0, -2);
  if (body.some((l) => terminators.test(l))) return 'a line terminator inside a line';
  if (style.preferred === 'line' && style.line) {
    for (const l of body) {
      if (!(l === style.line || l.startsWith(`${style.line} `))) return `a line outside the comment: ${JSON.stringify(l)}`;
      if (/(\\|\?\?\/)$/.test(l) && style.line === '//') return 'a line continued by a backslash';
      if (style.name === 'bat' && (l.endsWith('^') || /%(?!%)/.test(l.replace(/%%/g, '')))) return 'a caret continuation or a lone %';
      if (style.name === 'vb' && l.endsWith(' _')) return 'a VB continuation';
    }
    return undefined;
  }
  const block = style.block!;
  if (body[0] !== block.start) return 'the opener is not the first line';
  if (block.end === '') {
    const inner = body.slice(1);
    if (inner.length === 0 || inner[0].trim() === '') return 'an empty reStructuredText comment';
    return inner.every((l) => l === '' || /^\s/.test(l)) ? undefined : 'an unindented line ends the comment';
  }
  if (body[body.length - 1] !== block.end) return 'the closer is not the last line';
  const between = body.slice(1, -1).join(eol);
  const opener = block.start.trim();
  const closer = block.end.trim();
  // The closer stands on a line of its own, so only `between` can hold an early one.
  if (between.includes(closer)) return 'a closer inside the comment';
  if (between.includes(opener)) return 'an opener inside a comment that may nest';
  if ((opener.includes('--') || closer.includes('--')) && between.includes('--')) return '"--" inside an XML/HTML-like comment';
  return undefined;
}

describe('header insertion: every inserted line lies inside the comment of its style (property)', () => {
  const hostile = ['*/', '/*', '-->', '<!--', '--', '--!>', '-', '\\', '\\u000a', '??/', '?>', '(*', '*)', '{-', '-}', '{#', '#}', '(:', ':)', '{{!--', '--}}', '<%--', '--%>', '<#--', '#=', '=#', '^', ' _', '%', '%~', '..', '\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u0007', '\t', ' ', 'Acme', 'SPDX-License-Identifier:', 'REUSE-IgnoreStart', '{license}', '{holder}'];
  const piece = fc.oneof(fc.constantFrom(...hostile), fc.string({ unit: 'binary', maxLength: 3 }));
  const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
  const template = fc
    .tuple(fc.array(text, { maxLength: 3 }), fc.array(text, { maxLength: 3 }), fc.boolean())
    .map(([before, after, withHolder]) => [...(withHolder ? ['SPDX-FileCopyrightText: {year} {holder}'] : []), ...before, 'SPDX-License-Identifier: {license}', ...after]);

  for (const style of Object.values(COMMENT_STYLES)) {
    it(`${style.name}: the header is one comment, or the fix is refused with a reason`, () => {
      fc.assert(
        fc.property(fc.option(text, { nil: undefined }), template, fc.constantFrom('\n', '\r\n'), (holder, lines, eol) => {
          const policy = headerPolicy({ template: lines, styles: { '**': style.name }, ...(holder !== undefined ? { copyrightHolder: holder } : {}) });
          const file = `f.${style.name}`;
          const source = `code${eol}`;
          const result = insert(file, source, policy);
          if (result.kind === 'refused') {
            assert.match(result.message, /no header can be inserted: \S/);
            return;
          }
          assert.equal(result.offset, 0);
          assert.equal(result.text.slice(result.inserted.length), source, 'the code after the header is untouched');
          const defect = commentDefect(result.inserted, style, eol);
          assert.equal(defect, undefined, `${defect}: ${JSON.stringify(result.inserted)}`);
          // Read back as the checker reads files: the license line is found, and nothing is left to fix.
          const header = readHeader(result.text);
          assert.ok(header.licenses.some((l) => l.expression === LICENSE), JSON.stringify(result.text));
          assert.deepEqual(check(file, result.text, policy).filter((f) => f.code === 'header-missing'), []);
        }),
        { numRuns: 250, seed: 20261203 },
      );
    });
  }
});
