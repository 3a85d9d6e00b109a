import type { OffsetSpan } from '../text/line-index';

export interface XmlAttribute {
  readonly value: string;
  /** Span of the raw value inside its quotes: where a diagnostic on `Include="X"` goes. */
  readonly span: OffsetSpan;
}

export interface XmlElement {
  /** Local name: a namespace prefix (`xsi:`) is dropped, since build files use prefixes inconsistently. */
  readonly name: string;
  readonly attributes: ReadonlyMap<string, XmlAttribute>;
  readonly children: XmlElement[];
  /** Text content (character data and CDATA), entities decoded, surrounding white space trimmed. */
  text: string;
  /** Span of the first trimmed run of text in the source, when there is text. */
  textSpan?: OffsetSpan;
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just past the end tag (or the self-closing `/>`); the end of what was read when never closed. */
  end: number;
  /** False when the element's end tag is missing: its content may still be being typed. */
  closed: boolean;
}

export interface XmlProblem {
  readonly message: string;
  readonly span: OffsetSpan;
}

export interface XmlDocument {
  readonly root?: XmlElement;
  readonly problems: readonly XmlProblem[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is left as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      // An out-of-range reference is a document error, not a reason to stop reading.
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1);

/** A start tag from `<` to `>` or `/>`, attributes quoted either way; sticky so no copy of the rest is made. */
const START_TAG = /<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const END_TAG = /<\/([A-Za-z_][\w:.-]*)\s*>/y;

/**
 * A tolerant XML reader for build files (POM, csproj, Directory.Packages.props, nuspec): elements with their
 * attributes, text and offsets, so a diagnostic can sit on the exact name. It is not a validating parser: DTDs
 * are skipped, unknown entities kept as written, and a mismatched end tag closes whatever it matches. It never
 * throws; what cannot be read becomes a problem, and a construct left open at the end of the text stops reading.
 */
export function scanXml(source: string): XmlDocument {
  const problems: XmlProblem[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const current = (): XmlElement | undefined => stack[stack.length - 1];

  const addText = (start: number, raw: string, decode: boolean): void => {
    const element = current();
    if (!element) return;
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) return;
    element.textSpan ??= { start: start + lead, end: start + lead + trimmed.length };
    element.text += decode ? decodeXmlEntities(trimmed) : trimmed;
  };
  const stop = (message: string, at: number): XmlDocument => {
    problems.push({ message, span: { start: at, end: source.length } });
    for (const open of stack) open.end = source.length;
    return { ...(root ? { root } : {}), problems };
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) addText(i, source.slice(i, textEnd), true);
    if (lt < 0) break;

    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end < 0) return stop('unterminated comment', lt);
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt + 9);
      if (end < 0) return stop('unterminated CDATA section', lt);
      addText(lt + 9, source.slice(lt + 9, end), false);
      i = end + 3;
    } else if (source.startsWith('<?', lt)) {
      const end = source.indexOf('?>', lt + 2);
      if (end < 0) return stop('unterminated processing instruction', lt);
      i = end + 2;
    } else if (source.startsWith('<!', lt)) {
      // <!DOCTYPE …> with an optional internal subset in brackets.
      const bracket = source.indexOf('[', lt);
      const close = source.indexOf('>', lt);
      const end = bracket >= 0 && (close < 0 || bracket < close) ? source.indexOf(']>', bracket) : close;
      if (end < 0) return stop('unterminated declaration', lt);
      i = end + (source[end] === ']' ? 2 : 1);
    } else if (source.startsWith('</', lt)) {
      END_TAG.lastIndex = lt;
      const tag = END_TAG.exec(source);
      if (!tag) {
        const end = source.indexOf('>', lt);
        if (end < 0) return stop('unterminated end tag', lt);
        problems.push({ message: 'malformed end tag', span: { start: lt, end: end + 1 } });
        i = end + 1;
        continue;
      }
      const end = lt + tag[0].length;
      const name = localName(tag[1]);
      let index = stack.length - 1;
      while (index >= 0 && stack[index].name !== name) index--;
      if (index < 0) problems.push({ message: `end tag </${name}> has no start tag`, span: { start: lt, end } });
      else {
        for (let k = stack.length - 1; k > index; k--) {
          problems.push({ message: `<${stack[k].name}> is not closed`, span: { start: stack[k].start, end: lt } });
          stack[k].end = lt;
        }
        stack[index].end = end;
        stack[index].closed = true;
        stack.length = index;
      }
      i = end;
    } else {
      START_TAG.lastIndex = lt;
      const tag = START_TAG.exec(source);
      if (!tag) {
        const end = source.indexOf('>', lt);
        const nextTag = source.indexOf('<', lt + 1);
        if (end < 0) return stop('unterminated tag', lt);
        // A tag still being typed (`<dep` then a newline and the next tag): skip to the next tag, not past it.
        const resume = nextTag >= 0 && nextTag < end ? nextTag : end + 1;
        problems.push({ message: 'malformed tag', span: { start: lt, end: resume } });
        i = resume;
        continue;
      }
      const attributes = new Map<string, XmlAttribute>();
      const attributesStart = lt + 1 + tag[1].length;
      for (const attribute of tag[2].matchAll(ATTRIBUTE)) {
        const raw = attribute[2] ?? attribute[3] ?? '';
        const valueStart = attributesStart + (attribute.index ?? 0) + attribute[0].length - raw.length - 1;
        const name = localName(attribute[1]);
        if (!attributes.has(name)) attributes.set(name, { value: decodeXmlEntities(raw), span: { start: valueStart, end: valueStart + raw.length } });
      }
      const end = lt + tag[0].length;
      const element: XmlElement = { name: localName(tag[1]), attributes, children: [], text: '', start: lt, end, closed: !!tag[3] };
      const parent = current();
      if (parent) parent.children.push(element);
      else if (!root) root = element;
      else problems.push({ message: 'a document has one root element', span: { start: lt, end } });
      if (!tag[3]) stack.push(element);
      i = end;
    }
  }
  if (stack.length) {
    const open = stack[stack.length - 1];
    return stop(`<${open.name}> is not closed`, open.start);
  }
  return { ...(root ? { root } : {}), problems };
}

/** Children with a (local) name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** The text at a path of child names (`textAt(dependency, 'groupId')`), or undefined when missing or empty. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  let node = element;
  for (const name of path) node = childNamed(node, name);
  return node?.text || undefined;
}

/** The element and every element below it, in document order. */
export function* descendants(element: XmlElement | undefined): Generator<XmlElement> {
  if (!element) return;
  const pending = [element];
  while (pending.length) {
    const next = pending.pop()!;
    yield next;
    for (let k = next.children.length - 1; k >= 0; k--) pending.push(next.children[k]);
  }
}
