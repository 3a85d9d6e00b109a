import { strict as assert } from 'node:assert';
import { childNamed, descendants, scanXml, textAt } from '../../../server/src/formats/xml-scanner';

describe('tolerant XML scanner', () => {
  it('gives elements, local names, attributes in either quote and text spans', () => {
    const text = `<?xml version="1.0"?>\n<x:root xmlns:x="urn:a"><item Include='A.B' Version="1.0"/><name>  hello  </name></x:root>`;
    const { root, problems } = scanXml(text);
    assert.deepEqual(problems, []);
    assert.equal(root?.name, 'root');
    const item = childNamed(root, 'item')!;
    assert.equal(item.attributes.get('Include')?.value, 'A.B');
    const span = item.attributes.get('Version')!.span;
    assert.equal(text.slice(span.start, span.end), '1.0');
    const name = childNamed(root, 'name')!;
    assert.equal(name.text, 'hello');
    assert.equal(text.slice(name.textSpan!.start, name.textSpan!.end), 'hello');
  });

  it('skips comments, processing instructions and DOCTYPE with an internal subset; keeps CDATA as text', () => {
    const text = '<!DOCTYPE p [ <!ENTITY e "x"> ]><p><!-- <dependency> --><?pi data?><a><![CDATA[<b> & c]]></a></p>';
    const { root, problems } = scanXml(text);
    assert.deepEqual(problems, []);
    assert.deepEqual([...descendants(root)].map((e) => e.name), ['p', 'a']);
    assert.equal(textAt(root, 'a'), '<b> & c');
  });

  it('decodes predefined entities and character references, and keeps unknown or out-of-range ones as written', () => {
    const { root } = scanXml('<a t="1 &amp; 2">x &lt; y &#65;&#x42; &nbsp; &#x110000;</a>');
    assert.equal(root?.attributes.get('t')?.value, '1 & 2');
    assert.equal(root?.text, 'x < y AB &nbsp; &#x110000;');
  });

  it('closes elements a mismatched end tag skips, reporting each', () => {
    const { root, problems } = scanXml('<a><b><c>t</a>');
    assert.equal(childNamed(childNamed(root, 'b'), 'c')?.text, 't');
    assert.deepEqual(problems.map((p) => p.message), ['<c> is not closed', '<b> is not closed']);
  });

  it('reports an end tag with no start tag and goes on', () => {
    const { root, problems } = scanXml('<a></b><c/></a>');
    assert.deepEqual(root?.children.map((c) => c.name), ['c']);
    assert.deepEqual(problems.map((p) => p.message), ['end tag </b> has no start tag']);
  });

  it('stops at a tag left open at the end of the text, keeping what it read', () => {
    const text = '<a><b>1</b><c x="2';
    const { root, problems } = scanXml(text);
    assert.equal(textAt(root, 'b'), '1');
    assert.deepEqual(problems.map((p) => [p.message, p.span.start, p.span.end]), [['unterminated tag', 11, text.length]]);
  });

  it('stops at an unterminated comment or CDATA section', () => {
    assert.deepEqual(scanXml('<a><!-- open').problems.map((p) => p.message), ['unterminated comment']);
    assert.deepEqual(scanXml('<a><![CDATA[ open').problems.map((p) => p.message), ['unterminated CDATA section']);
  });

  it('skips a tag still being typed up to the next tag and reads on', () => {
    const { root, problems } = scanXml('<a>\n<dep\n<b>ok</b></a>');
    assert.equal(textAt(root, 'b'), 'ok');
    assert.deepEqual(problems.map((p) => p.message), ['malformed tag']);
  });

  it('reports a second root element', () => {
    assert.deepEqual(scanXml('<a/><b/>').problems.map((p) => p.message), ['a document has one root element']);
  });

  it('reads a large document in linear time', () => {
    const text = `<project><dependencies>${'<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>'.repeat(20000)}</dependencies></project>`;
    const started = Date.now();
    const { root } = scanXml(text);
    assert.equal(childNamed(root, 'dependencies')?.children.length, 20000);
    assert.ok(Date.now() - started < 2000);
  });
});
