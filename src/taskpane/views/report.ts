/**
 * Quarterly report: choose the period and office, see the figures (a table and a picture), fill
 * the chart, the title and the narrative (app/quarterly.ts does the work), refused while the log
 * has errors unless the user fills anyway after a confirmation that lists them (tips fill
 * --force); and record an opening balance for an office that started logging mid-year. Below the
 * chart's figures: the blocks of the optional tables as the fill writes them (Victim Leads,
 * Outreach Materials, Media Canvass), and the leads open past the workbook's response threshold.
 */
import { readOpening, parseOpeningForm, saveOpening } from "../../app/opening";
import {
  FillRefusedError,
  NoPeriodError,
  Quarterly,
  fillQuarterly,
  loadQuarterly,
} from "../../app/quarterly";
import { inspectWorkbook } from "../../app/setup";
import { OfficeTables, loadTables, reportBlocks } from "../../app/tables";
import { tablesFigures } from "../../core/office-tables";
import { SurveyFill, fillSurvey } from "../../app/survey";
import { CHART_LINES, LineKey, SECTION } from "../../core/chart";
import { Finding, isError } from "../../core/findings";
import { PERIOD_NOTATIONS, PeriodError, formatPeriod, parsePeriod } from "../../core/period";
import { LayoutError } from "../../workbook/layout";
import { announce, busy, errorText, h, hide, message, uid } from "../dom";
import { barChart } from "./bar-chart";
import { confirmAction } from "./confirm";
import { blockTable, figuresTable } from "./figures-table";
import { clearError, field, showError } from "./fields";
import { plural, today, workspaceOrPrompt } from "./common";
import { View, ViewContext } from "./view";

/** Errors listed in the "Fill anyway" confirmation; the rest are counted ("and N more"). */
const CONFIRM_ERRORS_SHOWN = 10;
/** The check's code for a lead waiting longer than TIPS.LeadResponseDays. */
const LEAD_OPEN_TOO_LONG = "lead-open-too-long";

/** "2 leads open more than 30 days", each listed with its row and the check's words. */
function openLeadsNotice(tables: OfficeTables): HTMLElement | null {
  const open: Finding[] = (tables.analysis.leads?.findings ?? []).filter(
    (f) => f.code === LEAD_OPEN_TOO_LONG
  );
  if (open.length === 0) return null;
  const title = `${plural(open.length, "lead")} open more than ${plural(tables.leadResponseDays, "day")}`;
  return h(
    "section",
    { class: "message message-info open-leads", "aria-label": title },
    h("p", {}, h("strong", {}, title), " (setting TIPS.LeadResponseDays):"),
    h(
      "ul",
      {},
      open.map((f) =>
        h("li", {}, `${f.sheet ?? ""} row ${f.row}${f.cell ? ` (${f.cell})` : ""}: ${f.message}`)
      )
    )
  );
}

