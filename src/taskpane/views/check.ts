/**
 * Check: every check of the log, the findings listed in reading order, and said once how many
 * rows of other fiscal years the report leaves out; then the findings of the optional tables
 * (Victim Leads, Materials Distributed, Media Canvass), each naming its sheet. Choosing a finding
 * goes to its cell on its sheet (Excel selects it; the browser-only mode shows the row in a
 * preview of that sheet). The log's rows with errors can be highlighted and the highlight cleared.
 */
import { checkWorkbook } from "../../app/quarterly";
import { OfficeTables, loadTables } from "../../app/tables";
import { TableGrid } from "../../core/table";
import { outsideFiscalYearText } from "../../core/checks";
import { Finding, isError } from "../../core/findings";
import { columnLetters } from "../../core/cell-address";
import { parseAddress } from "../../workbook/address";
import { announce, busy, errorText, h, hide, message } from "../dom";
import { plural, today, workspaceOrPrompt } from "./common";
import { renderPreview, rowsAround } from "./preview";
import { View, ViewContext } from "./view";

/** Findings rendered at a time: a log of 100,000 rows may have thousands. */
const PAGE = 100;
/** Rows with errors drawn in the preview's highlight at most. */
const HIGHLIGHT_PREVIEW_ROWS = 200;
const LOG_PREVIEW = "Log preview";

