/** What the views share: the open workbook, the last check, and where the log's rows go. */
import { LogTarget } from "../app/log-entry";
import { LogCheck } from "../app/quarterly";
import { Workspace } from "./workspace";

export type SessionEvent = "opened" | "changed";

export class Session {
  workspace: Workspace | undefined;
  /** The last check of the log (the Check view's, reused by the preview and the log form). */
  check: LogCheck | undefined;
  logTarget: LogTarget | undefined;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  on(listener: (event: SessionEvent) => void): void {
    this.listeners.add(listener);
  }

  /** A workbook was opened (or a new one started). */
  open(workspace: Workspace): void {
    this.workspace = workspace;
    this.check = undefined;
    this.logTarget = undefined;
    this.emit("opened");
  }

  /** The workbook was written: cached reads are stale. */
  changed(): void {
    this.check = undefined;
    this.workspace?.changed();
    this.emit("changed");
  }

  private emit(event: SessionEvent): void {
    for (const l of this.listeners) l(event);
  }
}
