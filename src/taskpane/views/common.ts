/** Small pieces several views use. */
import { dayFromDate, Day, isoDate } from "../../core/dates";
import { h } from "../dom";
import { Workspace } from "../workspace";
import { ViewContext } from "./view";

/** Today on this machine's calendar. */
export function today(): Day {
  return dayFromDate(new Date());
}

export function todayIso(): string {
  return isoDate(today());
}

/**
 * The open workbook, or undefined after saying (in `into`) how to open one: in the browser-only
 * mode nothing is open until a file is chosen.
 */
export function workspaceOrPrompt(ctx: ViewContext, into: HTMLElement): Workspace | undefined {
  const ws = ctx.session.workspace;
  into.hidden = ws !== undefined;
  if (!ws) {
    into.replaceChildren(
      h(
        "p",
        { class: "empty" },
        "No workbook is open yet. Use “Open a workbook file” above to choose the office’s .xlsx workbook, or “Start a new workbook”."
      )
    );
  }
  return ws;
}

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
