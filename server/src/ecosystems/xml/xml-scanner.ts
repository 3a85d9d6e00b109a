import type { OffsetSpan } from '../../text/line-index';

export interface XmlAttribute {
  readonly value: string;
  /** Span of the value inside its quotes. */
  readonly span: OffsetSpan;
}

export interface XmlElement {
  /** Local name: namespace prefixes are dropped. */
  readonly name: string;
  readonly attributes: ReadonlyMap<string, XmlAttribute>;
  readonly children: XmlElement[];
  /** Text content, entities decoded and trimmed. */
  text: string;
  /** Span of the trimmed text in the source, when there is text. */
  textSpan?: OffsetSpan;
  readonly start: number;
  end: number;
}

export interface XmlDocument {
  readonly root?: XmlElement;
  readonly problems: Array<{ readonly message: string; readonly span: OffsetSpan }>;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A tolerant XML reader for build files (POM, csproj, nuspec): elements with their text and where it is, for
 * diagnostics on the exact name. It never throws: a broken document yields what was read and a problem.
 */
export function scanXml(source: string): XmlDocument {
  const problems: XmlDocument['problems'] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const addText = (start: number, end: number) => {
    const current = stack[stack.length - 1];
    if (!current) return;
    const raw = source.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) return;
    if (!current.textSpan) current.textSpan = { start: start + lead, end: start + lead + trimmed.length };
    current.text += decode(trimmed);
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      addText(i, source.length);
      break;
    }
    addText(i, lt);
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end < 0) return finish('unterminated comment', lt);
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt + 9);
      if (end < 0) return finish('unterminated CDATA section', lt);
      const current = stack[stack.length - 1];
      if (current) {
        current.text += source.slice(lt + 9, end);
        current.textSpan ??= { start: lt + 9, end };
      }
      i = end + 3;
    } else if (source.startsWith('<?', lt) || source.startsWith('<!', lt)) {
      const end = source.indexOf('>', lt + 2);
      if (end < 0) return finish('unterminated declaration', lt);
      i = end + 1;
    } else if (source.startsWith('</', lt)) {
      const end = source.indexOf('>', lt + 2);
      if (end < 0) return finish('unterminated closing tag', lt);
      const name = localName(source.slice(lt + 2, end).trim());
      const index = stack.map((e) => e.name).lastIndexOf(name);
      if (index < 0) problems.push({ message: `closing tag </${name}> without an opening tag`, span: { start: lt, end: end + 1 } });
      else {
        for (let k = stack.length - 1; k >= index; k--) stack[k].end = end + 1;
        stack.length = index;
      }
      i = end + 1;
    } else {
      const tag = /^<([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(source.slice(lt));
      if (!tag) {
        const end = source.indexOf('>', lt);
        if (end < 0) return finish('unterminated tag', lt);
        problems.push({ message: 'malformed tag', span: { start: lt, end: end + 1 } });
        i = end + 1;
        continue;
      }
      const attributes = new Map<string, XmlAttribute>();
      const attrStart = lt + 1 + tag[1].length;
      for (const attr of tag[2].matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        const valueStart = attrStart + attr.index + attr[0].length - attr[2].length + 1;
        const raw = attr[3] ?? attr[4];
        attributes.set(localName(attr[1]), { value: decode(raw), span: { start: valueStart, end: valueStart + raw.length } });
      }
      const element: XmlElement = { name: localName(tag[1]), attributes, children: [], text: '', start: lt, end: lt + tag[0].length };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (!root) root = element;
      if (!tag[3]) stack.push(element);
      i = lt + tag[0].length;
    }
  }
  if (stack.length) problems.push({ message: `<${stack[stack.length - 1].name}> is not closed`, span: { start: stack[stack.length - 1].start, end: source.length } });
  return { ...(root ? { root } : {}), problems };

  function finish(message: string, at: number): XmlDocument {
    problems.push({ message, span: { start: at, end: source.length } });
    return { ...(root ? { root } : {}), problems };
  }
}

/** Children with a (local) name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** The text of a path of child names: `textAt(dep, 'groupId')`. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  let current = element;
  for (const name of path) current = childNamed(current, name);
  return current?.text || undefined;
}
