/**
 * The workbook port on the Excel JavaScript API: the same contract as the .xlsx adapter, so the
 * task pane runs the same use cases (app/quarterly.ts, app/log-entry.ts, app/setup.ts) in Excel.
 *
 * Round trips are the cost in Excel (on the web each `context.sync()` is a request to a server),
 * so every operation queues its work in as few requests as it can. But Excel on the web refuses
 * a request or a response over about 5 MB, so a big range goes in blocks of rows: c(cols) =
 * chunkRows(cols) rows of `cols` columns per request (CHUNK_BYTES / (cols x CELL_BYTES), 833 rows
 * of the 12-column log, 666 of the 15-column Combined Log). For a range of R rows:
 *
 *   readSheet          1 + ceil(R / c)      R: the used range's rows (where it is, then its
 *                                           values, a block per sync); 1 if the sheet is empty
 *   writeCells         ceil(R / c)          R: the rows from the first written to the last (a
 *                                           block with no cell written costs nothing)
 *   addSheet           max(1, ceil(R / c))  R: from the sheet's first cell's row to its last;
 *                                           the rest of the description rides on the first
 *   appendTableRows    ceil(R / c)          R: the rows appended; + 1, once, when a new table's
 *                                           blank row is removed
 *   applyPrintSetup    1 to look, + 1 to apply
 *
 * Everything else syncs a fixed number of times, however many rows. Each block is written as
 * 2-D arrays (on an office's sheet one range per run of adjacent cells in a column; on a new
 * sheet one range per block) inside `suspendApiCalculationUntilNextSync()`. CHUNK_BYTES bounds
 * what one request sends: test/office/chunks.test.ts holds every request and response of a
 * 200,000-row Combined Log and log under a quarter of the limit.
 *
 * Text is always stored as text. `range.values` parses what it is given as if it were typed
 * ("=1+1" becomes a formula, "04/15/2007" a date, "007" the number 7), so every text cell gets
 * the Text number format ("@") first, in the same batch: Excel then keeps what is typed as it is,
 * as it does for a cell formatted as Text by hand. Where the host has ExcelApi 1.16, text that
 * begins like a formula (=, +, -, @, tab, CR) or with an apostrophe is also written as a typed
 * string value (`valuesAsJson`, type "String"), which Excel never parses at all.
 */
import { FORMULA_LIKE } from "../core/checks";
import { LINE_KEYS, CHART_LINE, ChartFigures, SECTION } from "../core/chart";
import { columnLetters } from "../core/cell-address";
import { CellValue } from "../core/log";
import { FiscalPeriod, formatPeriod } from "../core/period";
import { CellWrite, NamedRange, SheetGrid, TableRef, WorkbookPort } from "./port";
import type { BlockStep } from "./ownership";
import { MarkSheetsResult, decideMarking, headerSections } from "./marking";
import { CellStyle, LES_HEADER_FOOTER, SheetSpec } from "./sheet-spec";
import { PrintSetup, hasOwnPageSetup, titleRowsRef } from "./print-setup";
import { parseAddress, parseSheetAddress } from "./address";
import { ReadMemo } from "./read-memo";

/** Excel.run, or a stand-in for it (tests pass office-addin-mock's). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeAdapterOptions {
  readonly run?: ExcelRun;
  /** The host has ExcelApi 1.16 (Range.valuesAsJson): formula-like text is written as typed. */
  readonly typedValues?: boolean;
}

/** A document custom property holds at most 255 characters (Excel trims longer values). */
export const CUSTOM_PROPERTY_LIMIT = 255;
/** Where the add-in remembers which cells it highlighted (an add-in setting in the workbook). */
export const HIGHLIGHT_SETTING = "TIPS.Highlight";
/** Excel's own light red "Bad" fill. */
export const HIGHLIGHT_COLOR = "#FFC7CE";
/** The sheet and chart the add-in owns for the picture of the figures. */
export const CHART_SHEET = "Outreach Chart";
export const CHART_NAME = "TIPSOutreachChart";
/** The chart sheet prints as the tables do: landscape, one page wide (it has no header row). */
const CHART_PRINT: PrintSetup = { orientation: "landscape" };

/**
 * The bytes one request or response may carry here: a fifth of Excel on the web's ~5 MB limit,
 * so that a block of long texts still fits. A cell is estimated at CELL_BYTES: its value as JSON
 * (~90 characters of text) and its number format.
 */
export const CHUNK_BYTES = 1_000_000;
export const CELL_BYTES = 100;

/** Rows per request for a range this many columns wide. */
export function chunkRows(columns: number): number {
  return Math.max(1, Math.floor(CHUNK_BYTES / (Math.max(1, columns) * CELL_BYTES)));
}

/** Excel's columns: A to XFD. */
const MAX_COLUMNS = 16384;

/** Excel's quote prefix: typed before text, it is consumed, and what follows stays text. */
const QUOTE_PREFIX = "'";

/**
 * Text that typing would change: formula-like (the one rule, FORMULA_LIKE), or starting with the
 * quote prefix, which Excel would consume.
 */
function changedByTyping(text: string): boolean {
  return FORMULA_LIKE.test(text) || text.startsWith(QUOTE_PREFIX);
}
const TEXT_FORMAT = "@";

export class OfficeAdapterError extends Error {
  override name = "OfficeAdapterError";
}

