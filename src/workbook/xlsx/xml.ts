/**
 * A small, allocation-light XML scanner for the parts of an OOXML package, plus the escaping
 * rules of SpreadsheetML text. It is not a general XML parser: no DTDs, no namespace
 * resolution (callers compare local names, so `x:c` and `c` are the same element), but it
 * checks well-formedness as it goes (tag nesting, attribute syntax, one root element), so a
 * damaged part is reported as damaged instead of being read as something else.
 *
 * Usage: `const x = new XmlScanner(text, partName); while (x.next() !== END) {...}`. After
 * `next()` returns OPEN, the tag's name and attributes are available; `readText()` returns the
 * element's text content and consumes its end tag; `skipElement()` skips it.
 */
import { corrupt } from "./errors";

export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUESTION = 63;
const BANG = 33;
const EQUALS = 61;
const QUOTE = 34;
const APOS = 39;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export class XmlScanner {
  /** Index of the current tag's `<` and of the character after its `>`. */
  tagStart = 0;
  tagEnd = 0;
  /** The current tag's qualified name is text[nameStart, nameEnd); its local name starts at localStart. */
  nameStart = 0;
  nameEnd = 0;
  localStart = 0;
  selfClosing = false;
  /** Attributes of the current start tag: 4 ints each (nameStart, nameEnd, valueStart, valueEnd). */
  attrCount = 0;
  attrs = new Int32Array(64);
  /** Number of open elements (the current start tag included, unless it is self-closing). */
  depth = 0;

  private pos: number;
  private stack = new Int32Array(96); // 3 ints per open element: nameStart, nameEnd, localStart
  private sawRoot = false;

  constructor(
    readonly text: string,
    readonly part: string
  ) {
    this.pos = 0;
  }

  /** Advances to the next start or end tag (comments, PIs, CDATA and text are skipped). */
  next(): number {
    const s = this.text;
    for (;;) {
      const lt = s.indexOf("<", this.pos);
      if (this.depth === 0) this.checkOutsideText(this.pos, lt < 0 ? s.length : lt);
      if (lt < 0) {
        if (this.depth > 0) this.fail(s.length, `ends inside <${this.openName(this.depth - 1)}>`);
        if (!this.sawRoot) this.fail(s.length, "has no root element");
        this.pos = s.length;
        return END;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) return this.endTag(lt);
      if (c === QUESTION) {
        const e = s.indexOf("?>", lt + 2);
        if (e < 0) this.fail(lt, "unterminated processing instruction");
        this.pos = e + 2;
        continue;
      }
      if (c === BANG) {
        this.pos = this.skipMarkup(lt);
        continue;
      }
      return this.startTag(lt);
    }
  }

  /** True when the current tag's local name is `local`. */
  is(local: string): boolean {
    const n = local.length;
    if (this.nameEnd - this.localStart !== n) return false;
    const s = this.text;
    const o = this.localStart;
    for (let i = 0; i < n; i++) if (s.charCodeAt(o + i) !== local.charCodeAt(i)) return false;
    return true;
  }

  localName(): string {
    return this.text.substring(this.localStart, this.nameEnd);
  }

  /** The namespace prefix of the current tag with its colon ("x:"), or "". */
  prefix(): string {
    return this.text.substring(this.nameStart, this.localStart);
  }

  /** Index of the attribute whose qualified name is `name`, or whose local name is `name` when
   * `anyPrefix` is set (for `r:id` whatever the prefix); -1 when absent. */
  attrIndex(name: string, anyPrefix = false): number {
    const s = this.text;
    const a = this.attrs;
    const n = name.length;
    for (let k = 0; k < this.attrCount; k++) {
      const ne = a[4 * k + 1];
      let ns = a[4 * k];
      if (anyPrefix) {
        const colon = s.lastIndexOf(":", ne - 1);
        if (colon >= ns) ns = colon + 1;
      }
      if (ne - ns !== n) continue;
      let same = true;
      for (let i = 0; i < n; i++) {
        if (s.charCodeAt(ns + i) !== name.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
    return -1;
  }

  /** The decoded value of an attribute of the current start tag. */
  attr(name: string, anyPrefix = false): string | undefined {
    const k = this.attrIndex(name, anyPrefix);
    return k < 0 ? undefined : decodeAttr(this.attrRaw(k));
  }

  attrRaw(k: number): string {
    return this.text.substring(this.attrs[4 * k + 2], this.attrs[4 * k + 3]);
  }

  attrName(k: number): string {
    return this.text.substring(this.attrs[4 * k], this.attrs[4 * k + 1]);
  }

  /** All attributes of the current start tag, decoded, in document order. */
  attributes(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (let k = 0; k < this.attrCount; k++)
      out.push([this.attrName(k), decodeAttr(this.attrRaw(k))]);
    return out;
  }

  /**
   * The text content of the element just opened (text and CDATA of its descendants, entities
   * decoded, line ends normalised) and consumes its end tag. "" for a self-closing tag.
   */
  readText(): string {
    if (this.selfClosing) return "";
    const s = this.text;
    const depth = this.depth;
    let p = this.tagEnd;
    const lt = s.indexOf("<", p);
    if (lt >= 0 && s.charCodeAt(lt + 1) === SLASH) {
      this.pos = lt;
      this.next();
      return decodeText(s.substring(p, lt));
    }
    let out = "";
    for (;;) {
      const l = s.indexOf("<", p);
      if (l < 0) this.fail(s.length, `ends inside <${this.openName(depth - 1)}>`);
      out += decodeText(s.substring(p, l));
      if (s.startsWith("<![CDATA[", l)) {
        const e = s.indexOf("]]>", l + 9);
        if (e < 0) this.fail(l, "unterminated CDATA section");
        out += normaliseLineEnds(s.substring(l + 9, e));
        p = e + 3;
        continue;
      }
      if (s.startsWith("<!", l) || s.startsWith("<?", l)) {
        this.pos = l;
        p = s.startsWith("<?", l) ? s.indexOf("?>", l) + 2 : this.skipMarkup(l);
        if (p < 2) this.fail(l, "unterminated processing instruction");
        continue;
      }
      this.pos = l;
      const t = this.next();
      if (t === CLOSE && this.depth === depth - 1) return out;
      p = this.tagEnd;
    }
  }

  /** Skips the element just opened, with its content and end tag. */
  skipElement(): void {
    if (this.selfClosing) return;
    const depth = this.depth;
    while (this.depth >= depth) {
      if (this.next() === END) return;
    }
  }

  /** Where the next search for a tag starts (after the current tag). */
  get position(): number {
    return this.pos;
  }

  /** Continues scanning from `offset`, which must lie between tags at the current depth. */
  seek(offset: number): void {
    this.pos = offset;
  }

  /** For a caller that has checked the current element's content and end tag itself: closes
   * the element just opened and continues after its end tag at `offset`. */
  closeAt(offset: number): void {
    this.depth--;
    this.pos = offset;
  }

  fail(offset: number, detail: string): never {
    throw corrupt(this.part, `is not well-formed near line ${lineAt(this.text, offset)}`, detail);
  }

  private openName(k: number): string {
    return this.text.substring(this.stack[3 * k], this.stack[3 * k + 1]);
  }

  private checkOutsideText(from: number, to: number): void {
    const s = this.text;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (!isSpace(c) && c !== 0xfeff) {
        this.fail(i, this.sawRoot ? "text after the root element" : "text before the root element");
      }
    }
  }

  private skipMarkup(lt: number): number {
    const s = this.text;
    if (s.startsWith("<!--", lt)) {
      const e = s.indexOf("-->", lt + 4);
      if (e < 0) this.fail(lt, "unterminated comment");
      return e + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      if (this.depth === 0) this.fail(lt, "CDATA outside the root element");
      const e = s.indexOf("]]>", lt + 9);
      if (e < 0) this.fail(lt, "unterminated CDATA section");
      return e + 3;
    }
    if (s.startsWith("<!DOCTYPE", lt) && !this.sawRoot) {
      let e = s.indexOf(">", lt);
      const bracket = s.indexOf("[", lt);
      if (bracket >= 0 && bracket < e) e = s.indexOf(">", s.indexOf("]", bracket));
      if (e < 0) this.fail(lt, "unterminated DOCTYPE");
      return e + 1;
    }
    return this.fail(lt, "unexpected '<!'");
  }

  private startTag(lt: number): number {
    const s = this.text;
    const n = s.length;
    if (this.depth === 0 && this.sawRoot) this.fail(lt, "more than one root element");
    let i = lt + 1;
    let colon = -1;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c <= 32 || c === SLASH || c === GT) break;
      if (c === COLON) colon = i;
      else if (c === LT || c === EQUALS || c === QUOTE || c === APOS) this.fail(i, "bad tag name");
    }
    if (i === lt + 1) this.fail(lt, "'<' not followed by a tag name");
    if (i >= n) this.fail(lt, "ends inside a tag");
    this.tagStart = lt;
    this.nameStart = lt + 1;
    this.nameEnd = i;
    this.localStart = colon < 0 ? lt + 1 : colon + 1;

    let count = 0;
    for (;;) {
      let c = s.charCodeAt(i);
      let spaced = false;
      while (isSpace(c)) {
        c = s.charCodeAt(++i);
        spaced = true;
      }
      if (c === GT) {
        this.selfClosing = false;
        this.tagEnd = i + 1;
        break;
      }
      if (c === SLASH) {
        if (s.charCodeAt(i + 1) !== GT) this.fail(i, "'/' inside a tag");
        this.selfClosing = true;
        this.tagEnd = i + 2;
        break;
      }
      if (i >= n) this.fail(lt, "ends inside a tag");
      if (!spaced) this.fail(i, "attributes not separated by a space");
      const an = i;
      while (i < n) {
        c = s.charCodeAt(i);
        if (
          c <= 32 ||
          c === EQUALS ||
          c === GT ||
          c === SLASH ||
          c === LT ||
          c === QUOTE ||
          c === APOS
        ) {
          break;
        }
        i++;
      }
      if (i === an) this.fail(i, "bad attribute");
      const ane = i;
      while (isSpace(c)) c = s.charCodeAt(++i);
      if (c !== EQUALS) this.fail(i, "attribute without '='");
      c = s.charCodeAt(++i);
      while (isSpace(c)) c = s.charCodeAt(++i);
      if (c !== QUOTE && c !== APOS) this.fail(i, "attribute value not in quotes");
      const vs = i + 1;
      const ve = s.indexOf(c === QUOTE ? '"' : "'", vs);
      if (ve < 0) this.fail(i, "unterminated attribute value");
      if (4 * count + 4 > this.attrs.length) {
        const bigger = new Int32Array(this.attrs.length * 2);
        bigger.set(this.attrs);
        this.attrs = bigger;
      }
      const a = this.attrs;
      a[4 * count] = an;
      a[4 * count + 1] = ane;
      a[4 * count + 2] = vs;
      a[4 * count + 3] = ve;
      count++;
      i = ve + 1;
    }
    if (count > 0) {
      // No '<' inside attribute values: one search per tag rather than one per value.
      const l = s.indexOf("<", lt + 1);
      if (l >= 0 && l < this.tagEnd) this.fail(l, "'<' in an attribute value");
    }
    this.attrCount = count;
    this.sawRoot = true;
    this.pos = this.tagEnd;
    if (!this.selfClosing) {
      const d = this.depth;
      if (3 * d + 3 > this.stack.length) {
        const bigger = new Int32Array(this.stack.length * 2);
        bigger.set(this.stack);
        this.stack = bigger;
      }
      this.stack[3 * d] = this.nameStart;
      this.stack[3 * d + 1] = this.nameEnd;
      this.stack[3 * d + 2] = this.localStart;
      this.depth = d + 1;
    }
    return OPEN;
  }

  private endTag(lt: number): number {
    const s = this.text;
    const n = s.length;
    const ns = lt + 2;
    let i = ns;
    let c = 0;
    while (i < n) {
      c = s.charCodeAt(i);
      if (c <= 32 || c === GT) break;
      i++;
    }
    const ne = i;
    while (isSpace(c)) c = s.charCodeAt(++i);
    if (c !== GT || i >= n) this.fail(lt, "unterminated end tag");
    const d = this.depth - 1;
    if (d < 0) this.fail(lt, `unexpected </${s.substring(ns, ne)}>`);
    const os = this.stack[3 * d];
    const len = this.stack[3 * d + 1] - os;
    let same = len === ne - ns;
    for (let k = 0; same && k < len; k++) same = s.charCodeAt(os + k) === s.charCodeAt(ns + k);
    if (!same) {
      this.fail(lt, `</${s.substring(ns, ne)}> where </${this.openName(d)}> was expected`);
    }
    this.depth = d;
    this.tagStart = lt;
    this.tagEnd = i + 1;
    this.nameStart = ns;
    this.nameEnd = ne;
    this.localStart = ns + (this.stack[3 * d + 2] - os);
    this.selfClosing = false;
    this.attrCount = 0;
    this.pos = this.tagEnd;
    return CLOSE;
  }
}

