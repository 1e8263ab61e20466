/**
 * The .xlsx file adapter: the workbook port over the package layer in ./xlsx, for the command
 * line and the task pane's browser-only mode. Everything happens in memory; the caller saves
 * once, so a failure leaves no file half-written.
 */
import { BarChartSpec } from "./xlsx/chart-part";
import { CellWrite, NamedRange, SheetGrid, TableRef, WorkbookPort } from "./port";
import type { BlockStep } from "./ownership";
import { MarkSheetsResult, MarkVerdict, combineVerdicts, decideMarkingCodes } from "./marking";
import { SheetSpec } from "./sheet-spec";
import { PrintSetup, hasOwnPageSetup } from "./print-setup";
import { XlsxWorkbook, createWorkbook, openWorkbook } from "./xlsx";
import { LayoutError } from "./layout";
import { absoluteAddress, formatRange, parseAddress, parseSheetAddress } from "./address";

export class XlsxAdapter implements WorkbookPort {
  constructor(readonly book: XlsxWorkbook) {}

  static fromBytes(bytes: Uint8Array): XlsxAdapter {
    return new XlsxAdapter(openWorkbook(bytes));
  }

  static blank(): XlsxAdapter {
    return new XlsxAdapter(createWorkbook());
  }

  save(): Uint8Array {
    return this.book.save();
  }

  async date1904(): Promise<boolean> {
    return this.book.date1904;
  }

  async sheetNames(): Promise<string[]> {
    return this.book.sheetNames();
  }

  async readSheet(sheet: string): Promise<SheetGrid> {
    const grid = this.book.readSheet(sheet);
    return { sheet: grid.name, values: grid.values(), top: 1, left: 1 };
  }

  async tables(): Promise<TableRef[]> {
    return this.book
      .tables()
      .map((t) => ({ name: t.name, sheet: t.sheet, ...parseAddress(t.ref) }));
  }

  async writeCells(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    this.book.patchCells(
      sheet,
      writes.map((w) => ({
        row: w.row,
        col: w.col,
        value: w.value,
        ...(w.style ? { style: this.book.styleId(w.style) } : {}),
      }))
    );
  }

  async columnWidths(sheet: string, from: number, to: number): Promise<number[]> {
    const widths: number[] = [];
    for (let c = from; c <= to; c++) widths.push(this.book.columnWidth(sheet, c));
    return widths;
  }

  async namedRanges(prefix: string): Promise<NamedRange[]> {
    const key = prefix.toUpperCase();
    return this.book
      .definedNames()
      .filter((n) => n.localSheet === undefined && n.name.toUpperCase().startsWith(key))
      .map((n) => {
        const range = parseSheetAddress(n.ref);
        return range ? { name: n.name, range } : { name: n.name };
      });
  }

  async applyBlockSteps(sheet: string, steps: readonly BlockStep[]): Promise<void> {
    for (const step of steps) {
      if (step.kind === "shift") this.book.shiftRows(sheet, step.at, step.count);
      else if (step.kind === "write") {
        await this.writeCells(sheet, step.writes);
        this.book.mergeCells(sheet, step.merges);
        this.book.setRowHeights(sheet, new Map(step.heights.map((h) => [h.row, h.height])));
      } else if (step.block)
        this.book.setDefinedName(step.name, absoluteAddress(sheet, step.block));
      else this.book.deleteDefinedName(step.name);
    }
  }

  /** A native bar chart on a sheet (the annual workbook's): files only, not a port call. */
  addChart(sheet: string, spec: BarChartSpec): void {
    this.book.addChart(sheet, spec);
  }

  async addSheet(spec: SheetSpec): Promise<void> {
    this.book.addSheet(spec);
  }

  async applyPrintSetup(sheet: string, setup: PrintSetup): Promise<boolean> {
    if (hasOwnPageSetup(this.book.pageSetup(sheet))) return false;
    this.book.setPrintSetup(sheet, setup);
    return true;
  }

  async appendTableRows(
    table: string,
    rows: readonly (readonly (string | number | null)[])[]
  ): Promise<void> {
    const t = (await this.tables()).find((x) => x.name.toLowerCase() === table.toLowerCase());
    if (!t) throw new LayoutError(`the workbook has no table "${table}".`);
    const grid = this.book.readSheet(t.sheet);
    // The table's last row may be the blank row a new table starts with: fill that first.
    let next = t.bottom + 1;
    const lastRowBlank = (() => {
      for (let c = t.left; c <= t.right; c++) {
        const v = grid.cell(t.bottom, c);
        if (v !== null && v !== "") return false;
      }
      return t.bottom > t.top;
    })();
    if (lastRowBlank) next = t.bottom;
    const writes: CellWrite[] = [];
    rows.forEach((r, i) =>
      r.forEach((value, j) => writes.push({ row: next + i, col: t.left + j, value }))
    );
    await this.writeCells(t.sheet, writes);
    const bottom = Math.max(t.bottom, next + rows.length - 1);
    this.book.setTableRef(
      t.name,
      formatRange({ top: t.top, left: t.left, bottom, right: t.right })
    );
  }

  async getSetting(key: string): Promise<string | undefined> {
    return this.book.getCustomProperty(key);
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.book.setCustomProperty(key, value);
  }

  /**
   * The marking rule of marking.ts over each sheet's header and footer codes: the odd pair (every
   * page's), and the first-page and even-page pairs where the sheet has them. Worksheets and chart
   * sheets; dialog and macro sheets are left out (the Excel API does not list them either).
   */
  async markSheets(): Promise<MarkSheetsResult> {
    const result: MarkSheetsResult = { marked: [], already: [], occupied: [] };
    for (const sheet of this.book.sheetNames()) {
      const hf = this.book.getHeaderFooter(sheet);
      if (!hf) continue;
      const pages = [
        ["oddHeader", "oddFooter"],
        ...(hf.differentOddEven ? [["evenHeader", "evenFooter"] as const] : []),
        ...(hf.differentFirst ? [["firstHeader", "firstFooter"] as const] : []),
      ] as const;
      const verdicts: MarkVerdict[] = [];
      const codes: Record<string, string> = {};
      for (const [header, footer] of pages) {
        const next = decideMarkingCodes({ header: hf[header], footer: hf[footer] });
        verdicts.push(next.verdict);
        codes[header] = next.header;
        codes[footer] = next.footer;
      }
      this.book.setHeaderFooter(sheet, codes);
      result[combineVerdicts(verdicts)].push(sheet);
    }
    return result;
  }
}