// ---- A1 addresses ------------------------------------------------------------------------------

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

// ---- Writing cells -----------------------------------------------------------------------------

type WriteValue = string | number | boolean | null;

interface Write {
  readonly row: number;
  readonly col: number;
  readonly value: WriteValue;
  readonly style?: CellStyle;
}

const ALIGN: Record<NonNullable<CellStyle["align"]>, "Left" | "Center" | "Right"> = {
  left: "Left",
  center: "Center",
  right: "Right",
};

function styleKey(style: CellStyle | undefined): string {
  return style === undefined ? "" : JSON.stringify(style);
}

/** The Excel.BorderIndex names as strings (the Excel enums exist only inside Office). */
const Excel_Border = {
  top: "EdgeTop",
  bottom: "EdgeBottom",
  left: "EdgeLeft",
  right: "EdgeRight",
  insideHorizontal: "InsideHorizontal",
  insideVertical: "InsideVertical",
} as unknown as Record<string, Excel.BorderIndex>;

/** A style as the seed describes it, applied to a range: the range takes this style. */
function applyStyle(range: Excel.Range, style: CellStyle, rows: number, cols: number): void {
  const format = range.format;
  format.font.bold = style.bold === true;
  format.font.italic = style.italic === true;
  if (style.size !== undefined) format.font.size = style.size;
  if (style.fill) format.fill.color = `#${style.fill}`;
  else format.fill.clear();
  format.wrapText = style.wrap === true;
  format.horizontalAlignment = style.align ? ALIGN[style.align] : style.indent ? "Left" : "General";
  if (style.indent) format.indentLevel = style.indent;
  if (style.border === "thin") {
    const edges: Excel.BorderIndex[] = [
      Excel_Border.top,
      Excel_Border.bottom,
      Excel_Border.left,
      Excel_Border.right,
    ];
    if (rows > 1) edges.push(Excel_Border.insideHorizontal);
    if (cols > 1) edges.push(Excel_Border.insideVertical);
    for (const edge of edges) {
      const border = format.borders.getItem(edge);
      border.style = "Continuous";
      border.weight = "Thin";
    }
  }
}

/**
 * The writes in blocks of whole rows, chunkRows(columns spanned) rows each, top to bottom (one
 * pass; empty blocks left out). Each block is one request.
 */
function rowBlocks<W extends { readonly row: number; readonly col: number }>(
  writes: readonly W[]
): W[][] {
  if (writes.length === 0) return [];
  let top = Infinity;
  let left = Infinity;
  let right = 0;
  for (const w of writes) {
    if (w.row < top) top = w.row;
    if (w.col < left) left = w.col;
    if (w.col > right) right = w.col;
  }
  const step = chunkRows(right - left + 1);
  // Cells in row order (a sheet description's are) are cut into slices; others are sorted out.
  let sorted = true;
  for (let i = 1; i < writes.length && sorted; i++) sorted = writes[i - 1].row <= writes[i].row;
  const blocks: W[][] = [];
  if (!sorted) {
    for (const w of writes) (blocks[Math.floor((w.row - top) / step)] ??= []).push(w);
    return blocks.filter((b) => b !== undefined);
  }
  let start = 0;
  let end = top + step; // the first row past the current block
  for (let i = 0; i < writes.length; i++) {
    const row = writes[i].row;
    if (row < end) continue;
    if (i > start) blocks.push(writes.slice(start, i));
    start = i;
    end = top + (Math.floor((row - top) / step) + 1) * step;
  }
  blocks.push(writes.slice(start));
  return blocks;
}

/**
 * Queue the writes on a sheet: one range per run of adjacent rows in a column, each given its
 * number formats and values as 2-D blocks, styles applied per run of equal style.
 */
function queueWrites(sheet: Excel.Worksheet, writes: readonly Write[], typedValues: boolean): void {
  // The last write to a cell wins; then by column and row, so runs are adjacent cells.
  const byCell = new Map<number, Write>();
  for (const w of writes) byCell.set(w.row * MAX_COLUMNS + w.col, w);
  const sorted = [...byCell.values()].sort((a, b) => a.col - b.col || a.row - b.row);
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (
      j < sorted.length &&
      sorted[j].col === sorted[i].col &&
      sorted[j].row === sorted[j - 1].row + 1
    )
      j++;
    queueRun(sheet, sorted.slice(i, j), typedValues);
    i = j;
  }
}

/**
 * Queue the writes on a new sheet, where nothing of an office's can be in the way, as one
 * rectangle: its number formats and its values as two 2-D arrays (null where no cell is
 * written: Excel leaves it), then styles per run of equal style in a column. A block of 666 rows
 * of the Combined Log is a handful of commands rather than one per column and style.
 */
