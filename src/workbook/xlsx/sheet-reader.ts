/**
 * Reading worksheet and shared-string XML: one forward pass of the scanner, no DOM, values
 * parsed straight from the text where they stand.
 */
import { corrupt } from "./errors";
import {
  GridBuilder,
  KIND_BOOL,
  KIND_DATE,
  KIND_NUMBER,
  KIND_SHARED,
  SheetCells,
  detached,
} from "./grid";
import { CLOSE, END, OPEN, XmlScanner, decodeText, decodeXstring } from "./xml";
import { MAX_COLS, MAX_ROWS } from "./cellref";

/**
 * The text of a rich-text container just opened (`<si>` or `<is>`): the `<t>` of the plain
 * string or of every run, concatenated; phonetic runs (`<rPh>`) are not part of the value.
 * Consumes the container's end tag.
 */
export function readRichText(x: XmlScanner): string {
  if (x.selfClosing) return "";
  const depth = x.depth;
  let out = "";
  for (;;) {
    const t = x.next();
    if (t === OPEN) {
      if (x.is("t")) out += decodeXstring(x.readText());
      else if (x.is("rPh") || x.is("rPr") || x.is("phoneticPr") || x.is("extLst")) x.skipElement();
    } else if (t === CLOSE) {
      if (x.depth < depth) return out;
    } else {
      return out;
    }
  }
}

export function readSharedStrings(text: string, part: string): string[] {
  const x = new XmlScanner(text, part);
  const out: string[] = [];
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t === OPEN && x.depth <= 2 && x.is("si")) out.push(detached(readRichText(x)));
  }
  return out;
}

const TYPE_NUMBER = 0;
const TYPE_SHARED = 1;
const TYPE_STR = 2;
const TYPE_INLINE = 3;
const TYPE_BOOL = 4;
const TYPE_ERROR = 5;
const TYPE_DATE = 6;

/** The cell type from a `t` attribute value text[a, b). */
function cellType(s: string, a: number, b: number): number {
  const c = s.charCodeAt(a);
  const len = b - a;
  if (c === 115 /* s */) return len === 1 ? TYPE_SHARED : TYPE_STR;
  if (c === 105 /* i */) return TYPE_INLINE;
  if (c === 98 /* b */) return TYPE_BOOL;
  if (c === 101 /* e */) return TYPE_ERROR;
  if (c === 100 /* d */) return TYPE_DATE;
  return TYPE_NUMBER;
}

function parseUint(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return b > a ? n : -1;
}

/** A number from text[a, b): integers digit by digit, anything else through Number(). */
function parseNumber(s: string, a: number, b: number): number {
  if (b - a > 0 && b - a <= 15) {
    let i = a;
    const neg = s.charCodeAt(i) === 45;
    if (neg) i++;
    const first = i;
    let n = 0;
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === b && i > first) return neg ? -n : n;
  }
  const text = s.substring(a, b).trim();
  return text === "" ? NaN : Number(text);
}

/** ISO 8601 date or date-time of a `t="d"` cell as UTC milliseconds (no zone means UTC). */
function parseIsoDate(text: string): number {
  const t = text.trim();
  const zoned = /T.*(Z|[+-]\d\d:?\d\d)$/.test(t);
  return Date.parse(/T/.test(t) && !zoned ? t + "Z" : t);
}

function rawValue(s: string, vText: string | null, vStart: number, vEnd: number): string {
  return vText !== null ? vText : decodeText(s.substring(vStart, vEnd));
}

/** Adds the cell's value from its `<v>` text: `vText` when decoded already, else text[vStart, vEnd). */
function addValue(
  g: GridBuilder,
  s: string,
  type: number,
  row: number,
  col: number,
  vText: string | null,
  vStart: number,
  vEnd: number,
  table: () => string[],
  part: string
): void {
  switch (type) {
    case TYPE_NUMBER: {
      const v = vText !== null ? parseNumber(vText, 0, vText.length) : parseNumber(s, vStart, vEnd);
      if (v === v) g.add(row, col, KIND_NUMBER, v);
      else {
        const raw = rawValue(s, vText, vStart, vEnd);
        if (raw.trim() !== "") g.addString(row, col, raw);
      }
      return;
    }
    case TYPE_SHARED: {
      const i = vText !== null ? parseUint(vText, 0, vText.length) : parseUint(s, vStart, vEnd);
      if (i < 0 || i >= table().length) {
        throw corrupt(part, "refers to text that is missing from the shared strings");
      }
      g.add(row, col, KIND_SHARED, i);
      return;
    }
    case TYPE_BOOL: {
      const b = rawValue(s, vText, vStart, vEnd).trim();
      g.add(row, col, KIND_BOOL, b === "1" || b === "true" ? 1 : 0);
      return;
    }
    case TYPE_DATE: {
      const raw = rawValue(s, vText, vStart, vEnd);
      const ms = parseIsoDate(raw);
      if (ms === ms) g.add(row, col, KIND_DATE, ms);
      else g.addString(row, col, raw);
      return;
    }
    case TYPE_ERROR:
      g.addString(row, col, rawValue(s, vText, vStart, vEnd));
      return;
    default: // str, or inlineStr written with <v>
      g.addString(row, col, decodeXstring(rawValue(s, vText, vStart, vEnd)));
  }
}

