/**
 * Set up this workbook: say what the workbook has, add what is missing (report sheet in the
 * seed's layout, the log table with its drop-downs, the Prospective Training table, the Victim
 * Leads, Materials Distributed and Media Canvass tables), record the
 * office and period in the workbook's settings, and mark every sheet LES/FOUO where its header and
 * footer leave room (in Excel and in the browser-only mode alike: setUpWorkbook does it).
 */
import { WorkbookState, inspectWorkbook, setUpWorkbook } from "../../app/setup";
import { OPTIONAL_TABLES, OptionalTable } from "../../workbook/layout";
import { FiscalPeriod, PERIOD_NOTATIONS, formatPeriod, parsePeriod } from "../../core/period";
import { announce, busy, errorText, h, hide, message } from "../dom";
import { clearError, field, showError } from "./fields";
import { workspaceOrPrompt } from "./common";
import { View, ViewContext } from "./view";

/** The optional tables as the list names them. */
const OPTIONAL_TABLE_NAMES = (Object.keys(OPTIONAL_TABLES) as OptionalTable[]).map(
  (k) => [k, `${OPTIONAL_TABLES[k].sheet} table`] as const
);

function stateList(state: WorkbookState): HTMLElement {
  const item = (ok: boolean, text: string) =>
    h(
      "li",
      { class: ok ? "present" : "missing" },
      h("span", { class: "badge" }, ok ? "Present" : "Missing"),
      ` ${text}`
    );
  return h(
    "ul",
    { class: "state-list", "aria-label": "What the workbook has" },
    item(
      state.report !== undefined,
      state.report ? `Quarterly report chart (sheet “${state.report}”)` : "Quarterly report chart"
    ),
    item(
      state.log !== undefined,
      state.log
        ? `Outreach log (${state.log.table ? `table ${state.log.table} on ` : ""}sheet “${state.log.sheet}”)`
        : "Outreach log"
    ),
    item(state.prospective, "Prospective Training table"),
    ...OPTIONAL_TABLE_NAMES.map(([key, name]) =>
      item(
        state.optional[key] !== undefined,
        state.optional[key] ? `${name} (sheet “${state.optional[key]?.sheet}”)` : name
      )
    ),
    item(
      state.office !== undefined,
      state.office ? `Office: ${state.office}` : "Office (a setting of the workbook)"
    ),
    item(
      state.period !== undefined,
      state.period
        ? `Reporting period: ${formatPeriod(state.period)}`
        : "Reporting period (a setting of the workbook)"
    )
  );
}

function build(panel: HTMLElement, ctx: ViewContext) {
  const prompt = h("div", { class: "prompt" });
  const status = h("div", { class: "state" });
  const officeInput = h("input", { type: "text", name: "office", autocomplete: "organization" });
  const periodInput = h("input", {
    type: "text",
    name: "period",
    autocomplete: "off",
    placeholder: "FY2007 Q3",
  });
  const office = field("Office", officeInput, "For example SAC Houston or Attaché Mexico City.");
  const period = field(
    "Reporting period",
    periodInput,
    `The quarter this workbook reports, such as ${PERIOD_NOTATIONS}.`
  );
  const go = h("button", { type: "submit", class: "primary" }, "Set up this workbook");
  const result = h("div", { class: "message", hidden: true });
  const form = h(
    "form",
    { novalidate: true, "aria-label": "Set up this workbook" },
    office.root,
    period.root,
    h("div", { class: "actions" }, go)
  );
  const body = h(
    "div",
    {},
    h(
      "p",
      { class: "intro" },
      "Adds what this workbook is missing, in the layout of the quarterly report form, and leaves everything already there as it is. Every sheet gets the LAW ENFORCEMENT SENSITIVE / FOR OFFICIAL USE ONLY marking in its header and footer; a header or footer section that already holds something is never overwritten."
    ),
    status,
    form,
    result
  );
  panel.append(h("h2", {}, "Set up this workbook"), prompt, body);

  const inspect = async (): Promise<void> => {
    const ws = ctx.session.workspace;
    if (!ws) return;
    try {
      const state = await ws.act(() => inspectWorkbook(ws.port));
      status.replaceChildren(
        stateList(state),
        ...state.problems.map((p) => h("p", { class: "problem" }, p))
      );
      if (!officeInput.value && state.office) officeInput.value = state.office;
      if (!periodInput.value && state.period) periodInput.value = formatPeriod(state.period);
    } catch (e) {
      status.replaceChildren(
        h("p", { class: "problem" }, `The workbook could not be read: ${errorText(e)}`)
      );
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void busy(go, async () => {
      const ws = ctx.session.workspace;
      if (!ws) return;
      clearError(period);
      let p: FiscalPeriod | undefined;
      if (periodInput.value.trim() !== "") {
        try {
          p = parsePeriod(periodInput.value);
        } catch (e) {
          showError(period, errorText(e));
          periodInput.focus();
          message(result, "error", `Not set up: ${errorText(e)}`);
          return;
        }
      }
      try {
        const done = await ws.act(() =>
          setUpWorkbook(ws.port, { office: officeInput.value, period: p })
        );
        const marks = done.marks;
        if (done.added.length > 0 || done.settings.length > 0 || marks.marked.length > 0)
          ctx.session.changed();
        const parts: string[] = [];
        parts.push(
          done.added.length > 0
            ? `Added ${done.added.map((s) => `“${s}”`).join(", ")}.`
            : "Nothing was missing: no sheet added."
        );
        if (done.settings.length > 0) parts.push(`Recorded ${done.settings.join(", ")}.`);
        if (marks.marked.length)
          parts.push(
            `Marked ${marks.marked.map((s) => `“${s}”`).join(", ")} LES/FOUO in the header and footer.`
          );
        if (marks.occupied.length)
          parts.push(
            `${marks.occupied.map((s) => `“${s}”`).join(", ")} already ${marks.occupied.length === 1 ? "has its own header or footer" : "have their own headers or footers"}: add the marking there by hand (Page Layout, Header & Footer).`
          );
        parts.push(...done.problems);
        const text = parts.join(" ");
        message(result, done.problems.length > 0 ? "info" : "ok", text);
        announce(text);
        await inspect();
      } catch (e) {
        message(result, "error", `Not set up: ${errorText(e)}`);
        announce(`Not set up: ${errorText(e)}`);
      }
    });
  });

  const refresh = (): void => {
    const ws = workspaceOrPrompt(ctx, prompt);
    body.hidden = ws === undefined;
  };
  ctx.session.on((event) => {
    if (event === "opened") {
      officeInput.value = "";
      periodInput.value = "";
      status.replaceChildren();
      hide(result);
      if (!panel.hidden) void inspect();
    }
    refresh();
  });
  refresh();
  return {
    shown: () => {
      refresh();
      void inspect();
    },
  };
}

export const setupView: View = { id: "setup", label: "Set up", mount: build };