function queueRectangle(
  sheet: Excel.Worksheet,
  writes: readonly Write[],
  typedValues: boolean
): void {
  if (writes.length === 0) return;
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  for (const w of writes) {
    if (w.row < top) top = w.row;
    if (w.row > bottom) bottom = w.row;
    if (w.col < left) left = w.col;
    if (w.col > right) right = w.col;
  }
  const rows = bottom - top + 1;
  const cols = right - left + 1;
  const grid = (): (WriteValue | string)[][] =>
    Array.from({ length: rows }, () => new Array<WriteValue | string>(cols).fill(null));
  const values = grid();
  const formats = grid();
  const styles: (CellStyle | undefined)[][] = Array.from({ length: rows }, () => []);
  const typed: { r: number; c: number; text: string }[] = [];
  for (const w of writes) {
    const r = w.row - top;
    const c = w.col - left;
    const input = cellInput(w.value, typedValues);
    if (input === TYPED) typed.push({ r, c, text: w.value as string });
    values[r][c] = input === TYPED ? null : input;
    formats[r][c] = typeof w.value === "string" ? TEXT_FORMAT : (w.style?.numFmt ?? null);
    styles[r][c] = w.style;
  }
  const range = sheet.getRangeByIndexes(top - 1, left - 1, rows, cols);
  range.numberFormat = formats;
  range.values = values;
  for (const t of typed) {
    range.getCell(t.r, t.c).valuesAsJson = [
      [{ type: "String", basicValue: t.text } as Excel.StringCellValue],
    ];
  }
  for (let c = 0; c < cols; c++) {
    let s = 0;
    while (s < rows) {
      const style = styles[s][c];
      let e = s + 1;
      while (e < rows && sameStyle(styles[e][c], style)) e++;
      if (style)
        applyStyle(sheet.getRangeByIndexes(top - 1 + s, left - 1 + c, e - s, 1), style, e - s, 1);
      s = e;
    }
  }
}

const sameStyle = (a: CellStyle | undefined, b: CellStyle | undefined): boolean =>
  a === b || styleKey(a) === styleKey(b);

const TYPED = Symbol("typed");

/**
 * What goes into `range.values` for a value: "" clears a cell; text that a typed entry would
 * change is either written typed afterwards (TYPED, left unchanged here) or, without
 * ExcelApi 1.16, given the quote prefix Excel consumes on entry ("'" + "'abc" keeps "'abc").
 */
function cellInput(value: WriteValue, typedValues: boolean): WriteValue | typeof TYPED {
  if (value === null) return "";
  if (typeof value !== "string") return value;
  if (typedValues && changedByTyping(value)) return TYPED;
  return value.startsWith(QUOTE_PREFIX) ? QUOTE_PREFIX + value : value;
}

function queueRun(sheet: Excel.Worksheet, run: readonly Write[], typedValues: boolean): void {
  const top = run[0].row;
  const col = run[0].col;
  const range = sheet.getRangeByIndexes(top - 1, col - 1, run.length, 1);
  // Formats first: a text cell is Text ("@") before its value arrives; null leaves a cell's own.
  range.numberFormat = run.map((w) => [
    typeof w.value === "string" ? TEXT_FORMAT : (w.style?.numFmt ?? null),
  ]);
  const typed: { index: number; text: string }[] = [];
  range.values = run.map((w, index) => {
    const input = cellInput(w.value, typedValues);
    if (input === TYPED) typed.push({ index, text: w.value as string });
    return [input === TYPED ? null : input];
  });
  for (const t of typed) {
    const cell = sheet.getRangeByIndexes(top - 1 + t.index, col - 1, 1, 1);
    cell.valuesAsJson = [[{ type: "String", basicValue: t.text } as Excel.StringCellValue]];
  }
  // Styles, one range per run of cells with the same style.
  let s = 0;
  while (s < run.length) {
    let e = s + 1;
    while (e < run.length && sameStyle(run[e].style, run[s].style)) e++;
    const style = run[s].style;
    if (style) applyStyle(sheet.getRangeByIndexes(top - 1 + s, col - 1, e - s, 1), style, e - s, 1);
    s = e;
  }
}

/**
 * Queue rows added at the bottom of a table: blank rows, then as 2-D blocks their formats (text
 * as text) and their values. Returns the table's last row.
 */
function queueAppend(
  t: Excel.Table,
  rows: readonly (readonly (string | number | null)[])[],
  typedValues: boolean
): Excel.Range {
  const n = rows.length;
  t.rows.add(
    undefined,
    rows.map((r) => r.map(() => ""))
  );
  const lastRow = t.getDataBodyRange().getLastRow();
  const added = lastRow.getOffsetRange(-(n - 1), 0).getResizedRange(n - 1, 0);
  added.numberFormat = rows.map((r) =>
    r.map((v) => (typeof v === "string" && v !== "" ? TEXT_FORMAT : null))
  );
  const typed: { r: number; c: number; text: string }[] = [];
  added.values = rows.map((r, i) =>
    r.map((v, j) => {
      const input = cellInput(v, typedValues);
      if (input === TYPED) typed.push({ r: i, c: j, text: v as string });
      return input === TYPED ? null : input;
    })
  );
  for (const x of typed) {
    added.getCell(x.r, x.c).valuesAsJson = [
      [{ type: "String", basicValue: x.text } as Excel.StringCellValue],
    ];
  }
  return lastRow;
}

/** Excel's column width is in points; a SheetSpec's (as in a file) is in characters. */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** The inverse of columnWidthPoints: Excel's points back to characters. */
export function columnWidthChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);
}

function rowRuns(rows: readonly number[]): [number, number][] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/** What the add-in remembers of a highlight, so clearing it restores exactly those cells. */
export interface HighlightRecord {
  readonly sheet: string;
  readonly left: number;
  readonly right: number;
  readonly runs: [number, number][];
  /** Cells that had a fill of their own before: "row:col" -> "#RRGGBB". */
  readonly previous: Record<string, string>;
}

