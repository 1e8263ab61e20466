/**
 * HQ consolidation: choose the offices' returned workbooks (and the roster, and last quarter's
 * national workbook), watch the Return Status table fill as each file is read, then write the
 * national sheets: inside Excel into the open workbook (a blank one), in the browser-only mode as
 * a downloaded workbook. The work is app/consolidate.ts's, as for `tips consolidate`; it is loaded
 * (with the .xlsx layer that reading the returns needs) only when HQ consolidates.
 */
import {
  NationalReport,
  StatusRow,
  findingLine,
  needsAttention,
  statusSummary,
} from "../../core/consolidate";
import { FiscalPeriod, PERIOD_NOTATIONS, formatPeriod, parsePeriod } from "../../core/period";
import { announce, busy, errorText, h, hide, message } from "../dom";
import { XLSX_MIME } from "../file-workspace";
import { downloadWorkbook, readFile } from "../files";
import { chosenReturns, clearError, field, readOptionalFile, showError } from "./fields";
import { blockTable, figuresTable } from "./figures-table";
import { reportBlocks } from "../../app/tables";
import { plural, today } from "./common";
import { View, ViewContext } from "./view";

/** The consolidation and roster modules, in their own chunk (they bring the .xlsx layer). */
async function loadHq() {
  const [consolidate, roster] = await Promise.all([
    import(/* webpackChunkName: "hq" */ "../../app/consolidate"),
    import(/* webpackChunkName: "hq" */ "../../app/roster"),
  ]);
  return { ...consolidate, ...roster };
}

const BADGE: Readonly<Record<StatusRow["status"], string>> = {
  received: "badge",
  "nothing-to-report": "badge",
  superseded: "badge badge-warning",
  "other-period": "badge badge-warning",
  invalid: "badge badge-error",
  "not-a-return": "badge badge-error",
  missing: "badge badge-error",
};

function statusTable(rows: readonly StatusRow[]): HTMLElement {
  return h(
    "div",
    { class: "preview-scroll", tabindex: 0, role: "region", "aria-label": "Return status" },
    h(
      "table",
      { class: "status-table" },
      h("caption", {}, "Return status"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Office", "Status", "File", "Rows", "Notes"].map((c) => h("th", { scope: "col" }, c))
        )
      ),
      h(
        "tbody",
        {},
        rows.map((s) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, s.office ?? "(no office)"),
            h("td", {}, h("span", { class: BADGE[s.status] }, s.status)),
            h("td", {}, s.file ?? "—"),
            h("td", {}, s.file === undefined ? "" : String(s.rows)),
            h("td", {}, [...s.notes, ...s.findings.map(findingLine)].join("; "))
          )
        )
      )
    )
  );
}

