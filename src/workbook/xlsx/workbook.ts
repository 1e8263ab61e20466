/** XlsxWorkbook: an .xlsx package opened for reading and for surgical edits. */
import { CellRange, parseRange, formatRange } from "./cellref";
import { withMerges } from "./merges";
import { customProperties, setCustomProperty } from "./custom-properties";
import {
  appendChild,
  attrOf,
  ensureNamespace,
  scanElements,
  setAttributes,
  splice,
} from "./elements";
import { WorkbookFileError, corrupt } from "./errors";
import { GridBuilder, SheetCells } from "./grid";
import {
  HeaderFooter,
  HeaderFooterKey,
  readHeaderFooter,
  writeHeaderFooter,
} from "./header-footer";
import { CONTENT_TYPE, CONTENT_TYPES_PART, Package, REL_TYPE, relKind } from "./package";
import { PageSetupFound, PrintSetup, titleRowsRef } from "../print-setup";
import { readPageSetup, writePrintSetup } from "./page-setup";
import { CellUpdate, patchWorksheetXml } from "./patch";
import { columnWidthOf, withRowHeights } from "./row-height";
import { SharedStringWriter } from "./shared-strings";
import { readSharedStrings, readWorksheet } from "./sheet-reader";
import {
  MAIN_NS,
  REL_NS,
  WorksheetSpec,
  checkTableName,
  tableXml,
  worksheetXml,
} from "./sheet-writer";
import { MINIMAL_STYLES_XML, StyleRegistry, StyleSpec } from "./styles";
import { decodeText, decodeXstring, escapeAttr, escapeText } from "./xml";
import {
  RowShift,
  shiftAnchorsXml,
  shiftChartXml,
  shiftCommentsXml,
  shiftFormulaRows,
  shiftWorksheetXml,
  shiftedRef,
  refersToSheet,
} from "./row-shift";

import { startsWithZipSignature } from "./zip";
import {
  BarChartSpec,
  CHART_CONTENT_TYPE,
  CHART_REL_TYPE,
  DRAWING_CONTENT_TYPE,
  DRAWING_REL_TYPE,
  barChartXml,
  chartDrawingXml,
  withDrawing,
} from "./chart-part";

export interface TableInfo {
  /** The name formulas use (displayName). */
  name: string;
  sheet: string;
  /** The whole table, header and totals rows included, e.g. "A1:L500". */
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  columns: string[];
}

export interface DefinedName {
  name: string;
  /** The formula text, e.g. "Notes!$B$2". */
  ref: string;
  /** For a name scoped to one sheet, that sheet's name. */
  localSheet?: string;
  hidden: boolean;
}

interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  part: string;
  /** "worksheet", "chartsheet", "dialogsheet", ... */
  kind: string;
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const NOT_A_WORKBOOK = "is not an Excel workbook (.xlsx)";
const PASSWORD =
  "is password-protected: remove the password in Excel (File > Info > Protect Workbook) and try again";
const OLD_XLS =
  "looks like an old Excel 97-2003 workbook (.xls): open it in Excel, save it as an Excel Workbook (.xlsx) and try again";