/**
 * The shape nearly every cell has, `<c r="B12" s="3" t="s"><v>42</v></c>` (or `<c .../>`),
 * read straight from the text. `read` either takes in a whole cell of that shape, checked as
 * strictly as the scanner would, or returns -1 and leaves it to the scanner.
 */
class CommonCell {
  row = 0;
  col = 0;
  hasRef = false;
  type = TYPE_NUMBER;
  empty = false;
  vStart = 0;
  vEnd = 0;
  /** The text of an inline string cell, `<is><t>text</t></is>` (as filling writes it). */
  inline: string | null = null;

  constructor(
    private readonly s: string,
    private readonly cOpen: string,
    private readonly vOpen: string,
    private readonly vClose: string,
    private readonly cClose: string,
    private readonly inlineOpen: string,
    private readonly tOpen: string,
    private readonly tPreserve: string,
    private readonly inlineClose: string
  ) {}

  /** At text[i], after an inline string cell's start tag: the offset after the cell, or -1. */
  private readInline(i: number): number {
    const s = this.s;
    if (!s.startsWith(this.inlineOpen, i)) return -1;
    i += this.inlineOpen.length;
    if (s.startsWith(this.tOpen, i)) i += this.tOpen.length;
    else if (s.startsWith(this.tPreserve, i)) i += this.tPreserve.length;
    else return -1;
    const lt = s.indexOf("<", i);
    if (lt < 0 || !s.startsWith(this.inlineClose, lt)) return -1;
    this.inline = decodeXstring(decodeText(s.substring(i, lt)));
    return lt + this.inlineClose.length;
  }

  /** At text[p]: the offset after the cell, or -1. */
  read(p: number): number {
    const s = this.s;
    if (!s.startsWith(this.cOpen, p)) return -1;
    let i = p + this.cOpen.length;
    this.hasRef = false;
    this.type = TYPE_NUMBER;
    for (;;) {
      let c = s.charCodeAt(i);
      if (c === 62 /* > */) {
        i++;
        this.empty = false;
        break;
      }
      if (c === 47 /* / */) {
        if (s.charCodeAt(i + 1) !== 62) return -1;
        i += 2;
        this.empty = true;
        break;
      }
      if (c !== 32) return -1; // attributes are separated by a space
      c = s.charCodeAt(++i);
      const ns = i;
      while (c > 32 && c !== 61 && c !== 62 && c !== 47 && c !== 60 && c !== 34 && c !== 39) {
        c = s.charCodeAt(++i);
      }
      if (c !== 61 /* = */ || i === ns) return -1;
      const q = s.charCodeAt(++i);
      if (q !== 34 && q !== 39) return -1;
      const vs = i + 1;
      const ve = s.indexOf(q === 34 ? '"' : "'", vs);
      if (ve < 0) return -1;
      if (ve - vs > 0 && i - 1 - ns === 1) {
        const an = s.charCodeAt(ns);
        if (an === 114 /* r */) {
          let k = vs;
          let col = 0;
          for (; k < ve; k++) {
            const ch = s.charCodeAt(k) | 32;
            if (ch < 97 || ch > 122) break;
            col = col * 26 + (ch - 96);
          }
          const row = parseUint(s, k, ve);
          if (col < 1 || col > MAX_COLS || row < 1 || row > MAX_ROWS) return -1;
          this.row = row;
          this.col = col;
          this.hasRef = true;
        } else if (an === 116 /* t */) {
          this.type = cellType(s, vs, ve);
        }
      }
      i = ve + 1;
    }
    const lt = s.indexOf("<", p + 1);
    if (lt >= 0 && lt < i) return -1; // '<' inside an attribute value
    this.inline = null;
    if (this.empty) return i;
    if (this.type === TYPE_INLINE) return this.readInline(i);
    if (!s.startsWith(this.vOpen, i)) return -1;
    const vs = i + this.vOpen.length;
    const ve = s.indexOf("<", vs);
    if (
      ve < 0 ||
      !s.startsWith(this.vClose, ve) ||
      !s.startsWith(this.cClose, ve + this.vClose.length)
    ) {
      return -1;
    }
    this.vStart = vs;
    this.vEnd = ve;
    return ve + this.vClose.length + this.cClose.length;
  }
}