/** The tables' blocks and the open-lead notice, or what kept them from being read. */
function tablesPart(tables: OfficeTables | Error | undefined): HTMLElement[] {
  if (tables === undefined) return [];
  if (tables instanceof Error)
    return [h("p", { class: "message message-error" }, `The tables: ${errorText(tables)}`)];
  const blocks = reportBlocks(tablesFigures(tables.analysis));
  if (blocks.length === 0) return [];
  const notice = openLeadsNotice(tables);
  return [
    h("h3", {}, "Victim leads, materials and the media canvass"),
    ...(notice ? [notice] : []),
    ...blocks.map((b) => blockTable(b)),
  ];
}
function build(panel: HTMLElement, ctx: ViewContext) {
  const prompt = h("div", { class: "prompt" });
  const periodInput = h("input", {
    type: "text",
    name: "period",
    autocomplete: "off",
    placeholder: "FY2007 Q3",
  });
  const officeInput = h("input", { type: "text", name: "office", autocomplete: "organization" });
  const period = field(
    "Reporting period",
    periodInput,
    `For example FY2007 Q3 (also ${PERIOD_NOTATIONS.replace("FY2007 Q3, ", "")}).`
  );
  const office = field(
    "Office",
    officeInput,
    "The SAC or Attaché office, as the report's title names it."
  );
  const show = h("button", { type: "button" }, "Show the figures");
  const fill = h("button", { type: "submit", class: "primary" }, "Fill the report");
  const result = h("div", { class: "message", hidden: true });
  const figures = h("section", { class: "figures-box", hidden: true, "aria-label": "Figures" });
  const form = h(
    "form",
    { novalidate: true, "aria-label": "Quarterly report" },
    period.root,
    office.root,
    h("div", { class: "actions" }, fill, show)
  );

  // Opening balance: 15 numbers for the period's fiscal year.
  const openingInputs = new Map<LineKey, HTMLInputElement>();
  const openingFields = CHART_LINES.map((line) => {
    const input = h("input", {
      type: "number",
      min: 0,
      step: 1,
      inputmode: "numeric",
      name: `opening-${line.key}`,
    });
    openingInputs.set(line.key, input);
    return {
      key: line.key,
      f: field(
        `${line.section === "ngo" ? "NGO" : SECTION.le}${line.training ? ", Training/Seminar" : ""}: ${line.label}`,
        input
      ),
    };
  });
  const openingYear = h("p", { class: "hint" });
  const openingSave = h("button", { type: "submit" }, "Save the opening balance");
  const openingResult = h("div", { class: "message", hidden: true });
  const openingForm = h(
    "form",
    { novalidate: true, class: "opening", "aria-label": "Opening balance" },
    openingYear,
    h(
      "div",
      { class: "opening-grid" },
      openingFields.map((x) => x.f.root)
    ),
    h("div", { class: "actions" }, openingSave),
    openingResult
  );
  const opening = h(
    "details",
    { class: "opening-box" },
    h("summary", {}, "Opening balance (for an office that started logging mid-year)"),
    h(
      "p",
      { class: "intro" },
      "The office's totals for the fiscal year before it began logging. They are added to every Cumulative figure of that fiscal year."
    ),
    openingForm
  );

  const body = h("div", {}, form, result, figures, opening);
  panel.append(h("h2", {}, "Quarterly report"), prompt, body);

  const chartId = uid("chart");
  /** The optional tables read with each report (or why they could not be). */
  const tablesOf = new WeakMap<Quarterly, OfficeTables | Error>();

  const showFigures = (q: Quarterly): void => {
    const ws = ctx.session.workspace;
    const draw = ws?.drawChart
      ? h("button", { type: "button" }, "Draw the chart in the workbook")
      : null;
    const drawResult = h("div", { class: "message", hidden: true });
    draw?.addEventListener(
      "click",
      () =>
        void busy(draw, async () => {
          try {
            await ws!.drawChart!(q.period, q.report.figures);
            const text = `Drew the chart on the “Outreach Chart” sheet for ${formatPeriod(q.period)}.`;
            message(drawResult, "ok", text);
            announce(text);
          } catch (e) {
            message(drawResult, "error", `Could not draw the chart: ${errorText(e)}`);
          }
        })
    );
    figures.replaceChildren(
      h("h3", {}, `Figures for ${formatPeriod(q.period)}`),
      h(
        "div",
        { class: "figures-layout" },
        figuresTable(
          q.report.figures,
          `Human Trafficking Outreach, ${formatPeriod(q.period)}${q.office ? `, ${q.office}` : ""}`
        ),
        barChart(q.period, q.report.figures, chartId)
      ),
      draw ? h("div", { class: "actions" }, draw) : "",
      drawResult,
      ...tablesPart(tablesOf.get(q))
    );
    figures.hidden = false;
  };

  /** The report's inputs read from the workbook; undefined after saying what is wrong. */
  const load = async (): Promise<Quarterly | undefined> => {
    const ws = ctx.session.workspace;
    if (!ws) return undefined;
    clearError(period);
    try {
      return await ws.act(async () => {
        const q = await loadQuarterly(ws.port, {
          period: periodInput.value,
          office: officeInput.value,
          today: today(),
        });
        // A broken table does not stop the chart's figures: it is said beside them.
        const tables = await loadTables(ws.port, {
          period: q.period,
          log: q.report.log.entries,
        }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        tablesOf.set(q, tables);
        return q;
      });
    } catch (e) {
      if (e instanceof NoPeriodError || e instanceof PeriodError) {
        showError(period, errorText(e));
        message(result, "error", `Not done: ${errorText(e)}`);
        periodInput.focus();
      } else if (e instanceof LayoutError || (e instanceof Error && e.name === "LogLayoutError")) {
        message(
          result,
          "error",
          `Not done: ${errorText(e)}`,
          h(
            "button",
            { type: "button", class: "link", onclick: () => ctx.go("setup") },
            "Set up this workbook"
          )
        );
      } else message(result, "error", `Not done: ${errorText(e)}`);
      announce(`Not done: ${errorText(e)}`);
      return undefined;
    }
  };

  show.addEventListener(
    "click",
    () =>
      void busy(show, async () => {
        const q = await load();
        if (!q) return;
        periodInput.value = formatPeriod(q.period);
        showFigures(q);
        const text =
          q.report.errors > 0
            ? `Figures for ${formatPeriod(q.period)} shown, without the ${plural(q.report.log.invalidRows, "row")} that have errors.`
            : `Figures for ${formatPeriod(q.period)} shown.`;
        message(result, q.report.errors > 0 ? "info" : "ok", text);
        announce(text);
      })
  );

  /** What the survey's fill did, and the typed answers to fix (with their cells). */
  const surveyText = (s: SurveyFill, fiscalYear: number): string => {
    const bad = s.survey.answers?.findings ?? [];
    const fix = bad.map((f) => `${f.cell}: ${f.message}`).join(" ");
    return ` ${plural(s.written, "computed answer")} of “${s.sheet}” filled for FY${fiscalYear}.${bad.length ? ` Typed answers to fix: ${fix}` : ""}`;
  };

  /** Fill with the report as read; `force`: the rows with errors left out (confirmed first). */
  const fillWith = async (q: Quarterly, force: boolean): Promise<void> => {
    const ws = ctx.session.workspace;
    if (!ws) return;
    const done = await fillQuarterly(ws.port, q, { force });
    // The annual assessment's computed answers, when the workbook has the sheet.
    const survey = await fillSurvey(ws.port, q.period, q.report.log.entries);
    ctx.session.changed();
    periodInput.value = formatPeriod(q.period);
    const n = q.narrative;
    const leftOut =
      force && done.leftOut > 0
        ? ` Left out ${plural(done.leftOut, "row")} with errors: fix them in Check and fill again to count them.`
        : "";
    const text = `Filled the report on the ${q.chart.sheet} sheet for ${formatPeriod(q.period)}${q.office ? ` (${q.office})` : ""}: Quarter and Cumulative for the 15 lines, the title's dates, and the narrative (${plural(n.outreach.length, "outreach bullet")}, ${plural(n.significant.length, "significant bullet")}, ${plural(n.prospective.length, "prospective training")}); ${plural(done.cells, "cell")} written.${leftOut}${survey ? surveyText(survey, q.period.fiscalYear) : ""}`;
    message(result, "ok", text);
    announce(text);
    showFigures(q);
  };

  /** Like `tips fill --force`: read the log again, list its errors, fill only once confirmed. */
  const fillAnyway = async (button: HTMLButtonElement): Promise<void> => {
    const q = await load();
    if (!q) return;
    if (q.report.errors === 0) return fillWith(q, false); // fixed meanwhile: nothing to confirm
    const errors = q.report.findings.filter(isError);
    const rows = q.report.log.invalidRows;
    const confirmed = await confirmAction({
      title: "Fill the report anyway?",
      text: `The log has ${plural(errors.length, "error")} in ${plural(rows, "row")}. Filling now leaves ${rows === 1 ? "that row" : "those rows"} out of the figures and the narrative, as if ${rows === 1 ? "it were" : "they were"} not in the log; nothing in the log is changed.`,
      listLabel: "Errors in the log",
      items: errors.map(
        (f) =>
          `Row ${f.row}${f.column ? `, ${f.column}` : ""}${f.cell ? ` (${f.cell})` : ""}: ${f.message}`
      ),
      limit: CONFIRM_ERRORS_SHOWN,
      confirm: `Fill, leaving ${plural(rows, "row")} out`,
      cancel: "Cancel",
      into: panel,
      returnFocus: button,
    });
    if (!confirmed) {
      announce("Not filled: cancelled, nothing was written.");
      return;
    }
    await fillWith(q, true);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void busy(fill, async () => {
      const q = await load();
      if (!q) return;
      try {
        await fillWith(q, false);
      } catch (e) {
        if (e instanceof FillRefusedError) {
          const text = `Not filled: ${errorText(e)}`;
          const anyway: HTMLButtonElement = h(
            "button",
            { type: "button" },
            `Fill anyway, leaving ${plural(q.report.log.invalidRows, "row")} out…`
          );
          anyway.addEventListener(
            "click",
            () =>
              void busy(anyway, () =>
                fillAnyway(anyway).catch((err: unknown) => {
                  message(result, "error", `Not filled: ${errorText(err)}`);
                  announce(`Not filled: ${errorText(err)}`);
                })
              )
          );
          message(
            result,
            "error",
            text,
            h(
              "div",
              { class: "actions" },
              h(
                "button",
                { type: "button", class: "link", onclick: () => ctx.go("check", "run") },
                `See the ${plural(q.report.errors, "error")} in Check`
              ),
              anyway
            )
          );
          announce(text);
          result.querySelector("button")?.focus();
        } else {
          message(result, "error", `Not filled: ${errorText(e)}`);
          announce(`Not filled: ${errorText(e)}`);
        }
      }
    });
  });

  const openingFiscalYear = (): number | undefined => {
    try {
      return parsePeriod(periodInput.value).fiscalYear;
    } catch {
      return undefined;
    }
  };

  const loadOpening = async (): Promise<void> => {
    const ws = ctx.session.workspace;
    const fy = openingFiscalYear();
    openingYear.textContent =
      fy === undefined
        ? "Enter the reporting period above first: the balance belongs to its fiscal year."
        : `For fiscal year ${fy} (1 October ${fy - 1} to 30 September ${fy}). Leave a line blank for 0.`;
    openingForm.querySelectorAll("input").forEach((i) => (i.disabled = fy === undefined));
    openingSave.disabled = fy === undefined;
    if (!ws || fy === undefined) return;
    try {
      const figures = await readOpening(ws.port, fy);
      for (const [key, input] of openingInputs) {
        const v = figures?.[key];
        input.value = v ? String(v) : "";
      }
    } catch (e) {
      message(
        openingResult,
        "error",
        `The recorded opening balance cannot be read: ${errorText(e)}`
      );
    }
  };
  opening.addEventListener("toggle", () => {
    if (opening.open) void loadOpening();
  });
  periodInput.addEventListener("change", () => {
    if (opening.open) void loadOpening();
  });
  openingForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void busy(openingSave, async () => {
      const ws = ctx.session.workspace;
      const fy = openingFiscalYear();
      if (!ws || fy === undefined) return;
      for (const { f } of openingFields) clearError(f);
      const values: Partial<Record<LineKey, string>> = {};
      for (const [key, input] of openingInputs) values[key] = input.value;
      const parsed = parseOpeningForm(values);
      if (!parsed.ok) {
        for (const issue of parsed.issues) {
          const f = openingFields.find((x) => x.key === issue.key)?.f;
          if (f) showError(f, issue.message);
        }
        const text = `Not saved: ${plural(parsed.issues.length, "line needs", "lines need")} a whole number of 0 or more.`;
        message(openingResult, "error", text);
        announce(text);
        openingFields.find((x) => x.key === parsed.issues[0].key)?.f.focusTarget.focus();
        return;
      }
      try {
        const how = await saveOpening(ws.port, fy, parsed.figures);
        ctx.session.changed();
        const text =
          how === "cleared"
            ? `No opening balance for fiscal year ${fy} (all lines are 0).`
            : `Saved the opening balance for fiscal year ${fy}. Fill the report again to include it.`;
        message(openingResult, "ok", text);
        announce(text);
      } catch (e) {
        message(openingResult, "error", `Not saved: ${errorText(e)}`);
      }
    });
  });

  /** The workbook's own period and office, as the fields' starting values. */
  const prefill = async (): Promise<void> => {
    const ws = ctx.session.workspace;
    if (!ws) return;
    try {
      const state = await ws.act(() => inspectWorkbook(ws.port));
      if (!periodInput.value && state.period) periodInput.value = formatPeriod(state.period);
      if (!officeInput.value && state.office) officeInput.value = state.office;
    } catch {
      // Nothing to prefill: the fields say what they need.
    }
  };

  const refresh = (): void => {
    const ws = workspaceOrPrompt(ctx, prompt);
    body.hidden = ws === undefined;
  };
  // The workbook is read when the view is first shown, not when the pane starts.
  let prefilled = false;
  const prefillOnce = (): void => {
    if (prefilled || !ctx.session.workspace) return;
    prefilled = true;
    void prefill();
  };
  ctx.session.on((event) => {
    if (event === "opened") {
      periodInput.value = "";
      officeInput.value = "";
      hide(result);
      figures.hidden = true;
      opening.open = false;
      prefilled = false;
      if (!panel.hidden) prefillOnce();
    }
    refresh();
  });
  refresh();
  return {
    shown: () => {
      refresh();
      prefillOnce();
    },
  };
}

export const reportView: View = { id: "report", label: "Quarterly report", mount: build };