function build(panel: HTMLElement, ctx: ViewContext) {
  const prompt = h("div", { class: "prompt" });
  const run = h("button", { type: "button", class: "primary" }, "Check the log");
  const result = h("div", { class: "message", hidden: true });
  const onlyErrors = h("input", { type: "checkbox", id: "only-errors" });
  const filter = h(
    "div",
    { class: "field checkbox", hidden: true },
    onlyErrors,
    h("label", { for: onlyErrors.id }, "Show errors only")
  );
  const highlight = h("button", { type: "button" }, "Highlight the rows with errors");
  const unhighlight = h("button", { type: "button" }, "Clear the highlight");
  const highlightNote = h("p", { class: "hint" });
  const tools = h("div", { class: "actions", hidden: true }, highlight, unhighlight);
  const list = h("ol", { class: "findings", "aria-label": "Findings" });
  const more = h("button", { type: "button", class: "link", hidden: true }, "Show more findings");
  const previewTitle = h("h3", { hidden: true }, LOG_PREVIEW);
  const preview = h("div", { class: "preview-box", hidden: true });
  const body = h(
    "div",
    {},
    h(
      "p",
      { class: "intro" },
      "Runs every check of the outreach log, and of the Victim Leads, Materials Distributed and Media Canvass tables when the workbook has them. A row with an error is not counted until it is fixed; a warning is worth a look but the row still counts."
    ),
    h("div", { class: "actions" }, run),
    result,
    tools,
    highlightNote,
    filter,
    list,
    more,
    previewTitle,
    preview
  );
  panel.append(h("h2", {}, "Check the log"), prompt, body);

  let shownCount = PAGE;
  let previewHighlight = false;

  /** The log's findings, then the tables' (each naming its sheet). */
  const allFindings = (): Finding[] => {
    const check = ctx.session.check;
    if (!check) return [];
    const tables = ctx.session.tables?.analysis.findings ?? [];
    return tables.length > 0 ? [...check.findings, ...tables] : check.findings;
  };

  const visible = (): Finding[] =>
    onlyErrors.checked ? allFindings().filter(isError) : allFindings();

  /** The sheet a finding is on and its cells: the log's, or the optional table's it names. */
  const placeOf = (f: Finding): { sheet: string; grid: TableGrid; log: boolean } | undefined => {
    const check = ctx.session.check;
    if (!check) return undefined;
    if (f.sheet === undefined) return { sheet: check.log.sheet, grid: check.log.grid, log: true };
    const found = Object.values(ctx.session.tables?.locations ?? {}).find(
      (l) => l.sheet === f.sheet
    );
    return found ? { sheet: found.sheet, grid: found.grid, log: false } : undefined;
  };

  const dateColumn = (): number | undefined => {
    const check = ctx.session.check;
    const index = check?.parsed.columns.date;
    return check && index !== undefined ? (check.log.grid.left ?? 1) + index : undefined;
  };

  /** The log's rows with errors (the tables' are not highlighted). */
  const errorRows = (): number[] => [
    ...new Set((ctx.session.check?.findings ?? []).filter(isError).map((f) => f.row)),
  ];

  const renderList = (): void => {
    const check = ctx.session.check;
    const all = visible();
    const total = allFindings().length;
    list.replaceChildren(
      ...all
        .slice(0, shownCount)
        .map((f) =>
          h(
            "li",
            { class: `finding finding-${f.severity}` },
            h(
              "button",
              { type: "button", class: "finding-button", onclick: () => void reveal(f) },
              h(
                "span",
                { class: `badge badge-${f.severity}` },
                f.severity === "error" ? "Error" : "Warning"
              ),
              h(
                "span",
                { class: "where" },
                `${f.sheet ? `${f.sheet}, row` : "Row"} ${f.row}${f.column ? `, ${f.column}` : ""}${f.cell ? ` (${f.cell})` : ""}`
              ),
              h("span", { class: "what" }, f.message)
            )
          )
        )
    );
    more.hidden = all.length <= shownCount;
    if (!more.hidden)
      more.textContent = `Show more findings (${all.length - shownCount} not shown)`;
    filter.hidden = !check || total === 0;
    tools.hidden = !check || check.errors === 0;
  };

  const reveal = async (f: Finding): Promise<void> => {
    const ws = ctx.session.workspace;
    const place = placeOf(f);
    if (!ws || !place) return;
    const left = place.grid.left ?? 1;
    if (f.row < 1) {
      announce(`This finding is about the whole ${place.log ? "log" : "table"}, not one cell.`);
      return;
    }
    const cell = f.cell ?? `${columnLetters(left)}${f.row}`;
    try {
      if (await ws.selectCell(place.sheet, cell)) {
        announce(`Selected ${cell} on the ${place.sheet} sheet.`);
        return;
      }
      const col = f.cell ? parseAddress(f.cell).left : left;
      previewHighlight = false;
      renderPreview(preview, place.grid, {
        rows: rowsAround(place.grid, f.row),
        focus: { row: f.row, col },
        ...(place.log ? { highlight: new Set(errorRows()), dateCol: dateColumn() } : {}),
        caption: `${place.sheet}, around row ${f.row}`,
      });
      previewTitle.textContent = place.log ? LOG_PREVIEW : `${place.sheet} preview`;
      previewTitle.hidden = false;
      announce(
        `Row ${f.row} is shown in the ${place.log ? "log" : place.sheet} preview below${f.cell ? `, cell ${f.cell} marked` : ""}.`
      );
    } catch (e) {
      message(result, "error", `Could not go to ${cell}: ${errorText(e)}`);
    }
  };

  const runCheck = async (): Promise<void> => {
    const ws = ctx.session.workspace;
    if (!ws) return;
    try {
      const check = await ws.act(() => checkWorkbook(ws.port, { today: today() }));
      ctx.session.check = check;
      // The optional tables: their findings follow the log's; a broken one is said, not fatal.
      let tablesNote: HTMLElement | null = null;
      try {
        const tables = await ws.act(() =>
          loadTables(ws.port, {
            ...(check.period ? { period: check.period } : {}),
            log: check.parsed.entries,
          })
        );
        ctx.session.tables = tables;
        const said = tablesText(tables);
        if (said) tablesNote = h("p", { class: "tables-checked" }, said);
      } catch (e) {
        ctx.session.tables = undefined;
        tablesNote = h(
          "p",
          { class: "tables-checked" },
          `The tables could not be checked: ${errorText(e)}`
        );
      }
      shownCount = PAGE;
      const warnings = check.findings.length - check.errors;
      const rows = check.parsed.dataRows;
      const sheet = `${plural(rows, "row")} checked on the ${check.log.sheet} sheet`;
      // Rows of other fiscal years: said once, under the counts (history, not a finding).
      const outside = check.outsideFiscalYear && outsideFiscalYearText(check.outsideFiscalYear);
      const counted = outside ? "." : ", all counted.";
      const text =
        check.findings.length === 0
          ? `No findings: ${sheet}${counted}`
          : check.errors === 0
            ? `No errors, ${plural(warnings, "warning")}: ${sheet}${counted}`
            : `${plural(check.errors, "error")} in ${plural(check.parsed.invalidRows, "row")}, ${plural(warnings, "warning")}: ${sheet}; the rows with errors are not counted until fixed.`;
      message(
        result,
        check.errors > 0 ? "error" : "ok",
        text,
        outside ? h("p", { class: "outside-fiscal-year" }, outside) : null,
        tablesNote
      );
      announce([text, outside, tablesNote?.textContent].filter(Boolean).join(" "));
      hide(highlightNote);
      renderList();
      if (previewHighlight) showHighlightPreview();
      else {
        preview.hidden = true;
        previewTitle.hidden = true;
      }
    } catch (e) {
      ctx.session.check = undefined;
      ctx.session.tables = undefined;
      renderList();
      message(
        result,
        "error",
        `The log could not be checked: ${errorText(e)}`,
        h(
          "button",
          { type: "button", class: "link", onclick: () => ctx.go("setup") },
          "Set up this workbook"
        )
      );
      announce(`The log could not be checked: ${errorText(e)}`);
    }
  };

  const showHighlightPreview = (): void => {
    const check = ctx.session.check;
    if (!check) return;
    previewTitle.textContent = LOG_PREVIEW;
    const rows = errorRows().sort((a, b) => a - b);
    renderPreview(preview, check.log.grid, {
      rows: rows.slice(0, HIGHLIGHT_PREVIEW_ROWS),
      highlight: new Set(rows),
      dateCol: dateColumn(),
      caption: `${check.log.sheet}: the ${plural(rows.length, "row")} with errors${rows.length > HIGHLIGHT_PREVIEW_ROWS ? ` (first ${HIGHLIGHT_PREVIEW_ROWS} shown)` : ""}`,
    });
    previewTitle.hidden = false;
  };

  run.addEventListener("click", () => void busy(run, runCheck));
  onlyErrors.addEventListener("change", () => {
    shownCount = PAGE;
    renderList();
  });
  more.addEventListener("click", () => {
    const first = shownCount;
    shownCount += PAGE;
    renderList();
    list.querySelectorAll<HTMLButtonElement>(".finding-button")[first]?.focus();
  });
  highlight.addEventListener(
    "click",
    () =>
      void busy(highlight, async () => {
        const ws = ctx.session.workspace;
        const check = ctx.session.check;
        if (!ws || !check) return;
        const rows = errorRows();
        try {
          if (ws.highlightRows) {
            const left = check.log.grid.left ?? 1;
            const right = left + (check.log.grid.values[0]?.length ?? 1) - 1;
            await ws.highlightRows(check.log.sheet, rows, left, right);
            const text = `Highlighted ${plural(rows.length, "row")} with errors on the ${check.log.sheet} sheet. “Clear the highlight” gives the cells their own fill back.`;
            message(highlightNote, "ok", text);
            announce(text);
          } else {
            previewHighlight = true;
            showHighlightPreview();
            const text = `The ${plural(rows.length, "row")} with errors are highlighted in the log preview below. In the browser-only mode the file itself is not marked.`;
            message(highlightNote, "ok", text);
            announce(text);
          }
        } catch (e) {
          message(highlightNote, "error", `Could not highlight the rows: ${errorText(e)}`);
        }
      })
  );
  unhighlight.addEventListener(
    "click",
    () =>
      void busy(unhighlight, async () => {
        const ws = ctx.session.workspace;
        if (!ws) return;
        try {
          if (ws.clearHighlight) {
            const n = await ws.clearHighlight();
            const text =
              n === 0
                ? "Nothing was highlighted by the add-in."
                : `Cleared the highlight from ${plural(n, "row")}.`;
            message(highlightNote, "ok", text);
            announce(text);
          } else {
            previewHighlight = false;
            preview.hidden = true;
            previewTitle.hidden = true;
            message(highlightNote, "ok", "Cleared the highlight.");
            announce("Cleared the highlight.");
          }
        } catch (e) {
          message(highlightNote, "error", `Could not clear the highlight: ${errorText(e)}`);
        }
      })
  );

  const refresh = (): void => {
    const ws = workspaceOrPrompt(ctx, prompt);
    body.hidden = ws === undefined;
  };
  ctx.session.on((event) => {
    if (event === "opened") {
      hide(result);
      hide(highlightNote);
      previewHighlight = false;
      preview.hidden = true;
      previewTitle.hidden = true;
    } else if (!ctx.session.check && !result.hidden) {
      message(result, "info", "The workbook has changed since the last check: check again.");
      preview.hidden = true;
      previewTitle.hidden = true;
    }
    renderList();
    refresh();
  });
  refresh();
  return {
    shown: (action?: string) => {
      refresh();
      if (action === "run" && ctx.session.workspace)
        void busy(run, runCheck).then(() => run.focus());
    },
  };
}

/** "Victim Leads: 1 error, no warnings (4 rows). Media Canvass: no findings (2 rows)." */
function tablesText(tables: OfficeTables): string {
  const { analysis } = tables;
  const parts = [analysis.leads, analysis.materials, analysis.media].flatMap((t) => {
    if (!t) return [];
    const errors = t.errors;
    const warnings = t.findings.length - errors;
    const rows = plural(t.parsed.dataRows, "row");
    const what =
      t.findings.length === 0
        ? "no findings"
        : `${errors === 0 ? "no errors" : plural(errors, "error")}, ${warnings === 0 ? "no warnings" : plural(warnings, "warning")}`;
    return [`${t.parsed.sheet}: ${what} (${rows}).`];
  });
  return parts.join(" ");
}

export const checkView: View = { id: "check", label: "Check", mount: build };
