/**
 * Cell formats for the cells this layer writes. New fonts, fills, borders, number formats and
 * cell formats (xf) are APPENDED to xl/styles.xml, so every existing style index keeps its
 * meaning; the same spec asked twice gets the same index. styles.xml is rewritten only when a
 * new format was added.
 */
import { ElementSpan, attrOf, scanElements, setAttributes, splice } from "./elements";
import { escapeAttr } from "./xml";

export interface StyleSpec {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Font size in points. */
  readonly size?: number;
  /** Solid background, "RRGGBB". */
  readonly fill?: string;
  /** A border on all four sides. */
  readonly border?: "thin" | "medium" | "thick" | "dashed" | "dotted" | "double" | "hair";
  /** An Excel number format code: "mm/dd/yyyy", "0", "#,##0", "@", ... */
  readonly numFmt?: string;
  readonly wrap?: boolean;
  readonly align?: "left" | "center" | "right";
  readonly indent?: number;
}

export const MINIMAL_STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" ' +
  'defaultPivotStyle="PivotStyleLight16"/></styleSheet>';

/** Number formats every Excel knows by id (the locale-independent ones). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "h:mm": 20,
  "h:mm:ss": 21,
  "mm:ss": 45,
  "@": 49,
};

/** The sections of a stylesheet, in the order the schema requires. */
const SECTION_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];
type Section = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs";
const CHILD: Record<Section, string> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellXfs: "xf",
};

function checkSpec(spec: StyleSpec): void {
  if (spec.fill !== undefined && !/^#?[0-9A-Fa-f]{6}$/.test(spec.fill)) {
    throw new RangeError(`Fill colour "${spec.fill}" is not RRGGBB.`);
  }
  if (spec.size !== undefined && !(spec.size >= 1 && spec.size <= 409)) {
    throw new RangeError(`Font size ${spec.size} is outside 1 to 409.`);
  }
  if (
    spec.indent !== undefined &&
    !(Number.isInteger(spec.indent) && spec.indent >= 0 && spec.indent <= 250)
  ) {
    throw new RangeError(`Indent ${spec.indent} is not a whole number from 0 to 250.`);
  }
}

export class StyleRegistry {
  private text: string;
  private prefix = "";
  private sections = new Map<string, ElementSpan>();
  private counts: Record<Section, number> = {
    numFmts: 0,
    fonts: 0,
    fills: 0,
    borders: 0,
    cellXfs: 0,
  };
  private added: Record<Section, string[]> = {
    numFmts: [],
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
  };
  private formatIds = new Map<string, number>();
  private nextFormatId = 164;
  private baseFont: Record<string, string> = {};
  private readonly cache = new Map<string, number>();

  constructor(
    text: string,
    private readonly part: string
  ) {
    this.text = text;
    this.parse();
  }

  private parse(): void {
    const { root, elements } = scanElements(this.text, this.part, 2);
    this.prefix = root.prefix;
    this.sections.clear();
    let section = "";
    const firstFont: ElementSpan[] = [];
    for (const el of elements) {
      if (el.depth === 1) {
        section = el.local;
        this.sections.set(section, el);
        continue;
      }
      if (section in CHILD && el.local === CHILD[section as Section]) {
        // A format written by an earlier fill is found again, not added a second time.
        const key = `${section}\u0000${this.text.slice(el.start, el.end)}`;
        if (!this.reuse.has(key)) this.reuse.set(key, this.counts[section as Section]);
        this.counts[section as Section]++;
        if (section === "fonts" && firstFont.length === 0) firstFont.push(el);
        if (section === "numFmts") {
          const id = Number(attrOf(el, "numFmtId"));
          const code = attrOf(el, "formatCode");
          if (code !== undefined && !this.formatIds.has(code)) this.formatIds.set(code, id);
          if (id >= this.nextFormatId) this.nextFormatId = id + 1;
        }
      }
    }
    if (firstFont.length) {
      const inner = this.text.slice(firstFont[0].openEnd, firstFont[0].contentEnd);
      for (const m of inner.matchAll(
        /<(?:\w+:)?(sz|color|name|family|charset|scheme)\b[^>]*\/>/g
      )) {
        this.baseFont[m[1]] = m[0];
      }
    }
  }

  /** Number of cell formats (xf), the new ones included: valid indexes are 0 to count - 1. */
  get count(): number {
    return this.counts.cellXfs + this.added.cellXfs.length;
  }

