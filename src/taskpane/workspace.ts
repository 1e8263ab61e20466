/**
 * The workbook the pane works on, and what it can do beyond the port. Two kinds:
 *   "excel": the workbook open in Excel, through the Excel JavaScript API (OfficeAdapter);
 *   "file":  an .xlsx file opened in the browser-only mode (file-workspace.ts).
 * Views call the use cases in src/app with `port`; the few things that differ (selecting a
 * cell, highlighting, the native chart, saving) are here.
 */
import { EntryTarget, RowCells, appendRow } from "../app/table-entry";
import { ChartFigures } from "../core/chart";
import { FiscalPeriod } from "../core/period";
import { OfficeAdapter } from "../workbook/office-adapter";
import { WorkbookPort } from "../workbook/port";

export interface AppendedRows {
  readonly sheet: string;
  readonly top: number;
  readonly bottom: number;
}

export interface Workspace {
  readonly kind: "excel" | "file";
  readonly port: WorkbookPort;
  /** How messages name the workbook: "this workbook" or the file's name. */
  readonly name: string;
  /** Select a cell in Excel. False when there is no Excel window (the pane shows it instead). */
  selectCell(sheet: string, cell: string): Promise<boolean>;
  /** Fill these rows in the workbook; undefined when the pane highlights them itself. */
  highlightRows?(
    sheet: string,
    rows: readonly number[],
    left: number,
    right: number
  ): Promise<number>;
  clearHighlight?(): Promise<number>;
  /** A native chart of the figures in the workbook. */
  drawChart?(period: FiscalPeriod, figures: ChartFigures): Promise<void>;
  /**
   * Append one row to a table (the log, or an optional table); `dates`: its columns holding
   * dates. Where it went.
   */
  appendRow(
    target: EntryTarget,
    row: RowCells,
    dates: readonly string[]
  ): Promise<AppendedRows | undefined>;
  /** Something was written (the file mode's download is now out of date). */
  changed(): void;
  /** One action of the user's: in Excel its reads are remembered (fewer round trips), and
   * actions run one after another. */
  act<T>(action: () => Promise<T>): Promise<T>;
}

export class ExcelWorkspace implements Workspace {
  readonly kind = "excel";
  readonly name = "this workbook";
  private queue: Promise<unknown> = Promise.resolve();
  constructor(readonly port: OfficeAdapter) {}

  async selectCell(sheet: string, cell: string): Promise<boolean> {
    await this.port.selectCell(sheet, cell);
    return true;
  }

  highlightRows(sheet: string, rows: readonly number[], left: number, right: number) {
    return this.port.highlightRows(sheet, rows, left, right);
  }

  clearHighlight(): Promise<number> {
    return this.port.clearHighlight();
  }

  drawChart(period: FiscalPeriod, figures: ChartFigures): Promise<void> {
    return this.port.drawChart(period, figures);
  }

  async appendRow(target: EntryTarget, row: RowCells): Promise<AppendedRows | undefined> {
    this.port.lastAppend = undefined;
    await appendRow(this.port, target, row);
    return (
      this.port.lastAppend ?? {
        sheet: target.sheet,
        top: target.nextRow - 1,
        bottom: target.nextRow - 1,
      }
    );
  }

  changed(): void {
    // Excel saves the workbook itself.
  }

  /**
   * One action at a time: the adapter remembers the reads of the action running, so a second
   * one started meanwhile (a fill while the workbook summary is read) would be given reads made
   * before it began, blind to what the user changed since. Never call act inside act.
   */
  act<T>(action: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.port.within(action));
    this.queue = run.catch(() => undefined);
    return run;
  }
}