function isHighlightRecord(v: unknown): v is HighlightRecord {
  const r = v as HighlightRecord;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.sheet === "string" &&
    Array.isArray(r.runs) &&
    typeof r.left === "number" &&
    typeof r.right === "number"
  );
}

const sameColor = (a: unknown, b: string): boolean =>
  typeof a === "string" && a.toUpperCase() === b.toUpperCase();
/** A cell without a fill of its own reads as white. */
const NO_FILL = "#FFFFFF";

// ---- The adapter -------------------------------------------------------------------------------

export class OfficeAdapter implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly typedValues: boolean;
  private cached1904: boolean | undefined;
  /** The worksheet rows the last appendTableRows wrote, for the pane's message. */
  lastAppend: { sheet: string; top: number; bottom: number } | undefined;

  constructor(options: OfficeAdapterOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.typedValues = options.typedValues ?? false;
  }

  /** Reads remembered during one action (see `within`), by what they read. */
  private memo: ReadMemo | undefined;

  /**
   * Run one action of the pane (a check, a fill) with its reads remembered: the use cases look
   * at the same sheets and tables more than once (the log, the report, the settings), and in
   * Excel each look is a round trip. Writes forget what they change. Nothing is kept after.
   */
  async within<T>(action: () => Promise<T>): Promise<T> {
    if (this.memo) return action();
    this.memo = new ReadMemo();
    try {
      await this.prefetch();
      return await action();
    } finally {
      this.memo = undefined;
    }
  }

  /**
   * What every use case asks first, in two syncs: the sheet names, the tables (with their sheets
   * and ranges), every document property, and the date system.
   */
  private async prefetch(): Promise<void> {
    const memo = this.memo;
    if (!memo) return;
    const found = await this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const tables = context.workbook.tables;
      tables.load("items/name");
      const properties = context.workbook.properties.custom;
      properties.load("items/key,items/value");
      const probe =
        this.cached1904 === undefined ? context.workbook.functions.date(1904, 1, 1) : undefined;
      probe?.load("value");
      await context.sync();
      const located = queueTableRefs(tables);
      await context.sync();
      if (probe) this.cached1904 = probe.value === 0;
      const settings = new Map<string, string>();
      for (const p of properties.items) {
        const value: unknown = p.value;
        if (value !== null && value !== undefined) settings.set(p.key.toLowerCase(), String(value));
      }
      return {
        names: sheets.items.map((s) => s.name),
        tables: located(),
        settings,
      };
    });
    memo.know("sheets", found.names);
    memo.know("tables", found.tables);
    memo.know("settings", found.settings);
  }

  /** Outside an action, every read goes to Excel. */
  private remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.memo ? this.memo.remember(key, read) : read();
  }

  private forget(...keys: string[]): void {
    this.memo?.forget(...keys);
  }

  /**
   * The date system. @types/office-js has no Workbook.use1904DateSystem in a released
   * requirement set, so ask Excel itself: DATE(1904,1,1) is serial 0 in the 1904 system and 1462
   * in the 1900 system (one sync, once per adapter).
   */
  async date1904(): Promise<boolean> {
    if (this.cached1904 === undefined) {
      this.cached1904 = await this.run(async (context) => {
        const probe = context.workbook.functions.date(1904, 1, 1);
        probe.load("value");
        await context.sync();
        return probe.value === 0;
      });
    }
    return this.cached1904;
  }

  async sheetNames(): Promise<string[]> {
    return this.remember("sheets", () => this.readSheetNames());
  }

  private readSheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async readSheet(sheet: string): Promise<SheetGrid> {
    return this.remember(`sheet:${sheet.toLowerCase()}`, () => this.readUsedRange(sheet));
  }

  private readUsedRange(sheet: string): Promise<SheetGrid> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      ws.load("name");
      await context.sync();
      if (used.isNullObject) return { sheet: ws.name, values: [], top: 1, left: 1 };
      const { rowIndex, columnIndex, rowCount, columnCount } = used;
      const values: CellValue[][] = new Array<CellValue[]>(rowCount);
      const step = chunkRows(columnCount);
      for (let at = 0; at < rowCount; at += step) {
        const n = Math.min(step, rowCount - at);
        const block = ws.getRangeByIndexes(rowIndex + at, columnIndex, n, columnCount);
        block.load("values");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one block per request: each stays under the payload limit
        await context.sync();
        const rows = block.values;
        for (let i = 0; i < n; i++)
          values[at + i] = rows[i].map((v: unknown): CellValue =>
            v === "" ? null : (v as CellValue)
          );
      }
      return { sheet: ws.name, values, top: rowIndex + 1, left: columnIndex + 1 };
    });
  }

  async tables(): Promise<TableRef[]> {
    return this.remember("tables", () => this.readTables());
  }

  private readTables(): Promise<TableRef[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name");
      await context.sync();
      const located = queueTableRefs(tables);
      await context.sync();
      return located();
    });
  }

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    this.forget(`sheet:${sheet.toLowerCase()}`);
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      for (const block of rowBlocks(writes)) {
        context.application.suspendApiCalculationUntilNextSync();
        queueWrites(ws, block, this.typedValues);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one block per request: each stays under the payload limit
        await context.sync();
      }
    });
  }

  /** Column widths in characters, from Excel's points: one sync. */
  async columnWidths(sheet: string, from: number, to: number): Promise<number[]> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const formats: Excel.RangeFormat[] = [];
      for (let c = from; c <= to; c++) {
        // A navigation to the range's format object, not a read of a loaded property.
        // eslint-disable-next-line office-addins/load-object-before-read
        const format = ws.getRangeByIndexes(0, c - 1, 1, 1).format;
        format.load("columnWidth");
        formats.push(format);
      }
      await context.sync();
      return formats.map((f) => columnWidthChars(f.columnWidth));
    });
  }

  /** Workbook-scoped names and the cells each names: two syncs, whatever their number. */
  async namedRanges(prefix: string): Promise<NamedRange[]> {
    return this.remember(`names:${prefix.toLowerCase()}`, () =>
      this.run(async (context) => {
        const names = context.workbook.names;
        names.load("items/name");
        await context.sync();
        const key = prefix.toUpperCase();
        const mine = names.items.filter((n) => n.name.toUpperCase().startsWith(key));
        const ranges = mine.map((n) => {
          const r = n.getRangeOrNullObject();
          r.load("address");
          return r;
        });
        await context.sync();
        return mine.map((n, i) => {
          const r = ranges[i];
          const range = r.isNullObject ? undefined : parseSheetAddress(r.address);
          return range ? { name: n.name, range } : { name: n.name };
        });
      })
    );
  }

  /**
   * A fill's block steps in one batch, in their order: whole rows inserted (Range.insert Down)
   * or deleted (Range.delete Up), cells written, bullets merged, row heights, names replaced.
   * Two syncs: one to learn which of the names exist, one for all the rest.
   */
  async applyBlockSteps(sheet: string, steps: readonly BlockStep[]): Promise<void> {
    if (steps.length === 0) return;
    this.forget(`sheet:${sheet.toLowerCase()}`, "tables", "names");
    await this.run(async (context) => {
      const names = context.workbook.names;
      names.load("items/name");
      await context.sync();
      const existing = new Set(names.items.map((n) => n.name.toUpperCase()));
      const ws = context.workbook.worksheets.getItem(sheet);
      const box = (b: { top: number; left: number; bottom: number; right: number }) =>
        ws.getRangeByIndexes(b.top - 1, b.left - 1, b.bottom - b.top + 1, b.right - b.left + 1);
      context.application.suspendApiCalculationUntilNextSync();
      for (const step of steps) {
        if (step.kind === "shift") {
          const rows = ws.getRange(`${step.at}:${step.at + Math.abs(step.count) - 1}`);
          if (step.count > 0) rows.insert("Down");
          else rows.delete("Up");
        } else if (step.kind === "write") {
          queueWrites(ws, step.writes, this.typedValues);
          for (const m of step.merges) box(m).merge(false);
          for (const { row, height } of step.heights)
            ws.getRangeByIndexes(row - 1, 0, 1, 1).getEntireRow().format.rowHeight = height;
        } else {
          const key = step.name.toUpperCase();
          if (existing.has(key)) names.getItem(step.name).delete();
          existing.delete(key);
          if (step.block) {
            names.add(step.name, box(step.block));
            existing.add(key);
          }
        }
      }
      await context.sync();
    });
  }

  /**
   * Render a sheet description with the Excel API: the sheet, its first block of rows and all
   * the rest of its description (widths, merges, drop-downs, table, header, print setup) in one
   * request, then one request per further block of rows.
   */
  async addSheet(spec: SheetSpec): Promise<void> {
    this.forget("sheets", "tables", `sheet:${spec.name.toLowerCase()}`);
    await this.run(async (context) => {
      const [first = [], ...rest] = rowBlocks(spec.cells);
      context.application.suspendApiCalculationUntilNextSync();
      const ws = context.workbook.worksheets.add(spec.name);
      // The header row is in the first block, written before the table is made over it.
      queueRectangle(ws, first, this.typedValues);
      for (const { col, width } of spec.columnWidths ?? []) {
        ws.getRangeByIndexes(0, col - 1, 1, 1).getEntireColumn().format.columnWidth =
          columnWidthPoints(width);
      }
      for (const { row, height } of spec.rowHeights ?? [])
        ws.getRangeByIndexes(row - 1, 0, 1, 1).getEntireRow().format.rowHeight = height;
      for (const ref of spec.merges ?? []) ws.getRange(ref).merge(false);
      for (const v of spec.dataValidations ?? []) {
        ws.getRange(v.ref).dataValidation.rule = {
          list: { inCellDropDown: true, source: v.list.join(",") },
        };
      }
      if (spec.table) {
        const table = ws.tables.add(ws.getRange(spec.table.ref), true);
        table.name = spec.table.name;
        if (spec.table.style) table.style = spec.table.style;
      }
      if (spec.headerFooter) setHeaderFooter(ws, spec.headerFooter);
      if (spec.print) queuePrintSetup(ws.pageLayout, spec.print);
      if (spec.freeze) {
        const rows = spec.freeze.row - 1;
        const cols = spec.freeze.col - 1;
        if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
        else if (rows > 0) ws.freezePanes.freezeRows(rows);
        else if (cols > 0) ws.freezePanes.freezeColumns(cols);
      }
      await context.sync();
      for (const block of rest) {
        context.application.suspendApiCalculationUntilNextSync();
        queueRectangle(ws, block, this.typedValues);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one block per request: each stays under the payload limit
        await context.sync();
      }
    });
  }

  /**
   * Append rows below a table's last row, a block of rows per sync (see the header). A new table
   * starts with one blank body row; when that blank row is the one right above the new rows it
   * is removed (one more sync, once), so that the log reads as the file adapter leaves it, with
   * no blank row at its top.
   */
  async appendTableRows(
    table: string,
    rows: readonly (readonly (string | number | null)[])[]
  ): Promise<void> {
    if (rows.length === 0) return;
    this.forget("tables", "sheet");
    let width = 1;
    for (const r of rows) if (r.length > width) width = r.length;
    const step = chunkRows(width);
    await this.run(async (context) => {
      const t = context.workbook.tables.getItem(table);
      const ws = context.workbook.tables.getItem(table).worksheet;
      const n = Math.min(step, rows.length);
      context.application.suspendApiCalculationUntilNextSync();
      const lastRow = queueAppend(t, rows.slice(0, n), this.typedValues);
      const body = t.getDataBodyRange();
      const above = lastRow.getOffsetRange(-n, 0);
      above.load("values,rowIndex");
      body.load("rowIndex,rowCount");
      ws.load("name");
      await context.sync();
      for (let at = n; at < rows.length; at += step) {
        context.application.suspendApiCalculationUntilNextSync();
        queueAppend(t, rows.slice(at, at + step), this.typedValues);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one block per request: each stays under the payload limit
        await context.sync();
      }
      const blankAbove =
        body.rowCount > n && above.values[0].every((v: unknown) => v === "" || v === null);
      let top = body.rowIndex + body.rowCount - n + 1;
      if (blankAbove) {
        t.rows.getItemAt(body.rowCount - n - 1).delete();
        await context.sync();
        top -= 1;
      }
      this.lastAppend = { sheet: ws.name, top, bottom: top + rows.length - 1 };
    });
  }

  /**
   * The rule of print-setup.ts over what Excel says of the sheet's page layout (orientation,
   * zoom, print area, print titles): one sync to look, and one more to apply.
   */
  async applyPrintSetup(sheet: string, setup: PrintSetup): Promise<boolean> {
    return this.run(async (context) => {
      const layout = context.workbook.worksheets.getItem(sheet).pageLayout;
      layout.load("orientation,zoom");
      const area = layout.getPrintAreaOrNullObject();
      const rows = layout.getPrintTitleRowsOrNullObject();
      const cols = layout.getPrintTitleColumnsOrNullObject();
      for (const r of [area, rows, cols]) r.load("address");
      await context.sync();
      // A sheet never set up reads as portrait at { scale: 100 }; fit to pages as
      // { horizontalFitToPages, verticalFitToPages } with no scale.
      const zoom = layout.zoom;
      const scaled = typeof zoom.scale === "number";
      const own = hasOwnPageSetup({
        landscape: layout.orientation === "Landscape",
        scale: scaled ? (zoom.scale as number) : 100,
        fitToPages:
          !scaled &&
          (typeof zoom.horizontalFitToPages === "number" ||
            typeof zoom.verticalFitToPages === "number"),
        printArea: !area.isNullObject,
        printTitles: !rows.isNullObject || !cols.isNullObject,
      });
      if (own) return false;
      queuePrintSetup(layout, setup);
      await context.sync();
      return true;
    });
  }

  async getSetting(key: string): Promise<string | undefined> {
    const all = this.memo?.peek<Map<string, string>>("settings");
    if (all) return (await all).get(key.toLowerCase());
    return this.remember(`setting:${key.toLowerCase()}`, () => this.readSetting(key));
  }

  private readSetting(key: string): Promise<string | undefined> {
    return this.run(async (context) => {
      const property = context.workbook.properties.custom.getItemOrNullObject(key);
      property.load("value");
      await context.sync();
      if (property.isNullObject) return undefined;
      const value: unknown = property.value;
      return value === null || value === undefined ? undefined : String(value);
    });
  }

  async setSetting(key: string, value: string): Promise<void> {
    if (value.length > CUSTOM_PROPERTY_LIMIT) {
      throw new OfficeAdapterError(
        `the setting ${key} is ${value.length} characters long; a document property holds at most ${CUSTOM_PROPERTY_LIMIT}.`
      );
    }
    this.forget("settings", `setting:${key.toLowerCase()}`);
    await this.run(async (context) => {
      context.workbook.properties.custom.add(key, value);
      await context.sync();
    });
  }

  // ---- What only Excel does ----------------------------------------------------------------------

  /** Go to a cell: activate its sheet and select it (one sync). */
  async selectCell(sheet: string, address: string): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  /**
   * Fill these rows' cells (columns left..right) with the highlight colour, remembering in an
   * add-in setting which cells were filled and the fills of their own they had, so that
   * clearHighlight restores exactly those. A highlight already there is cleared first.
   * Three syncs, however many rows.
   */
  async highlightRows(sheet: string, rows: readonly number[], left: number, right: number) {
    return this.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(HIGHLIGHT_SETTING);
      setting.load("value");
      await context.sync();
      const old = setting.isNullObject ? undefined : parseRecord(setting.value);
      const runs = rowRuns(rows);
      const ws = context.workbook.worksheets.getItem(sheet);
      const width = right - left + 1;
      const oldFills = old ? queueFillReads(context, old) : [];
      const newFills = runs.map(([top, bottom]) =>
        ws
          .getRangeByIndexes(top - 1, left - 1, bottom - top + 1, width)
          .getCellProperties({ format: { fill: { color: true } } })
      );
      await context.sync();
      context.application.suspendApiCalculationUntilNextSync();
      const restored = old ? queueRestore(context, old, oldFills) : new Map<string, string>();
      const previous: Record<string, string> = {};
      runs.forEach(([top], k) => {
        newFills[k].value.forEach((cells, i) =>
          cells.forEach((cell, j) => {
            const key = `${top + i}:${left + j}`;
            const before = restored.has(key) ? restored.get(key) : cell.format?.fill?.color;
            if (before && !sameColor(before, NO_FILL) && !sameColor(before, HIGHLIGHT_COLOR))
              previous[key] = before;
          })
        );
        ws.getRangeByIndexes(top - 1, left - 1, runs[k][1] - top + 1, width).format.fill.color =
          HIGHLIGHT_COLOR;
      });
      const record: HighlightRecord = { sheet, left, right, runs, previous };
      context.workbook.settings.add(HIGHLIGHT_SETTING, JSON.stringify(record));
      await context.sync();
      return rows.length;
    });
  }

  /**
   * Undo the highlight: cells still in the highlight colour get back the fill they had (or none);
   * a cell the user has recoloured since is left alone. Returns how many rows were cleared.
   */
  async clearHighlight(): Promise<number> {
    return this.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(HIGHLIGHT_SETTING);
      setting.load("value");
      await context.sync();
      const old = setting.isNullObject ? undefined : parseRecord(setting.value);
      if (!old) return 0;
      const fills = queueFillReads(context, old);
      await context.sync();
      context.application.suspendApiCalculationUntilNextSync();
      queueRestore(context, old, fills);
      context.workbook.settings.getItem(HIGHLIGHT_SETTING).delete();
      await context.sync();
      return old.runs.reduce((n, [top, bottom]) => n + bottom - top + 1, 0);
    });
  }

  /** Which cells are highlighted now (for the pane), from the add-in's setting. */
  async highlighted(): Promise<HighlightRecord | undefined> {
    return this.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(HIGHLIGHT_SETTING);
      setting.load("value");
      await context.sync();
      return setting.isNullObject ? undefined : parseRecord(setting.value);
    });
  }

  /**
   * The figures as a native Excel chart: a small range the add-in owns on its own sheet (line,
   * Quarter, Cumulative) and a clustered bar chart over it. Made once, then only its numbers are
   * rewritten. Two syncs the first time, three after (the chart is looked for, and made again if
   * it was deleted).
   */
  async drawChart(period: FiscalPeriod, figures: ChartFigures): Promise<void> {
    this.forget("sheets", `sheet:${CHART_SHEET.toLowerCase()}`);
    await this.run(async (context) => {
      const existing = context.workbook.worksheets.getItemOrNullObject(CHART_SHEET);
      existing.load("name");
      await context.sync();
      context.application.suspendApiCalculationUntilNextSync();
      const fresh = existing.isNullObject;
      const ws = fresh ? context.workbook.worksheets.add(CHART_SHEET) : existing;
      const rows = chartRows(period, figures);
      const data = ws.getRangeByIndexes(0, 0, rows.length, 3);
      data.numberFormat = rows.map((_, i) => [
        TEXT_FORMAT,
        i === 0 ? TEXT_FORMAT : "0",
        i === 0 ? TEXT_FORMAT : "0",
      ]);
      data.values = rows;
      const title = `Human Trafficking Outreach, ${formatPeriod(period)}`;
      if (fresh) {
        setHeaderFooter(ws, LES_HEADER_FOOTER);
        queuePrintSetup(ws.pageLayout, CHART_PRINT);
        ws.getRangeByIndexes(0, 0, 1, 3).format.font.bold = true;
        ws.getRangeByIndexes(0, 0, 1, 1).getEntireColumn().format.columnWidth =
          columnWidthPoints(34);
        addChart(ws, data, title);
        await context.sync();
        return;
      }
      const charts = ws.charts;
      charts.load("items/name");
      await context.sync();
      const chart = charts.items.find((c) => c.name === CHART_NAME);
      if (chart) chart.title.text = title;
      else addChart(ws, data, title);
      await context.sync();
    });
  }

  /**
   * The LES/FOUO marking in every sheet's header and footer, by the rule of marking.ts: a
   * section that already holds something is left as it is (and the sheet reported). Three syncs.
   */
  async markSheets(): Promise<MarkSheetsResult> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      const hfs = sheets.items.map((ws) => {
        const hf = ws.pageLayout.headersFooters.defaultForAllPages;
        hf.load("leftHeader,centerHeader,rightHeader,leftFooter,centerFooter,rightFooter");
        return { ws, hf };
      });
      await context.sync();
      const result: MarkSheetsResult = { marked: [], already: [], occupied: [] };
      for (const { ws, hf } of hfs) {
        const now = {
          header: { left: hf.leftHeader, center: hf.centerHeader, right: hf.rightHeader },
          footer: { left: hf.leftFooter, center: hf.centerFooter, right: hf.rightFooter },
        };
        const next = decideMarking(now);
        for (const [field, part, k] of HEADER_FOOTER_FIELDS) {
          if (next[part][k] !== now[part][k]) hf[field] = next[part][k];
        }
        result[next.verdict].push(ws.name);
      }
      await context.sync();
      return result;
    });
  }
}

