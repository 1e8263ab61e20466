/**
 * Which workbook the pane is working on, above every view: its office, period and log row count
 * (inspectWorkbook's reading, the one Set up shows), or plainly that it has none. Read again each
 * time the workbook is opened or the pane writes to it.
 */
import { WorkbookState, inspectWorkbook } from "../app/setup";
import { formatPeriod } from "../core/period";
import { errorText, h } from "./dom";
import { Session } from "./session";
import { plural } from "./views/common";

/** What the summary says when the workbook lacks a part. */
export const SUMMARY_NONE = {
  office: "No office named",
  period: "No period set",
  log: "No outreach log found",
} as const;

function logText(log: WorkbookState["log"]): string {
  if (!log) return SUMMARY_NONE.log;
  const where = `on “${log.sheet}”`;
  return log.rows === undefined
    ? `${where}: its header row cannot be read (see Set up)`
    : `${plural(log.rows, "row")} ${where}`;
}

export function workbookSummary(session: Session): HTMLElement {
  const value = (): HTMLElement => h("dd", {});
  const office = value();
  const period = value();
  const log = value();
  const list = h(
    "dl",
    {},
    h("div", {}, h("dt", {}, "Office"), office),
    h("div", {}, h("dt", {}, "Period"), period),
    h("div", {}, h("dt", {}, "Outreach log"), log)
  );
  const problem = h("p", { class: "summary-problem", hidden: true });
  const root = h(
    "section",
    {
      class: "workbook-summary",
      id: "workbook-summary",
      "aria-label": "Open workbook",
      hidden: true,
    },
    list,
    problem
  );

  let shown: WorkbookState | undefined;
  const show = (state: WorkbookState): void => {
    shown = state;
    office.textContent = state.office ?? SUMMARY_NONE.office;
    period.textContent = state.period ? formatPeriod(state.period) : SUMMARY_NONE.period;
    log.textContent = logText(state.log);
    for (const [dd, missing] of [
      [office, !state.office],
      [period, !state.period],
      [log, state.log?.rows === undefined],
    ] as const)
      dd.classList.toggle("none", missing);
    list.hidden = false;
    problem.hidden = true;
  };

  // Only the latest reading is shown: a slow one finishing late must not overwrite a newer one.
  let reading = 0;
  let inFlight = false;
  const refresh = async (): Promise<void> => {
    const ws = session.workspace;
    root.hidden = ws === undefined;
    shown = undefined;
    if (!ws) return;
    const mine = ++reading;
    inFlight = true;
    root.setAttribute("aria-busy", "true");
    try {
      const state = await ws.act(() => inspectWorkbook(ws.port));
      if (mine === reading) show(state);
    } catch (e) {
      if (mine !== reading) return;
      list.hidden = true;
      problem.textContent = `The workbook could not be read: ${errorText(e)}`;
      problem.hidden = false;
    } finally {
      if (mine === reading) {
        inFlight = false;
        root.removeAttribute("aria-busy");
      }
    }
  };
  session.on((event, change) => {
    // An activity saved adds its rows to the count: no need to read the whole log again.
    const log = shown?.log;
    if (
      event === "changed" &&
      change.appendedRows &&
      shown &&
      log?.rows !== undefined &&
      !inFlight
    ) {
      show({ ...shown, log: { ...log, rows: log.rows + change.appendedRows } });
      return;
    }
    void refresh();
  });
  void refresh();
  return root;
}
