/**
 * The browser-only mode's workbook: an .xlsx file read into memory through the file adapter,
 * written back as a download. The .xlsx package layer is loaded only here, by a dynamic import,
 * so webpack puts it in its own chunk and the pane inside Excel never loads it.
 */
import { EntryTarget, RowCells, appendRow } from "../app/table-entry";
import type { XlsxAdapter } from "../workbook/xlsx-adapter";
import { STYLE } from "../workbook/seed-layout";
import { AppendedRows, Workspace } from "./workspace";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The file adapter's class, loaded on first use (its own chunk: "xlsx.js"). */
export async function loadXlsxAdapter(): Promise<typeof XlsxAdapter> {
  const module = await import(/* webpackChunkName: "xlsx" */ "../workbook/xlsx-adapter");
  return module.XlsxAdapter;
}

export class FileWorkspace implements Workspace {
  readonly kind = "file";
  /** Written since it was opened or last downloaded. */
  dirty = false;

  constructor(
    readonly port: XlsxAdapter,
    readonly name: string,
    private readonly onDirty: (dirty: boolean) => void = () => undefined
  ) {}

  async selectCell(): Promise<boolean> {
    return false; // no Excel window: the Check view shows the row in its preview
  }

  async appendRow(
    target: EntryTarget,
    cells: RowCells,
    dates: readonly string[]
  ): Promise<AppendedRows | undefined> {
    await appendRow(this.port, target, cells);
    let row = target.nextRow - 1;
    if (target.table) {
      const table = (await this.port.tables()).find(
        (t) => t.name.toLowerCase() === target.table!.toLowerCase()
      );
      if (!table) return undefined;
      row = table.bottom;
    }
    // Excel gives a table's new row its column's date format; a file needs it written.
    const writes = dates.flatMap((key) => {
      const i = target.columns[key];
      const value = i === undefined ? null : cells[i];
      return i === undefined || typeof value !== "number"
        ? []
        : [{ row, col: target.left + i, value, style: STYLE.date }];
    });
    if (writes.length > 0) await this.port.writeCells(target.sheet, writes);
    return { sheet: target.sheet, top: row, bottom: row };
  }

  changed(): void {
    this.dirty = true;
    this.onDirty(true);
  }

  act<T>(action: () => Promise<T>): Promise<T> {
    return action(); // in memory: nothing to save on
  }

  /** The workbook as a file. */
  bytes(): Uint8Array {
    return this.port.save();
  }

  saved(): void {
    this.dirty = false;
    this.onDirty(false);
  }
}
