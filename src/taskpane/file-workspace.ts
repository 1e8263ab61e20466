/**
 * The browser-only mode's workbook: an .xlsx file read into memory through the file adapter,
 * written back as a download. The .xlsx package layer is loaded only here, by a dynamic import,
 * so webpack puts it in its own chunk and the pane inside Excel never loads it.
 */
import { LogTarget, appendEntry } from "../app/log-entry";
import { serialFromDay } from "../core/dates";
import { RowFields } from "../core/log";
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

  async appendEntry(target: LogTarget, fields: RowFields): Promise<AppendedRows | undefined> {
    await appendEntry(this.port, target, fields);
    let row = target.nextRow - 1;
    if (target.table) {
      const table = (await this.port.tables()).find(
        (t) => t.name.toLowerCase() === target.table!.toLowerCase()
      );
      if (!table) return undefined;
      row = table.bottom;
    }
    // Excel gives a table's new row its column's date format; a file needs it written.
    const dateCol = target.columns.date;
    if (dateCol !== undefined && fields.date !== undefined) {
      await this.port.writeCells(target.sheet, [
        {
          row,
          col: target.left + dateCol,
          value: serialFromDay(fields.date, target.date1904),
          style: STYLE.date,
        },
      ]);
    }
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