/** 1-based line number of a character offset (computed only when reporting an error). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

// ---------------------------------------------------------------------------------------------
// Decoding

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\ufffd";
}

export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name) =>
    dec !== undefined
      ? codePoint(+dec)
      : hex !== undefined
        ? codePoint(parseInt(hex, 16))
        : NAMED[name]
  );
}

function normaliseLineEnds(s: string): string {
  return s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n");
}

/** Character data as an XML parser delivers it: line ends normalised, references decoded. */
export function decodeText(raw: string): string {
  return decodeEntities(normaliseLineEnds(raw));
}

/** An attribute value as an XML parser delivers it (whitespace characters become spaces). */
export function decodeAttr(raw: string): string {
  const normalised = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, " ") : raw;
  return decodeEntities(normalised);
}

const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes SpreadsheetML's `_xHHHH_` escapes (ST_Xstring), used for characters XML cannot hold. */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(XSTRING_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Escapes text content: & < > (so that "]]>" can never appear). */
export function escapeText(s: string): string {
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes an attribute value for double quotes; tab and line ends survive as references. */
export function escapeAttr(s: string): string {
  if (!/[&<>"\t\n\r]/.test(s)) return s;
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

// Characters XML 1.0 cannot carry, CR (a parser would turn it into LF), an underscore that
// would read as the start of an escape, and surrogates (checked for pairing below).
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids, written as _xHHHH_
const NEEDS_XSTRING = /[\x00-\x08\x0B\x0C\x0E-\x1F\r\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

function hex4(code: number): string {
  return "_x" + code.toString(16).toUpperCase().padStart(4, "0") + "_";
}

/**
 * Encodes a string the way Excel does for cell text (ST_Xstring): characters XML cannot hold
 * become `_xHHHH_`, a literal `_xHHHH_` keeps its meaning by escaping its underscore
 * (`_x005F_`), then XML escaping. The result reads back through decodeText + decodeXstring.
 */
export function encodeXstring(s: string): string {
  return escapeText(xstringEscape(s));
}

/** The `_xHHHH_` step of encodeXstring alone (for attribute values, escape with escapeAttr). */
export function xstringEscape(s: string): string {
  if (!NEEDS_XSTRING.test(s)) return s;
  let out = "";
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else {
        out += hex4(c);
      }
    } else if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
      (c >= 0xdc00 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff
    ) {
      out += hex4(c);
    } else if (c === 0x5f && /^_x[0-9A-Fa-f]{4}_/.test(s.substring(i, i + 7))) {
      out += "_x005F_";
    } else {
      out += s[i];
    }
  }
  return out;
}