/** Elements that follow calcPr in workbook.xml (CT_Workbook's sequence). */
const AFTER_CALC_PR = [
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[2 * i] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (bytes[i] !== needle[0]) continue;
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** Excel's built-in names for a sheet's print titles and print area (sheet-local). */
const PRINT_TITLES = "_xlnm.Print_Titles";
const PRINT_AREA = "_xlnm.Print_Area";

/** A sheet's rows as a formula: 'Outreach Log'!$1:$1 (the name always quoted, ' doubled). */
function printTitlesFormula(sheet: string, rows: NonNullable<PrintSetup["titleRows"]>): string {
  return `'${sheet.replace(/'/g, "''")}'!${titleRowsRef(rows)}`;
}

/** Elements that follow definedNames in workbook.xml (CT_Workbook's sequence). */
const AFTER_DEFINED_NAMES = ["calcPr", ...AFTER_CALC_PR];

/** Excel's rules for a defined name; a built-in one is "_xlnm." and its name. */
function checkDefinedName(name: string): void {
  if (/^_xlnm\.[A-Za-z_]+$/.test(name)) return;
  try {
    checkTableName(name);
  } catch {
    throw new RangeError(
      `"${name}" cannot be a defined name: use letters, digits, _ and ., starting with a letter, and not a cell address.`
    );
  }
}

/** Excel's rules for a sheet name. */
export function checkSheetName(name: string): void {
  if (typeof name !== "string" || name.length === 0 || name.length > 31) {
    throw new RangeError(`Sheet name "${name}" must have 1 to 31 characters.`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in sheet names
  if (/[:\\/?*[\]]/.test(name) || /[\x00-\x1f]/.test(name)) {
    throw new RangeError(`Sheet name "${name}" cannot contain : \\ / ? * [ or ].`);
  }
  if (name.startsWith("'") || name.endsWith("'")) {
    throw new RangeError(`Sheet name "${name}" cannot begin or end with an apostrophe.`);
  }
  if (name.toLowerCase() === "history")
    throw new RangeError('Excel reserves the sheet name "History".');
}

export class XlsxWorkbook {
  private sheets: SheetEntry[] = [];
  private names: DefinedName[] = [];
  private isDate1904 = false;
  private sharedStrings: string[] | null = null;
  private stringWriter: SharedStringWriter | null = null;
  private styleRegistry: { part: string; registry: StyleRegistry } | null = null;
  private tableCache: Array<TableInfo & { part: string }> | null = null;
  private readonly grids = new Map<string, SheetCells>();
  /** The custom properties as last read: a return is asked for five of them, parsed once. */
  private properties: Map<string, string> | null = null;

  private constructor(
    private readonly pkg: Package,
    private readonly workbookPart: string
  ) {
    this.parseWorkbook();
  }

  /** Opens an .xlsx (or .xlsm/.xltx) file's bytes. Throws WorkbookFileError. */
  static open(bytes: Uint8Array): XlsxWorkbook {
    if (bytes.length >= 8 && CFB_SIGNATURE.every((b, i) => bytes[i] === b)) {
      // An OLE compound file: an encrypted OOXML package or a legacy binary workbook.
      const encrypted = containsUtf16(bytes, "EncryptionInfo");
      throw new WorkbookFileError(
        encrypted ? "password-protected" : "not-a-workbook",
        encrypted ? PASSWORD : OLD_XLS
      );
    }
    if (!startsWithZipSignature(bytes))
      throw new WorkbookFileError("not-a-workbook", NOT_A_WORKBOOK);
    const pkg = Package.fromZip(bytes);
    if (!pkg.has(CONTENT_TYPES_PART)) throw new WorkbookFileError("not-a-workbook", NOT_A_WORKBOOK);
    const main = pkg.relationships("").find((r) => relKind(r.type) === "officeDocument");
    const part =
      main && pkg.has(main.part)
        ? main.part
        : pkg.has("xl/workbook.xml")
          ? "xl/workbook.xml"
          : undefined;
    if (!part) throw new WorkbookFileError("not-a-workbook", NOT_A_WORKBOOK);
    const type = pkg.contentType(part) ?? "";
    if (/\.bin$/i.test(part) || /binary/i.test(type)) {
      throw new WorkbookFileError(
        "not-a-workbook",
        "is an Excel binary workbook (.xlsb): save it as an Excel Workbook (.xlsx) and try again"
      );
    }
    if (/wordprocessingml/i.test(type) || /presentationml/i.test(type)) {
      const what = /word/i.test(type) ? "a Word document" : "a PowerPoint presentation";
      throw new WorkbookFileError("not-a-workbook", `is ${what}, not an Excel workbook (.xlsx)`);
    }
    return new XlsxWorkbook(pkg, part);
  }

  /** A blank, valid package with no sheets yet (add one before saving). */
  static create(): XlsxWorkbook {
    const pkg = Package.empty();
    pkg.write(
      CONTENT_TYPES_PART,
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        `<Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/>` +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/></Types>`
    );
    pkg.write(
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL_TYPE.officeDocument}" Target="xl/workbook.xml"/></Relationships>`
    );
    pkg.write(
      "xl/workbook.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
        "<bookViews><workbookView/></bookViews><sheets/></workbook>"
    );
    pkg.write(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL_TYPE.styles}" Target="styles.xml"/></Relationships>`
    );
    pkg.write("xl/styles.xml", MINIMAL_STYLES_XML);
    return new XlsxWorkbook(pkg, "xl/workbook.xml");
  }

  private parseWorkbook(): void {
    const part = this.workbookPart;
    const text = this.pkg.readText(part);
    const { root, elements } = scanElements(text, part, 2);
    if (root.local !== "workbook") throw new WorkbookFileError("not-a-workbook", NOT_A_WORKBOOK);
    const rels = this.pkg.relationships(part);
    const sheets: SheetEntry[] = [];
    const names: Array<DefinedName & { localSheetId?: number }> = [];
    let section = "";
    for (const el of elements) {
      if (el.depth === 1) {
        section = el.local;
        if (el.local === "workbookPr") {
          const v = attrOf(el, "date1904");
          this.isDate1904 = v === "1" || v === "true";
        }
        continue;
      }
      if (section === "sheets" && el.local === "sheet") {
        const relId = attrOf(el, "id", true) ?? "";
        const rel = rels.find((r) => r.id === relId);
        sheets.push({
          name: attrOf(el, "name") ?? "",
          sheetId: Number(attrOf(el, "sheetId")) || 0,
          relId,
          part: rel?.part ?? "",
          kind: rel ? relKind(rel.type) : "missing",
        });
      } else if (section === "definedNames" && el.local === "definedName") {
        const local = attrOf(el, "localSheetId");
        const hidden = attrOf(el, "hidden");
        names.push({
          name: attrOf(el, "name") ?? "",
          ref: decodeText(text.slice(el.openEnd, el.contentEnd)),
          localSheetId: local === undefined ? undefined : Number(local),
          hidden: hidden === "1" || hidden === "true",
        });
      }
    }
    this.sheets = sheets;
    this.names = names.map(({ localSheetId, ...n }) =>
      localSheetId !== undefined && sheets[localSheetId]
        ? { ...n, localSheet: sheets[localSheetId].name }
        : n
    );
  }

  get date1904(): boolean {
    return this.isDate1904;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  hasSheet(name: string): boolean {
    return this.findSheet(name) !== undefined;
  }

  private findSheet(name: string): SheetEntry | undefined {
    const key = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === key);
  }

  private sheet(name: string): SheetEntry {
    const s = this.findSheet(name);
    if (!s) throw new WorkbookFileError("missing-sheet", `has no sheet named "${name}"`);
    if (s.kind === "worksheet" && !this.pkg.has(s.part)) {
      throw new WorkbookFileError(
        "corrupt",
        `is damaged: the sheet "${s.name}" is missing (${s.part || s.relId})`,
        s.part
      );
    }
    return s;
  }

  /** The values of a sheet (a chart sheet reads as empty). Throws WorkbookFileError. */
  readSheet(name: string): SheetCells {
    const s = this.sheet(name);
    if (s.kind !== "worksheet") return new GridBuilder().build(s.name, []);
    const cached = this.grids.get(s.part);
    if (cached) return cached;
    const grid = readWorksheet(this.pkg.readText(s.part), s.part, s.name, () => this.strings());
    this.grids.set(s.part, grid);
    return grid;
  }

  private strings(): string[] {
    if (this.sharedStrings) return this.sharedStrings;
    const rel = this.pkg
      .relationships(this.workbookPart)
      .find((r) => relKind(r.type) === "sharedStrings");
    this.sharedStrings =
      rel && this.pkg.has(rel.part) ? readSharedStrings(this.pkg.readText(rel.part), rel.part) : [];
    return this.sharedStrings;
  }

  /** Where the text of new sheets goes: the shared string table, created when absent. */
  private stringTable(): SharedStringWriter {
    if (this.stringWriter) return this.stringWriter;
    const strings = this.strings();
    const rel = this.pkg
      .relationships(this.workbookPart)
      .find((r) => relKind(r.type) === "sharedStrings");
    const part = rel?.part ?? this.unusedPart("xl/sharedStrings", ".xml", "xl/sharedStrings.xml");
    const original = rel && this.pkg.has(part) ? this.pkg.readText(part) : undefined;
    this.stringWriter = new SharedStringWriter(part, original, strings);
    return this.stringWriter;
  }

  /** The shared string table with the new sheets' text, its relationship and type if new. */
  private flushSharedStrings(): void {
    const w = this.stringWriter;
    if (!w || !w.changed) return;
    this.pkg.write(w.part, w.xml());
    const rels = this.pkg.relationships(this.workbookPart);
    if (!rels.some((r) => relKind(r.type) === "sharedStrings")) {
      this.pkg.addRelationship(this.workbookPart, REL_TYPE.sharedStrings, w.part);
    }
    if (w.isNew) this.pkg.setContentType(w.part, CONTENT_TYPE.sharedStrings);
  }

  definedNames(): DefinedName[] {
    return this.names.map((n) => ({ ...n }));
  }

  /**
   * Sets a defined name's formula (e.g. "'Outreach Log'!$1:$1"), scoped to the workbook or, with
   * `localSheet`, to that sheet; adds the name when the scope has none of it. Built-in names are
   * written as Excel stores them ("_xlnm.Print_Titles"). Only workbook.xml's <definedNames>
   * changes (created in schema order when absent); a name's other attributes (hidden, comment)
   * stay.
   */
  setDefinedName(name: string, formula: string, localSheet?: string): void {
    checkDefinedName(name);
    if (formula.trim() === "") throw new RangeError(`The defined name "${name}" needs a formula.`);
    const scope = this.nameScope(localSheet);
    const { text, list, found, prefix } = this.locateName(name, scope);
    const content = escapeText(formula);
    let next: string;
    if (found) {
      next = found.selfClosing
        ? splice(
            text,
            found.start,
            found.end,
            `${text.slice(found.start, found.end).replace(/\s*\/>$/, ">")}${content}</${found.prefix}definedName>`
          )
        : splice(text, found.openEnd, found.contentEnd, content);
    } else {
      const scopeAttr = scope === undefined ? "" : ` localSheetId="${scope}"`;
      const entry = `<${prefix}definedName name="${escapeAttr(name)}"${scopeAttr}>${content}</${prefix}definedName>`;
      if (list) next = appendChild(text, list, entry);
      else {
        const { root, elements } = scanElements(text, this.workbookPart);
        const before = elements.find((e) => AFTER_DEFINED_NAMES.includes(e.local));
        const at = before ? before.start : root.contentEnd;
        next = splice(text, at, at, `<${prefix}definedNames>${entry}</${prefix}definedNames>`);
      }
    }
    this.pkg.write(this.workbookPart, next);
    this.parseWorkbook();
  }

  /**
   * Removes a defined name from the workbook's scope or, with `localSheet`, that sheet's (an
   * emptied <definedNames> goes too). Returns whether there was one.
   */
  deleteDefinedName(name: string, localSheet?: string): boolean {
    const scope = this.nameScope(localSheet);
    const { text, list, found, count } = this.locateName(name, scope);
    if (!found || !list) return false;
    const next =
      count === 1
        ? splice(text, list.start, list.end, "")
        : splice(text, found.start, found.end, "");
    this.pkg.write(this.workbookPart, next);
    this.parseWorkbook();
    return true;
  }

  /** The localSheetId of a sheet (its index in workbook.xml's <sheets>), or undefined. */
  private nameScope(localSheet: string | undefined): number | undefined {
    if (localSheet === undefined) return undefined;
    const key = localSheet.toUpperCase();
    const index = this.sheets.findIndex((s) => s.name.toUpperCase() === key);
    if (index < 0)
      throw new RangeError(`There is no sheet named "${localSheet}" to scope a name to.`);
    return index;
  }

  /** workbook.xml, its <definedNames> and the <definedName> of this name in this scope. */
  private locateName(name: string, scope: number | undefined) {
    const text = this.pkg.readText(this.workbookPart);
    const { root, elements } = scanElements(text, this.workbookPart, 2);
    const list = elements.find((e) => e.depth === 1 && e.local === "definedNames");
    const key = name.toUpperCase();
    const entries = list
      ? elements.filter(
          (e) =>
            e.depth === 2 && e.local === "definedName" && e.start > list.start && e.end <= list.end
        )
      : [];
    const found = entries.find(
      (e) =>
        (attrOf(e, "name") ?? "").toUpperCase() === key &&
        (attrOf(e, "localSheetId") === undefined
          ? scope === undefined
          : Number(attrOf(e, "localSheetId")) === scope)
    );
    return { text, list, found, count: entries.length, prefix: root.prefix };
  }

  tables(): TableInfo[] {
    return this.allTables().map((t) => ({
      name: t.name,
      sheet: t.sheet,
      ref: t.ref,
      headerRowCount: t.headerRowCount,
      totalsRowCount: t.totalsRowCount,
      columns: [...t.columns],
    }));
  }

  private allTables(): Array<TableInfo & { part: string }> {
    if (this.tableCache) return this.tableCache;
    const out: Array<TableInfo & { part: string }> = [];
    for (const s of this.sheets) {
      if (s.kind !== "worksheet" || !this.pkg.has(s.part)) continue;
      for (const rel of this.pkg.relationships(s.part)) {
        if (relKind(rel.type) !== "table" || !this.pkg.has(rel.part)) continue;
        const { root, elements } = scanElements(this.pkg.readText(rel.part), rel.part, 2);
        const header = attrOf(root, "headerRowCount");
        out.push({
          name: attrOf(root, "displayName") ?? attrOf(root, "name") ?? "",
          sheet: s.name,
          ref: attrOf(root, "ref") ?? "",
          headerRowCount: header === undefined ? 1 : Number(header),
          totalsRowCount: Number(attrOf(root, "totalsRowCount") ?? 0),
          columns: elements
            .filter((e) => e.depth === 2 && e.local === "tableColumn")
            .map((e) => decodeXstring(attrOf(e, "name") ?? "")),
          part: rel.part,
        });
      }
    }
    this.tableCache = out;
    return out;
  }

  /** Moves a table's last row (for rows appended below it); the header row and columns stay. */
  setTableRef(name: string, ref: string): void {
    const key = name.toUpperCase();
    const t = this.allTables().find((x) => x.name.toUpperCase() === key);
    if (!t) throw new RangeError(`The workbook has no table named "${name}".`);
    const now = parseRange(t.ref);
    const next = parseRange(ref);
    if (
      !now ||
      !next ||
      next.top !== now.top ||
      next.left !== now.left ||
      next.right !== now.right ||
      next.bottom <= next.top
    ) {
      throw new RangeError(
        `Table ${t.name} (${t.ref}) cannot become ${ref}: only its last row can move.`
      );
    }
    let text = this.pkg.readText(t.part);
    const { root, elements } = scanElements(text, t.part);
    const filter = elements.find((e) => e.local === "autoFilter");
    const edits: Array<{ start: number; end: number; text: string }> = [
      {
        start: root.start,
        end: root.openEnd,
        text: setAttributes(text.slice(root.start, root.openEnd), { ref: formatRange(next) }),
      },
    ];
    if (filter) {
      const filterRef = formatRange({ ...next, bottom: next.bottom - t.totalsRowCount });
      edits.push({
        start: filter.start,
        end: filter.openEnd,
        text: setAttributes(text.slice(filter.start, filter.openEnd), { ref: filterRef }),
      });
    }
    for (const e of edits.reverse()) text = splice(text, e.start, e.end, e.text);
    this.pkg.write(t.part, text);
    this.tableCache = null;
  }

  // ------------------------------------------------------------------------------------------
  // Writing

  /** The cell format index for a style, added to styles.xml when new (see patchCells). */
  styleId(spec: StyleSpec): number {
    return this.styles().id(spec);
  }

  private styles(): StyleRegistry {
    if (this.styleRegistry) return this.styleRegistry.registry;
    const rel = this.pkg.relationships(this.workbookPart).find((r) => relKind(r.type) === "styles");
    let part = rel?.part;
    if (!part || !this.pkg.has(part)) {
      part = "xl/styles.xml";
      this.pkg.write(part, MINIMAL_STYLES_XML);
      if (!rel) this.pkg.addRelationship(this.workbookPart, REL_TYPE.styles, part);
      this.pkg.setContentType(part, CONTENT_TYPE.styles);
    }
    const registry = new StyleRegistry(this.pkg.readText(part), part);
    this.styleRegistry = { part, registry };
    return registry;
  }

  /**
   * Writes values into existing or new cells of a worksheet, touching nothing else in it: see
   * patch.ts. Text is stored as text, never as a formula. A patched cell loses its formula; the
   * workbook then asks Excel to recalculate when opened (calcPr fullCalcOnLoad), and when a
   * formula was removed the calculation chain (xl/calcChain.xml) is dropped: Excel rebuilds it,
   * whereas a chain naming a cell without a formula makes Excel "repair" the file.
   */
  patchCells(sheet: string, updates: readonly CellUpdate[]): void {
    const s = this.sheet(sheet);
    if (s.kind !== "worksheet")
      throw new RangeError(`"${s.name}" is a chart sheet: it has no cells.`);
    updates.forEach((u) => this.checkStyleIndex(u.style));
    if (updates.length === 0) return;
    const { xml, formulasRemoved } = patchWorksheetXml(this.pkg.readText(s.part), s.part, updates);
    this.pkg.write(s.part, xml);
    this.grids.delete(s.part);
    if (formulasRemoved) this.removeCalcChain();
    this.setFullCalcOnLoad();
  }

  /**
   * Inserts `count` blank rows before row `at` of a worksheet (or, with a negative count, deletes
   * rows at..at-count-1), moving everything below as Excel does: see row-shift.ts. Formulas on
   * every sheet, defined names, tables, comments, drawings and chart series that point at the
   * moved rows follow them.
   */
  shiftRows(sheet: string, at: number, count: number): void {
    const s = this.sheet(sheet);
    if (s.kind !== "worksheet")
      throw new RangeError(`"${s.name}" is a chart sheet: it has no rows.`);
    if (!Number.isInteger(at) || at < 1 || !Number.isInteger(count))
      throw new RangeError(`Cannot shift rows at ${at} by ${count}.`);
    if (count === 0) return;
    const shift: RowShift = { at, count };
    for (const other of this.sheets) {
      if (other.kind !== "worksheet" || !this.pkg.has(other.part)) continue;
      const before = this.pkg.readText(other.part);
      const after = shiftWorksheetXml(before, other.part, shift, s.name, other === s);
      if (after !== before) {
        this.pkg.write(other.part, after);
        this.grids.delete(other.part);
      }
    }
    for (const rel of this.pkg.relationships(s.part)) {
      if (!this.pkg.has(rel.part)) continue;
      const kind = relKind(rel.type);
      const text = this.pkg.readText(rel.part);
      let next = text;
      if (kind === "comments" || kind === "threadedComment")
        next = shiftCommentsXml(text, rel.part, shift);
      else if (kind === "vmlDrawing" || kind === "drawing")
        next = shiftAnchorsXml(text, rel.part, shift);
      else if (kind === "table") next = this.shiftTableXml(text, rel.part, shift);
      if (next !== text) this.pkg.write(rel.part, next);
    }
    for (const part of this.pkg.parts()) {
      if (!/^xl\/charts\/chart[^/]*\.xml$/i.test(part)) continue;
      const text = this.pkg.readText(part);
      const next = shiftChartXml(text, part, shift, s.name);
      if (next !== text) this.pkg.write(part, next);
    }
    this.shiftDefinedNames(shift, s.name);
    this.tableCache = null;
    this.removeCalcChain();
    this.setFullCalcOnLoad();
  }

  /** A column's width in characters, as the sheet records it (or the default). */
  columnWidth(sheet: string, col: number): number {
    const s = this.sheet(sheet);
    return s.kind === "worksheet" ? columnWidthOf(this.pkg.readText(s.part), s.part, col) : 0;
  }

  /** Merges each range into one cell, leaving merges the sheet has (see merges.ts). */
  mergeCells(sheet: string, ranges: readonly CellRange[]): void {
    const s = this.sheet(sheet);
    if (s.kind !== "worksheet" || ranges.length === 0) return;
    const before = this.pkg.readText(s.part);
    const after = withMerges(before, s.part, ranges);
    if (after !== before) this.pkg.write(s.part, after);
  }

  /** Gives rows a height in points (rows with no cells are left as they are). */
  setRowHeights(sheet: string, heights: ReadonlyMap<number, number>): void {
    const s = this.sheet(sheet);
    if (s.kind !== "worksheet") return;
    const before = this.pkg.readText(s.part);
    const after = withRowHeights(before, s.part, heights);
    if (after !== before) this.pkg.write(s.part, after);
  }

  private shiftTableXml(text: string, part: string, shift: RowShift): string {
    const { root, elements } = scanElements(text, part);
    const edits: Array<{ el: typeof root; ref: string }> = [];
    for (const el of [root, ...elements.filter((e) => e.local === "autoFilter")]) {
      const ref = attrOf(el, "ref");
      const next = ref ? shiftedRef(ref, shift) : null;
      if (ref && next === null)
        throw new RangeError(`Deleting those rows would delete the whole table in ${part}.`);
      if (ref && next && next !== ref) edits.push({ el, ref: next });
    }
    let out = text;
    for (const { el, ref } of edits.sort((a, b) => b.el.start - a.el.start))
      out = splice(
        out,
        el.start,
        el.openEnd,
        setAttributes(out.slice(el.start, el.openEnd), { ref })
      );
    return out;
  }

  private shiftDefinedNames(shift: RowShift, sheetName: string): void {
    const part = this.workbookPart;
    const text = this.pkg.readText(part);
    const { elements } = scanElements(text, part, 2);
    const same = (q: string | undefined): boolean => refersToSheet(q, sheetName);
    let out = text;
    for (const el of elements.filter((e) => e.local === "definedName").reverse()) {
      const before = decodeText(text.slice(el.openEnd, el.contentEnd));
      const after = shiftFormulaRows(before, shift, same);
      if (after !== before) out = splice(out, el.openEnd, el.contentEnd, escapeText(after));
    }
    if (out !== text) {
      this.pkg.write(part, out);
      this.parseWorkbook();
    }
  }

  /** A style index given by the caller must name one of the workbook's cell formats. */
  private checkStyleIndex(style: number | undefined): void {
    if (style === undefined || style === 0) return;
    const count = this.styles().count;
    if (!(Number.isInteger(style) && style > 0 && style < count)) {
      throw new RangeError(
        `Style ${style} does not exist (the workbook has ${count} cell formats).`
      );
    }
  }

  private removeCalcChain(): void {
    for (const rel of this.pkg.relationships(this.workbookPart)) {
      if (relKind(rel.type) !== "calcChain") continue;
      this.pkg.remove(rel.part);
      this.pkg.removeRelationship(this.workbookPart, rel.id);
      this.pkg.removeOverride(rel.part);
    }
  }

  private setFullCalcOnLoad(): void {
    const part = this.workbookPart;
    const text = this.pkg.readText(part);
    const { root, elements } = scanElements(text, part);
    const calcPr = elements.find((e) => e.local === "calcPr");
    if (calcPr) {
      const v = attrOf(calcPr, "fullCalcOnLoad");
      if (v === "1" || v === "true") return;
      const tag = text.slice(calcPr.start, calcPr.openEnd);
      this.pkg.write(
        part,
        splice(text, calcPr.start, calcPr.openEnd, setAttributes(tag, { fullCalcOnLoad: "1" }))
      );
      return;
    }
    const before = elements.find((e) => AFTER_CALC_PR.includes(e.local));
    const at = before ? before.start : root.contentEnd;
    this.pkg.write(part, splice(text, at, at, `<${root.prefix}calcPr fullCalcOnLoad="1"/>`));
  }

  /**
   * The part of a sheet that has a page header and footer (a worksheet or a chart sheet), or
   * undefined for other kinds (dialog and macro sheets).
   */
  private pagedPart(name: string): string | undefined {
    const s = this.sheet(name);
    if (s.kind !== "worksheet" && s.kind !== "chartsheet") return undefined;
    if (!this.pkg.has(s.part)) {
      throw new WorkbookFileError(
        "corrupt",
        `is damaged: the sheet "${s.name}" is missing (${s.part || s.relId})`,
        s.part
      );
    }
    return s.part;
  }

  /**
   * A worksheet's or chart sheet's header and footer codes (see header-footer.ts); undefined for
   * a sheet of another kind, which the add-in leaves alone.
   */
  getHeaderFooter(sheet: string): HeaderFooter | undefined {
    const part = this.pagedPart(sheet);
    return part === undefined ? undefined : readHeaderFooter(this.pkg.readText(part), part);
  }

  /**
   * Sets some of a sheet's header/footer codes ("" removes one): only its `<headerFooter>`
   * element changes (inserted where the schema puts it if the sheet has none); every other byte
   * of the sheet and every other part stay as they were.
   */
  setHeaderFooter(sheet: string, codes: Partial<Record<HeaderFooterKey, string>>): void {
    const part = this.pagedPart(sheet);
    if (part === undefined)
      throw new RangeError(
        `"${sheet}" is neither a worksheet nor a chart sheet: it has no header.`
      );
    const before = this.pkg.readText(part);
    const after = writeHeaderFooter(before, part, codes);
    if (after !== before) this.pkg.write(part, after);
  }

  /** Adds a worksheet at the end, leaving everything else in the workbook as it was. */
  addSheet(spec: WorksheetSpec): void {
    checkSheetName(spec.name);
    if (this.findSheet(spec.name))
      throw new RangeError(`The workbook already has a sheet named "${spec.name}".`);
    const table = spec.table;
    if (table) {
      checkTableName(table.name);
      const key = table.name.toUpperCase();
      if (
        this.allTables().some((t) => t.name.toUpperCase() === key) ||
        this.names.some((n) => n.name.toUpperCase() === key)
      ) {
        throw new RangeError(`The workbook already has a table or name called "${table.name}".`);
      }
    }
    // Where the new <sheet> entry goes, checked before anything changes.
    const { text: workbookXml, prefix: r } = ensureNamespace(
      this.pkg.readText(this.workbookPart),
      this.workbookPart,
      REL_NS,
      "r"
    );
    const { root, elements } = scanElements(workbookXml, this.workbookPart);
    const sheets = elements.find((e) => e.local === "sheets");
    if (!sheets) throw corrupt(this.workbookPart, "has no list of sheets");

    const sheetPart = this.unusedPart("xl/worksheets/sheet", ".xml");
    // The new sheet's own rels hold only its table, which is therefore rId1.
    const xml = worksheetXml(
      spec,
      (style) => {
        if (typeof style !== "number") return style ? this.styleId(style) : undefined;
        this.checkStyleIndex(style);
        return style;
      },
      table ? "rId1" : undefined,
      // Text as shared strings, handed over once every check of the spec has passed.
      (text) => this.stringTable().add(text)
    );

    if (table) {
      const tablePart = this.unusedPart("xl/tables/table", ".xml");
      this.pkg.write(tablePart, tableXml(this.nextTableId(), table));
      this.pkg.setContentType(tablePart, CONTENT_TYPE.table);
      const tableRel = this.pkg.addRelationship(sheetPart, REL_TYPE.table, tablePart);
      if (tableRel !== "rId1") throw new Error(`unexpected relationship id ${tableRel}`);
    }
    this.pkg.write(sheetPart, xml);
    this.pkg.setContentType(sheetPart, CONTENT_TYPE.worksheet);
    const relId = this.pkg.addRelationship(this.workbookPart, REL_TYPE.worksheet, sheetPart);
    const sheetId = Math.max(0, ...this.sheets.map((x) => x.sheetId)) + 1;
    const entry = `<${root.prefix}sheet name="${escapeAttr(spec.name)}" sheetId="${sheetId}" ${r}:id="${relId}"/>`;
    this.pkg.write(this.workbookPart, appendChild(workbookXml, sheets, entry));
    this.sheets.push({ name: spec.name, sheetId, relId, part: sheetPart, kind: "worksheet" });
    this.tableCache = null;
    const titles = spec.print?.titleRows;
    if (titles) this.setDefinedName(PRINT_TITLES, printTitlesFormula(spec.name, titles), spec.name);
  }

  /** A native bar chart on a worksheet the add-in wrote (chart-part.ts has the XML). */
  addChart(sheet: string, spec: BarChartSpec): void {
    const s = this.worksheetEntry(sheet);
    const chartPart = this.unusedPart("xl/charts/chart", ".xml");
    this.pkg.write(chartPart, barChartXml(spec));
    this.pkg.setContentType(chartPart, CHART_CONTENT_TYPE);
    const drawingPart = this.unusedPart("xl/drawings/drawing", ".xml");
    const chartRel = this.pkg.addRelationship(drawingPart, CHART_REL_TYPE, chartPart);
    this.pkg.write(drawingPart, chartDrawingXml(spec, chartRel, spec.title));
    this.pkg.setContentType(drawingPart, DRAWING_CONTENT_TYPE);
    const drawingRel = this.pkg.addRelationship(s.part, DRAWING_REL_TYPE, drawingPart);
    this.pkg.write(s.part, withDrawing(this.pkg.readText(s.part), drawingRel));
    this.grids.delete(s.part);
  }

  /**
   * What a worksheet's page setup sets (see print-setup.ts): orientation, scale and fit from its
   * XML, print area and titles from its sheet-local defined names.
   */
  pageSetup(sheet: string): PageSetupFound {
    const s = this.worksheetEntry(sheet);
    const own = readPageSetup(this.pkg.readText(s.part), s.part);
    const local = this.names.filter((n) => n.localSheet?.toUpperCase() === s.name.toUpperCase());
    const has = (name: string) => local.some((n) => n.name.toUpperCase() === name.toUpperCase());
    return { ...own, printArea: has(PRINT_AREA), printTitles: has(PRINT_TITLES) };
  }

  /**
   * Gives a worksheet this print setup: orientation and fit to one page wide (only those
   * attributes of its XML change) and, when the setup has title rows, its print titles.
   */
  setPrintSetup(sheet: string, setup: PrintSetup): void {
    const s = this.worksheetEntry(sheet);
    const before = this.pkg.readText(s.part);
    const after = writePrintSetup(before, s.part, setup);
    if (after !== before) {
      this.pkg.write(s.part, after);
      this.grids.delete(s.part);
    }
    if (setup.titleRows)
      this.setDefinedName(PRINT_TITLES, printTitlesFormula(s.name, setup.titleRows), s.name);
  }

  private worksheetEntry(sheet: string): SheetEntry {
    const s = this.sheet(sheet);
    if (s.kind !== "worksheet")
      throw new RangeError(`"${s.name}" is not a worksheet: the add-in sets up worksheets only.`);
    return s;
  }

  /** Table ids are unique in the workbook: one more than the largest of every table part. */
  private nextTableId(): number {
    let max = 0;
    for (const p of this.pkg.parts()) {
      if (!/^xl\/tables\/[^/]+\.xml$/i.test(p)) continue;
      max = Math.max(max, Number(attrOf(scanElements(this.pkg.readText(p), p).root, "id")) || 0);
    }
    return max + 1;
  }

  private unusedPart(prefix: string, suffix: string, first?: string): string {
    if (first !== undefined && !this.pkg.has(first)) return first;
    for (let n = 1; ; n++)
      if (!this.pkg.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  getCustomProperty(name: string): string | undefined {
    this.properties ??= customProperties(this.pkg);
    return this.properties.get(name.toLowerCase());
  }

  setCustomProperty(name: string, value: string): void {
    setCustomProperty(this.pkg, name, value);
    this.properties = null;
  }

  /** The workbook as .xlsx bytes. Parts that were not changed keep their exact bytes. */
  save(): Uint8Array {
    if (this.sheets.length === 0)
      throw new Error("A workbook needs at least one sheet: add one before saving.");
    if (this.styleRegistry) {
      const text = this.styleRegistry.registry.flush();
      if (text !== null) this.pkg.write(this.styleRegistry.part, text);
    }
    this.flushSharedStrings();
    return this.pkg.save();
  }
}
