/**
 * A small strict XML reader, enough to prove a manifest well-formed and walk it: Node has no
 * DOMParser and the project adds no XML package for one file. It rejects what an XML parser must
 * reject (mismatched or unclosed tags, duplicate attributes, unquoted values, bad references, text
 * outside the root, several roots) and does not support a DOCTYPE (a manifest has none).
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (child elements' text excluded), entities decoded. */
  text: string;
  /** 1-based line of the start tag, for messages. */
  readonly line: number;
}

export class XmlError extends Error {
  override name = "XmlError";
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decodeReferences(raw: string, where: () => string): string {
  return raw.replace(/&([^;&\s]*);?/g, (match: string, body: string) => {
    if (!match.endsWith(";")) throw new XmlError(`bare "&" ${where()}`);
    if (body in PREDEFINED) return PREDEFINED[body];
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (!numeric) throw new XmlError(`unknown entity "&${body};" ${where()}`);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
    if (code === 0 || code > 0x10ffff) throw new XmlError(`bad character reference ${where()}`);
    return String.fromCodePoint(code);
  });
}

/** Parse `source` into its root element, or throw XmlError saying where it is not well-formed. */
export function parseXml(source: string): XmlElement {
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  function lineAt(at: number): number {
    return source.slice(0, at).split("\n").length;
  }
  function where(at = pos): string {
    return `at line ${lineAt(at)}`;
  }
  function fail(message: string, at = pos): never {
    throw new XmlError(`${message} ${where(at)}`);
  }
  function expectEnd(terminator: string, what: string): number {
    const end = source.indexOf(terminator, pos);
    if (end < 0) fail(`unterminated ${what}`);
    return end;
  }

  // The XML declaration may only come first.
  if (source.startsWith("<?xml", pos) && /\s/.test(source[pos + 5] ?? "")) {
    const end = expectEnd("?>", "XML declaration");
    if (!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]\1/.test(source.slice(pos, end))) {
      fail("XML declaration without a version");
    }
    pos = end + 2;
  }

  while (pos < source.length) {
    const lt = source.indexOf("<", pos);
    const textEnd = lt < 0 ? source.length : lt;
    const text = source.slice(pos, textEnd);
    if (text.length > 0) {
      if (text.includes("]]>")) fail('"]]>" in text');
      const decoded = decodeReferences(text, () => where(pos));
      if (stack.length === 0) {
        if (text.trim() !== "") fail("text outside the root element");
      } else {
        stack[stack.length - 1].text += decoded;
      }
    }
    if (lt < 0) break;
    pos = lt;

    if (source.startsWith("<!--", pos)) {
      const end = expectEnd("-->", "comment");
      if (source.slice(pos + 4, end).includes("--")) fail('"--" inside a comment');
      pos = end + 3;
    } else if (source.startsWith("<![CDATA[", pos)) {
      if (stack.length === 0) fail("CDATA outside the root element");
      const end = expectEnd("]]>", "CDATA section");
      stack[stack.length - 1].text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith("<!", pos)) {
      fail("DOCTYPE and other declarations are not supported");
    } else if (source.startsWith("<?", pos)) {
      const target = NAME.exec(source.slice(pos + 2));
      if (!target || target[0].toLowerCase() === "xml")
        fail("misplaced or nameless processing instruction");
      pos = expectEnd("?>", "processing instruction") + 2;
    } else if (source.startsWith("</", pos)) {
      const name = NAME.exec(source.slice(pos + 2));
      if (!name) fail("end tag without a name");
      const after = pos + 2 + name[0].length;
      const close = /^\s*>/.exec(source.slice(after));
      if (!close) fail("malformed end tag");
      const open = stack.pop();
      if (!open) fail(`end tag </${name[0]}> without a start tag`);
      if (open.name !== name[0]) fail(`</${name[0]}> closes <${open.name}>`);
      pos = after + close[0].length;
    } else {
      const start = pos;
      const name = NAME.exec(source.slice(pos + 1));
      if (!name) fail("start tag without a valid name");
      pos += 1 + name[0].length;
      const attributes: Record<string, string> = {};
      for (;;) {
        const space = /^\s*/.exec(source.slice(pos)) as RegExpExecArray;
        pos += space[0].length;
        if (source.startsWith("/>", pos) || source.startsWith(">", pos)) break;
        if (space[0].length === 0) fail("attributes must be separated by white space");
        const attr = /^([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*(["'])/.exec(
          source.slice(pos)
        );
        if (!attr) fail(`malformed attribute in <${name[0]}>`);
        const [matched, attrName, quote] = attr;
        const valueStart = pos + matched.length;
        const valueEnd = source.indexOf(quote, valueStart);
        if (valueEnd < 0) fail(`unterminated value of ${attrName}`);
        const raw = source.slice(valueStart, valueEnd);
        if (raw.includes("<")) fail(`"<" in the value of ${attrName}`);
        if (attrName in attributes) fail(`duplicate attribute ${attrName}`);
        attributes[attrName] = decodeReferences(raw, () => where(valueStart));
        pos = valueEnd + 1;
      }
      const element: XmlElement = {
        name: name[0],
        attributes,
        children: [],
        text: "",
        line: lineAt(start),
      };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) fail("more than one root element", start);
      else root = element;
      if (source.startsWith("/>", pos)) {
        pos += 2;
      } else {
        stack.push(element);
        pos += 1;
      }
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) fail("no root element");
  return root;
}

/** Every element in document order. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    out.push(e);
    e.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** The element's name without its namespace prefix ("bt:Image" -> "Image"). */
export function localName(e: XmlElement): string {
  const colon = e.name.indexOf(":");
  return colon < 0 ? e.name : e.name.slice(colon + 1);
}

/** Direct children with this local name. */
export function childrenNamed(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c) => localName(c) === name);
}

/** The element reached by following local names from `e`, or undefined. */
export function path(e: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = e;
  for (const name of names) {
    at = at ? childrenNamed(at, name)[0] : undefined;
  }
  return at;
}