/** The Excel API's six header/footer properties, and the section of the marking rule each is. */
const HEADER_FOOTER_FIELDS = [
  ["leftHeader", "header", "left"],
  ["centerHeader", "header", "center"],
  ["rightHeader", "header", "right"],
  ["leftFooter", "footer", "left"],
  ["centerFooter", "footer", "center"],
  ["rightFooter", "footer", "right"],
] as const;

function parseRecord(value: unknown): HighlightRecord | undefined {
  try {
    const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
    return isHighlightRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function recordRange(
  context: Excel.RequestContext,
  record: HighlightRecord,
  run: [number, number]
) {
  return context.workbook.worksheets
    .getItem(record.sheet)
    .getRangeByIndexes(
      run[0] - 1,
      record.left - 1,
      run[1] - run[0] + 1,
      record.right - record.left + 1
    );
}

function queueFillReads(context: Excel.RequestContext, record: HighlightRecord) {
  return record.runs.map((run) =>
    recordRange(context, record, run).getCellProperties({ format: { fill: { color: true } } })
  );
}

/**
 * Give the recorded cells that still show the highlight colour their own fill back. Returns the
 * fill each restored cell now has ("row:col" -> colour, "" for none).
 */
function queueRestore(
  context: Excel.RequestContext,
  record: HighlightRecord,
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]>[]
): Map<string, string> {
  const restored = new Map<string, string>();
  const ws = context.workbook.worksheets.getItem(record.sheet);
  record.runs.forEach((run, k) => {
    const cells = fills[k].value;
    const allOurs = cells.every((row) =>
      row.every((c) => sameColor(c.format?.fill?.color, HIGHLIGHT_COLOR))
    );
    const anyPrevious = cells.some((row, i) =>
      row.some((_, j) => record.previous[`${run[0] + i}:${record.left + j}`] !== undefined)
    );
    if (allOurs && !anyPrevious) {
      recordRange(context, record, run).format.fill.clear();
      cells.forEach((row, i) =>
        row.forEach((_, j) => restored.set(`${run[0] + i}:${record.left + j}`, ""))
      );
      return;
    }
    cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!sameColor(c.format?.fill?.color, HIGHLIGHT_COLOR)) return;
        const key = `${run[0] + i}:${record.left + j}`;
        const cell = ws.getRangeByIndexes(run[0] + i - 1, record.left + j - 1, 1, 1);
        const before = record.previous[key];
        if (before) cell.format.fill.color = before;
        else cell.format.fill.clear();
        restored.set(key, before ?? "");
      })
    );
  });
  return restored;
}