  /** The cell format index for a spec, adding it (and its parts) when new. */
  id(spec: StyleSpec): number {
    const key = JSON.stringify(
      Object.entries(spec)
        .filter(([, v]) => v !== undefined)
        .sort()
    );
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    checkSpec(spec);
    const p = this.prefix;
    const numFmtId = spec.numFmt === undefined ? 0 : this.formatId(spec.numFmt);
    const fontId =
      spec.bold || spec.italic || spec.size !== undefined
        ? this.add("fonts", this.fontXml(spec))
        : 0;
    const fillId =
      spec.fill !== undefined
        ? this.add(
            "fills",
            `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${spec.fill.replace("#", "").toUpperCase()}"/>` +
              `<${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`
          )
        : 0;
    const borderId =
      spec.border !== undefined
        ? this.add(
            "borders",
            `<${p}border>${["left", "right", "top", "bottom"]
              .map(
                (side) =>
                  `<${p}${side} style="${spec.border}"><${p}color indexed="64"/></${p}${side}>`
              )
              .join("")}<${p}diagonal/></${p}border>`
          )
        : 0;
    const horizontal = spec.align ?? (spec.indent ? "left" : undefined);
    const alignment =
      horizontal || spec.wrap
        ? `<${p}alignment${horizontal ? ` horizontal="${horizontal}"` : ""}${spec.wrap ? ' wrapText="1"' : ""}` +
          `${spec.indent ? ` indent="${spec.indent}"` : ""}/>`
        : "";
    const applies =
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (alignment ? ' applyAlignment="1"' : "");
    const xf =
      `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}` +
      (alignment ? `>${alignment}</${p}xf>` : "/>");
    const id = this.add("cellXfs", xf);
    this.cache.set(key, id);
    return id;
  }

  private formatId(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    const known = this.formatIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.formatIds.set(code, id);
    this.added.numFmts.push(
      `<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`
    );
    return id;
  }

  private fontXml(spec: StyleSpec): string {
    const p = this.prefix;
    const b = this.baseFont;
    return (
      `<${p}font>${spec.bold ? `<${p}b/>` : ""}${spec.italic ? `<${p}i/>` : ""}` +
      (spec.size !== undefined ? `<${p}sz val="${spec.size}"/>` : (b.sz ?? `<${p}sz val="11"/>`)) +
      (b.color ?? "") +
      (b.name ?? `<${p}name val="Calibri"/>`) +
      (b.family ?? "") +
      (b.charset ?? "") +
      (b.scheme ?? "") +
      `</${p}font>`
    );
  }

  private readonly reuse = new Map<string, number>();

  private add(section: Section, xml: string): number {
    const key = `${section}\u0000${xml}`;
    const known = this.reuse.get(key);
    if (known !== undefined) return known;
    const id = this.counts[section] + this.added[section].length;
    this.added[section].push(xml);
    this.reuse.set(key, id);
    return id;
  }

  /** The stylesheet with the new formats, or null when nothing was added. */
  flush(): string | null {
    const pending = (Object.keys(this.added) as Section[]).filter((s) => this.added[s].length);
    if (!pending.length) return null;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const p = this.prefix;
    for (const section of pending) {
      const children = this.added[section].join("");
      const count = String(this.counts[section] + this.added[section].length);
      const el = this.sections.get(section);
      if (el) {
        const tag = this.text.slice(el.start, el.openEnd);
        if (el.selfClosing) {
          const open = setAttributes(tag, { count }).replace(/\s*\/>$/, ">");
          edits.push({ start: el.start, end: el.end, text: `${open}${children}</${p}${section}>` });
        } else {
          edits.push({ start: el.start, end: el.openEnd, text: setAttributes(tag, { count }) });
          edits.push({ start: el.contentEnd, end: el.contentEnd, text: children });
        }
      } else {
        const later = SECTION_ORDER.slice(SECTION_ORDER.indexOf(section) + 1)
          .map((s) => this.sections.get(s))
          .find((s) => s !== undefined);
        const { root } = scanElements(this.text, this.part);
        const at = later ? later.start : root.contentEnd;
        edits.push({
          start: at,
          end: at,
          text: `<${p}${section} count="${count}">${children}</${p}${section}>`,
        });
      }
    }
    edits.sort((a, b) => b.start - a.start || b.end - a.end);
    let text = this.text;
    for (const e of edits) text = splice(text, e.start, e.end, e.text);
    for (const section of pending) this.counts[section] += this.added[section].length;
    this.added = { numFmts: [], fonts: [], fills: [], borders: [], cellXfs: [] };
    this.text = text;
    const counts = this.counts;
    this.counts = { numFmts: 0, fonts: 0, fills: 0, borders: 0, cellXfs: 0 };
    this.parse();
    if (JSON.stringify(this.counts) !== JSON.stringify(counts)) {
      throw new Error("styles.xml: the appended formats did not land where expected");
    }
    return text;
  }
}