function build(panel: HTMLElement, ctx: ViewContext) {
  const periodInput = h("input", {
    type: "text",
    name: "hq-period",
    autocomplete: "off",
    placeholder: "FY2007 Q3",
  });
  const returnsInput = h("input", {
    type: "file",
    name: "returns",
    multiple: true,
    accept: `.xlsx,${XLSX_MIME}`,
  });
  const rosterInput = h("input", { type: "file", name: "roster", accept: ".csv,.xlsx" });
  const previousInput = h("input", {
    type: "file",
    name: "previous",
    accept: `.xlsx,${XLSX_MIME}`,
  });
  const period = field(
    "Reporting period",
    periodInput,
    `The quarter being consolidated, such as ${PERIOD_NOTATIONS}.`
  );
  const returns = field(
    "Returned workbooks",
    returnsInput,
    "Every office's workbook for the quarter (choose them all at once). A resubmission is fine: an office's newest return counts, the others are listed as superseded."
  );
  const roster = field(
    "Roster (optional)",
    rosterInput,
    "A .csv or .xlsx file with a column headed “Office”: the offices that should return. Those with no return are listed as missing."
  );
  const previous = field(
    "Last quarter's national workbook (optional)",
    previousInput,
    "To flag an office whose Cumulative figure went down since last quarter."
  );
  const go = h("button", { type: "submit", class: "primary" }, "Consolidate");
  const form = h(
    "form",
    { novalidate: true, "aria-label": "HQ consolidation" },
    period.root,
    returns.root,
    roster.root,
    previous.root,
    h("div", { class: "actions" }, go)
  );
  const progressBar = h("progress", { max: 1, value: 0, "aria-label": "Files read" });
  const progressText = h("p", { class: "hint" });
  const progress = h("div", { class: "progress", hidden: true }, progressBar, progressText);
  const result = h("div", { class: "message", hidden: true });
  const table = h("section", { "aria-label": "Return status", hidden: true });
  const write = h("button", { type: "button", class: "primary" }, "");
  const writeResult = h("div", { class: "message", hidden: true });
  const output = h("section", { class: "figures-box", hidden: true, "aria-label": "National" });
  const writeBox = h("div", { hidden: true }, h("div", { class: "actions" }, write), writeResult);

  panel.append(
    h("h2", {}, "HQ consolidation"),
    h(
      "p",
      { class: "intro" },
      "Rolls the offices' returned workbooks up into the national chart. The files are read here, on this computer; nothing is sent anywhere. Each office counts once, from its own log; a return with errors in its log, for another quarter, or that is not a return at all is listed with the reason and not counted."
    ),
    form,
    progress,
    result,
    table,
    output,
    writeBox
  );

  let national: NationalReport | undefined;

  const excel = (): boolean => ctx.session.workspace?.kind === "excel";
  const refreshWrite = (): void => {
    write.textContent = excel()
      ? "Write the national sheets into this workbook"
      : "Download the national workbook";
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void busy(go, async () => {
      for (const f of [period, returns, roster, previous]) clearError(f);
      hide(result);
      hide(writeResult);
      let p: FiscalPeriod;
      try {
        p = parsePeriod(periodInput.value);
      } catch (e) {
        showError(period, errorText(e));
        periodInput.focus();
        return;
      }
      const files = chosenReturns(returnsInput, returns);
      if (!files) return;
      try {
        const hq = await loadHq();
        const rosterFile = await readOptionalFile(rosterInput, roster, (bytes, name) =>
          hq.parseRoster(name, bytes)
        );
        if (!rosterFile.ok) return;
        const previousFile = await readOptionalFile(previousInput, previous, hq.readPrevious);
        if (!previousFile.ok) return;
        const rosterNames = rosterFile.value;
        const prior = previousFile.value;
        national = undefined;
        output.hidden = true;
        writeBox.hidden = true;
        progress.hidden = false;
        progressBar.max = files.length;
        progressBar.value = 0;
        progressText.textContent = `Reading ${plural(files.length, "file")}…`;
        announce(`Consolidating ${plural(files.length, "file")} for ${formatPeriod(p)}.`);
        table.hidden = false;
        table.replaceChildren();
        national = await hq.consolidateFiles(
          p,
          files.map((f) => () => readFile(f)),
          {
            ...(rosterNames ? { roster: rosterNames } : {}),
            ...(prior ? { previous: prior } : {}),
            today: today(),
            onFile: (at) => {
              progressBar.value = at.done;
              progressText.textContent = `Read ${at.done} of ${at.total}: ${at.file}`;
              table.replaceChildren(statusTable(at.statuses()));
            },
          }
        );
        table.replaceChildren(statusTable(national.statuses));
        progress.hidden = true;
        const summary = `${formatPeriod(p)}: ${statusSummary(national.statuses)}. The national figures count ${plural(national.offices.length, "office")}, ${plural(national.log.length, "log row")}.`;
        message(
          result,
          needsAttention(national.statuses) ? "info" : "ok",
          summary,
          ...national.notes.map((n) => h("p", {}, `Note: ${n}.`))
        );
        announce(summary);
        output.replaceChildren(
          h("h3", {}, "National figures"),
          figuresTable(
            national.figures,
            `Human Trafficking Outreach, ${formatPeriod(national.period)}, National`
          ),
          // The offices' leads, materials and media canvass, summed (medians from all the rows).
          ...reportBlocks(national.tables).map((b) => blockTable(b, `${b.heading}, National`))
        );
        output.hidden = false;
        refreshWrite();
        writeBox.hidden = false;
      } catch (e) {
        progress.hidden = true;
        message(result, "error", `Not consolidated: ${errorText(e)}`);
        announce(`Not consolidated: ${errorText(e)}`);
      }
    });
  });

  write.addEventListener(
    "click",
    () =>
      void busy(write, async () => {
        if (!national) return;
        const n = national;
        try {
          const hq = await loadHq();
          const ws = ctx.session.workspace;
          if (ws?.kind === "excel") {
            const problem = await hq.nationalTargetProblem(ws.port);
            if (problem) {
              message(writeResult, "error", `Not written: ${errorText(new Error(problem))}`);
              announce(`Not written: ${problem}`);
              return;
            }
            await hq.writeNational(ws.port, n);
            ctx.session.changed();
            const text = `Wrote the national sheets into this workbook: “National Chart”, “By Office”, “Return Status” and “Combined Log” (${plural(n.log.length, "row")}).`;
            message(writeResult, "ok", text);
            announce(text);
            return;
          }
          const bytes = await hq.nationalWorkbook(n);
          const name = `national-${formatPeriod(n.period).replace(/\s+/g, "-")}.xlsx`;
          downloadWorkbook(name, bytes);
          const text = `Downloaded ${name} (${Math.ceil(bytes.length / 1024)} KB): the national chart, the per-office figures, the return status and the combined log.`;
          message(writeResult, "ok", text);
          announce(text);
        } catch (e) {
          message(writeResult, "error", `Not written: ${errorText(e)}`);
          announce(`Not written: ${errorText(e)}`);
        }
      })
  );

  ctx.session.on(() => refreshWrite());
  refreshWrite();
  return { shown: () => refreshWrite() };
}

export const hqView: View = { id: "hq", label: "HQ", mount: build };
