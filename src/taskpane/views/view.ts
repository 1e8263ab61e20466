/**
 * A view of the pane: one tab, one module in this folder, listed in views/index.ts.
 * To add one (HQ consolidation comes next), write a module exporting a View and put it in the list.
 */
import { Session } from "../session";

export type ViewId = "log" | "tables" | "check" | "report" | "hq" | "annual" | "setup";

export interface ViewContext {
  readonly session: Session;
  /** Show another view; `action` asks it to do something at once ("run" for Check). */
  go(id: ViewId, action?: string): void;
}

export interface ViewInstance {
  /** The view's tab was selected. */
  shown?(action?: string): void;
}

export interface View {
  readonly id: ViewId;
  /** The tab's label. */
  readonly label: string;
  /** Not offered yet: no tab, no panel content. */
  readonly hidden?: boolean;
  /** Build the view once, into its panel. */
  mount(panel: HTMLElement, ctx: ViewContext): ViewInstance;
}
