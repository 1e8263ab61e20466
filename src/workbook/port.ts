/**
 * What the app needs from a workbook, whichever program holds it: the Excel JavaScript API
 * (office-adapter.ts) or an .xlsx file (xlsx-adapter.ts). The layout of the report is found by
 * layout.ts over the grids these return, so both adapters find the same cells.
 */
import { CellValue } from "../core/log";
import { MarkSheetsResult } from "./marking";
import { CellStyle, SheetSpec } from "./sheet-spec";

/** A block of a sheet's cells: values[0][0] is the cell at (top, left), both 1-based. */
export interface SheetGrid {
  readonly sheet: string;
  readonly values: readonly (readonly CellValue[])[];
  readonly top: number;
  readonly left: number;
}

/** An Excel table (ListObject): its header row is `top`. */
export interface TableRef {
  readonly name: string;
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** One cell to write. Text is always written as text, never as a formula. */
export interface CellWrite {
  readonly row: number;
  readonly col: number;
  readonly value: string | number | null;
  /** When given, the cell takes this style; otherwise it keeps the one it has. */
  readonly style?: CellStyle;
}

/** Cells of one sheet, rows and columns inclusive, 1-based. */
export interface SheetRange {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A workbook-scoped defined name; `range` is absent when it no longer names cells (#REF!). */
export interface NamedRange {
  readonly name: string;
  readonly range?: SheetRange;
}

export interface WorkbookPort {
  /** Dates in cells are serial numbers of this system. */
  date1904(): Promise<boolean>;
  sheetNames(): Promise<string[]>;
  /** The sheet's used cells, from A1 or from the first used cell. */
  readSheet(sheet: string): Promise<SheetGrid>;
  tables(): Promise<TableRef[]>;
  /** Write these cells and nothing else; styles and everything around them stay. */
  writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void>;
  /**
   * Insert `count` blank rows before row `at` (count < 0: delete rows at..at-count-1); what is
   * below moves, and every reference to it (formulas, names, merges, comments) with it.
   */
  shiftRows(sheet: string, at: number, count: number): Promise<void>;
  /** A column's width, in characters of the default font. */
  columnWidth(sheet: string, col: number): Promise<number>;
  /** Merge each range into one cell (a range already merged so stays; others are left alone). */
  mergeCells(
    sheet: string,
    ranges: readonly { top: number; left: number; bottom: number; right: number }[]
  ): Promise<void>;
  /** Row heights in points. */
  setRowHeights(sheet: string, heights: readonly { row: number; height: number }[]): Promise<void>;
  /** The workbook-scoped defined names that begin with `prefix` (any case). */
  namedRanges(prefix: string): Promise<NamedRange[]>;
  /** Point a workbook-scoped name at cells, or remove it (no range). */
  setNamedRange(name: string, range?: SheetRange): Promise<void>;
  /** Add a new sheet, built from a description (for setting a workbook up). */
  addSheet(spec: SheetSpec): Promise<void>;
  /** Append rows below a table's last row, growing the table. */
  appendTableRows(
    table: string,
    rows: readonly (readonly (string | number | null)[])[]
  ): Promise<void>;
  /** Workbook settings (document custom properties): the office, the period, opening balances. */
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /**
   * The LES/FOUO marking in every sheet's header and footer where it is missing, by the one rule
   * of marking.ts (a section the user filled is never overwritten); which sheets it marked, which
   * had it already, and which could not take it.
   */
  markSheets(): Promise<MarkSheetsResult>;
}