/**
 * Reads the values of a worksheet. `sharedStrings` is called the first time a cell needs the
 * shared string table. Formulas are not evaluated: a formula cell gives its cached value.
 */
export function readWorksheet(
  text: string,
  part: string,
  name: string,
  sharedStrings: () => string[]
): SheetCells {
  const x = new XmlScanner(text, part);
  const g = new GridBuilder();
  let sst: string[] | null = null;
  const table = (): string[] => (sst ??= sharedStrings());
  let t = x.next();
  while (t !== END && !(t === OPEN && x.is("sheetData"))) t = x.next();
  if (t === OPEN && !x.selfClosing) {
    const s = text;
    const dataDepth = x.depth;
    const p = x.prefix();
    const common = new CommonCell(
      s,
      `<${p}c`,
      `<${p}v>`,
      `</${p}v>`,
      `</${p}c>`,
      `<${p}is>`,
      `<${p}t>`,
      `<${p}t xml:space="preserve">`,
      `</${p}t></${p}is></${p}c>`
    );
    let row = 0;
    let col = 0;
    for (;;) {
      if (x.depth === dataDepth + 1) {
        // inside a row: try the common shape of a cell first
        const end = common.read(x.position);
        if (end >= 0) {
          if (common.hasRef) {
            row = common.row;
            col = common.col;
          } else {
            col++;
            if (row === 0) row = 1;
          }
          if (common.inline !== null) g.addString(row, col, common.inline);
          else if (!common.empty) {
            addValue(g, s, common.type, row, col, null, common.vStart, common.vEnd, table, part);
          }
          x.seek(end);
          continue;
        }
      }
      t = x.next();
      if (t === CLOSE) {
        if (x.depth < dataDepth) break;
        continue;
      }
      if (t === END) break;
      if (x.is("row")) {
        const k = x.attrIndex("r");
        if (k >= 0) {
          row = parseUint(s, x.attrs[4 * k + 2], x.attrs[4 * k + 3]);
          if (row < 1 || row > MAX_ROWS) x.fail(x.tagStart, "bad row number");
        } else {
          row++;
        }
        col = 0;
        continue;
      }
      if (!x.is("c")) {
        x.skipElement();
        continue;
      }
      // A cell: <c r="B12" s="3" t="s">
      let type = TYPE_NUMBER;
      const a = x.attrs;
      let hasRef = false;
      for (let k = 0; k < x.attrCount; k++) {
        const ns = a[4 * k];
        const len = a[4 * k + 1] - ns;
        if (len !== 1) continue;
        const an = s.charCodeAt(ns);
        if (an === 114 /* r */) {
          const vs = a[4 * k + 2];
          const ve = a[4 * k + 3];
          let i = vs;
          let c = 0;
          for (; i < ve; i++) {
            const ch = s.charCodeAt(i) | 32;
            if (ch < 97 || ch > 122) break;
            c = c * 26 + (ch - 96);
          }
          const r = parseUint(s, i, ve);
          if (c < 1 || c > MAX_COLS || r < 1 || r > MAX_ROWS) {
            x.fail(x.tagStart, `bad cell reference "${s.substring(vs, ve)}"`);
          }
          col = c;
          row = r;
          hasRef = true;
        } else if (an === 116 /* t */) {
          type = cellType(s, a[4 * k + 2], a[4 * k + 3]);
        }
      }
      if (!hasRef) col++;
      if (row === 0) row = 1;
      if (x.selfClosing) continue;

      // Its children: <f>, <v>, <is>, <extLst>
      const cellDepth = x.depth;
      let vStart = -1;
      let vEnd = -1;
      let vText: string | null = null;
      let inline: string | null = null;
      for (;;) {
        t = x.next();
        if (t === CLOSE) {
          if (x.depth < cellDepth) break;
          continue;
        }
        if (t === END) break;
        if (x.is("v")) {
          if (x.selfClosing) continue;
          const lt = s.indexOf("<", x.tagEnd);
          if (lt >= 0 && s.charCodeAt(lt + 1) === 47) {
            vStart = x.tagEnd;
            vEnd = lt;
            vText = null;
            x.seek(lt);
            x.next();
          } else {
            vText = x.readText();
          }
        } else if (x.is("is")) {
          inline = readRichText(x);
        } else {
          x.skipElement();
        }
      }
      if (type === TYPE_INLINE && inline !== null) {
        g.addString(row, col, inline);
        continue;
      }
      if (vStart < 0 && vText === null) continue; // no cached value
      addValue(g, s, type, row, col, vText, vStart, vEnd, table, part);
    }
  }
  while (t !== END) t = x.next(); // the rest of the part must be well-formed too
  return g.build(name, sst ?? []);
}
