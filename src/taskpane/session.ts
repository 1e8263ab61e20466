/** What the views share: the open workbook, the last check, and where the log's rows go. */
import { LogTarget } from "../app/log-entry";
import { LogCheck } from "../app/quarterly";
import { OfficeTables } from "../app/tables";
import { Workspace } from "./workspace";

export type SessionEvent = "opened" | "changed";

/** What a change was, when the writer knows: lets a listener update without reading again. */
export interface SessionChange {
  /** Rows appended to the log (an activity saved), and nothing else written. */
  readonly appendedRows?: number;
}

export class Session {
  workspace: Workspace | undefined;
  /** The last check of the log (the Check view's, reused by the preview and the log form). */
  check: LogCheck | undefined;
  /** The optional tables read with that check (their findings name their sheet). */
  tables: OfficeTables | undefined;
  logTarget: LogTarget | undefined;
  private readonly listeners = new Set<(event: SessionEvent, change: SessionChange) => void>();

  on(listener: (event: SessionEvent, change: SessionChange) => void): void {
    this.listeners.add(listener);
  }

  /** A workbook was opened (or a new one started). */
  open(workspace: Workspace): void {
    this.workspace = workspace;
    this.check = undefined;
    this.tables = undefined;
    this.logTarget = undefined;
    this.emit("opened");
  }

  /** The workbook was written: cached reads are stale. */
  changed(change: SessionChange = {}): void {
    this.check = undefined;
    this.tables = undefined;
    this.workspace?.changed();
    this.emit("changed", change);
  }

  private emit(event: SessionEvent, change: SessionChange = {}): void {
    for (const l of this.listeners) l(event, change);
  }
}