/** Orientation, one page wide and as many tall as needed, the title rows on every page. */
function queuePrintSetup(layout: Excel.PageLayout, setup: PrintSetup): void {
  layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
  // 0 pages tall: as many as the rows need (as fitToHeight="0" in the file format).
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (setup.titleRows) layout.setPrintTitleRows(titleRowsRef(setup.titleRows));
}

function setHeaderFooter(ws: Excel.Worksheet, hf: { oddHeader: string; oddFooter: string }): void {
  const header = headerSections(hf.oddHeader);
  const footer = headerSections(hf.oddFooter);
  const target = ws.pageLayout.headersFooters.defaultForAllPages;
  target.leftHeader = header.left;
  target.centerHeader = header.center;
  target.rightHeader = header.right;
  target.leftFooter = footer.left;
  target.centerFooter = footer.center;
  target.rightFooter = footer.right;
}

/** The helper range: a header row, then one row per chart line (section and label). */
export function chartRows(period: FiscalPeriod, figures: ChartFigures): (string | number)[][] {
  // Not "Quarter"/"Cumulative" alone: this sheet must never be taken for the report's chart.
  const header = ["Line", formatPeriod(period), `Cumulative FY${period.fiscalYear}`];
  return [
    header,
    ...LINE_KEYS.map((k) => {
      const line = CHART_LINE[k];
      const section = line.section === "ngo" ? "NGO" : SECTION.le;
      const label = line.label.replace(/^\d+\.\s*/, "");
      return [
        `${section}: ${line.training ? "Training, " : ""}${label}`,
        figures.quarter[k],
        figures.cumulative[k],
      ];
    }),
  ];
}

function addChart(ws: Excel.Worksheet, data: Excel.Range, title: string): void {
  const chart = ws.charts.add("BarClustered", data, "Columns");
  chart.name = CHART_NAME;
  chart.title.text = title;
  chart.setPosition("E2", "P34");
  chart.legend.position = "Top";
}

/**
 * Queue the loads that say where each table is (its sheet and its range) on a loaded table
 * collection; after the next sync, the returned function reads them out.
 */
function queueTableRefs(tables: Excel.TableCollection): () => TableRef[] {
  const located = tables.items.map((table) => {
    const ws = table.worksheet;
    ws.load("name");
    const range = table.getRange();
    range.load("address");
    return { table, ws, range };
  });
  return () =>
    located.map(({ table, ws, range }) => ({
      name: table.name,
      sheet: ws.name,
      ...parseAddress(range.address),
    }));
}
