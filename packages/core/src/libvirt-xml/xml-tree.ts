// A small XML reader for libvirt's own output (virsh net-dumpxml, dumpxml): elements, attributes and
// text. libvirt writes plain UTF-8 XML without namespaces or an internal DTD subset, so comments,
// processing instructions and a DOCTYPE are skipped rather than interpreted. No dependency: the
// whole job is a few dozen lines, and an XML library would bring far more surface than it saves.

/** One element: its name, attributes (entities decoded), direct text and child elements. */
export interface XmlElement {
  name: string;
  attributes: ReadonlyMap<string, string>;
  text: string;
  children: XmlElement[];
}

/** Malformed XML; the message says what and on which line. */
export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /\s*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // Annotated so that TypeScript narrows after `if (...) fail(...)`.
  const fail: (what: string) => never = (what) => {
    throw new XmlSyntaxError(`${what} on line ${xml.slice(0, pos).split('\n').length}`);
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const found = re.exec(xml)?.[0];
    if (found !== undefined) pos += found.length;
    return found;
  };
  const skipPast = (end: string, what: string): void => {
    const at = xml.indexOf(end, pos);
    if (at < 0) fail(`unterminated ${what}`);
    pos = at + end.length;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (entity: string, body: string) => {
      const numeric = /^#(x[0-9a-f]+|[0-9]+)$/i.exec(body);
      const value = numeric ? String.fromCodePoint(Number(`0${numeric[1]}`)) : ENTITIES[body];
      if (value === undefined || !entity.endsWith(';')) fail(`unknown or unterminated entity ${entity}`);
      return value;
    });

  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    const top = stack.at(-1);
    if (top) top.text += decode(text);
    else if (text.trim() !== '') fail('text outside the root element');
    if (lt < 0) break;
    pos = lt;
    if (xml.startsWith('<!--', pos)) skipPast('-->', 'comment');
    else if (xml.startsWith('<?', pos)) skipPast('?>', 'processing instruction');
    else if (xml.startsWith('<![CDATA[', pos)) {
      const start = pos + '<![CDATA['.length;
      skipPast(']]>', 'CDATA section');
      if (!top) fail('CDATA outside the root element');
      top.text += xml.slice(start, pos - 3);
    } else if (xml.startsWith('<!', pos)) skipPast('>', 'declaration');
    else if (xml.startsWith('</', pos)) {
      pos += 2;
      const name = match(NAME);
      match(SPACE);
      if (xml[pos] !== '>') fail('malformed end tag');
      pos++;
      const open = stack.pop();
      if (open === undefined || open.name !== name) fail(`</${name}> does not close ${open ? `<${open.name}>` : 'any element'}`);
    } else {
      pos++;
      const element = { name: match(NAME) ?? fail("'<' not followed by an element name"), attributes: new Map<string, string>(), text: '', children: [] };
      for (;;) {
        const spaced = match(SPACE) !== '';
        if (xml.startsWith('/>', pos) || xml[pos] === '>') break;
        const attribute = (spaced ? match(NAME) : undefined) ?? fail(`malformed attribute in <${element.name}>`);
        match(SPACE);
        if (xml[pos] !== '=') fail(`attribute ${attribute} of <${element.name}> has no value`);
        pos++;
        match(SPACE);
        const quote = xml[pos];
        if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} of <${element.name}> is not quoted`);
        const end = xml.indexOf(quote, pos + 1);
        if (end < 0) fail(`unterminated value of attribute ${attribute}`);
        const raw = xml.slice(pos + 1, end);
        if (raw.includes('<')) fail(`'<' in the value of attribute ${attribute}`);
        if (element.attributes.has(attribute)) fail(`attribute ${attribute} given twice in <${element.name}>`);
        element.attributes.set(attribute, decode(raw));
        pos = end + 1;
      }
      const selfClosing = xml[pos] === '/';
      pos += selfClosing ? 2 : 1;
      if (top) top.children.push(element);
      else if (root) fail('a second root element');
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)?.name}> is not closed`);
  return root ?? fail('no root element');
}

/** The child elements called `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The first child element called `name`, if any. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
