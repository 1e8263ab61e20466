/**
 * HQ's year: choose the fiscal year, the offices' returned workbooks for the year, and optionally
 * last year's annual workbook (the baseline) and the roster; see each office's status, the national
 * lines beside the baseline's, and the chart; download the annual workbook. The work is
 * app/annual.ts's, as for `tips annual`, loaded with the .xlsx layer only when HQ asks for it.
 */
import { AnnualReport, AnnualStatus, ANNUAL_LABEL, annualSummary } from "../../core/annual";
import { LINE_KEYS, Figures } from "../../core/chart";
import { PeriodError, parseFiscalYear } from "../../core/period";
import { announce, busy, errorText, h, hide, message } from "../dom";
import { XLSX_MIME } from "../file-workspace";
import { downloadWorkbook, readFile } from "../files";
import { barChart } from "./bar-chart";
import { chosenReturns, clearError, field, readOptionalFile, showError } from "./fields";
import { plural } from "./common";
import { View } from "./view";

async function loadAnnual() {
  const [annual, roster] = await Promise.all([
    import(/* webpackChunkName: "hq" */ "../../app/annual"),
    import(/* webpackChunkName: "hq" */ "../../app/roster"),
  ]);
  return { ...annual, ...roster };
}

const BADGE: Readonly<Record<AnnualStatus, string>> = {
  complete: "badge",
  partial: "badge badge-warning",
  superseded: "badge badge-warning",
  "other-fiscal-year": "badge badge-warning",
  invalid: "badge badge-error",
  "not-a-return": "badge badge-error",
  missing: "badge badge-error",
};

const shown = (v: number | null): string => (v === null ? "—" : String(v));

function table(label: string, headers: readonly string[], rows: HTMLElement[]) {
  return h(
    "div",
    { class: "preview-scroll", tabindex: 0, role: "region", "aria-label": label },
    h(
      "table",
      { class: "status-table" },
      h("caption", {}, label),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          headers.map((c) => h("th", { scope: "col" }, c))
        )
      ),
      h("tbody", {}, rows)
    )
  );
}

function statusTable(a: AnnualReport): HTMLElement {
  return table(
    "Office status",
    ["Office", "Status", "File", "Survey", "Reason"],
    a.files.map((f) => {
      const o = f.office ? a.offices.find((x) => x.office === f.office) : undefined;
      const counted = f.status === "complete" || f.status === "partial";
      return h(
        "tr",
        {},
        h("th", { scope: "row" }, f.office ?? "(no office)"),
        h("td", {}, h("span", { class: BADGE[f.status] }, f.status)),
        h("td", {}, f.file ?? "—"),
        h("td", {}, counted ? (o?.surveyAnswered ? "answered" : "not answered") : ""),
        h("td", {}, f.reason)
      );
    })
  );
}

function nationalTable(a: AnnualReport): HTMLElement {
  const base = a.baseline ? `FY${a.baseline.fiscalYear}` : "Baseline";
  return table(
    `National, FY${a.fiscalYear} against ${base}`,
    ["Line", `FY${a.fiscalYear}`, base, "Change", "%"],
    a.national.map((l) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, ANNUAL_LABEL.get(l.key) ?? l.key),
        h("td", {}, shown(l.fy)),
        h("td", {}, shown(l.baseline)),
        h("td", {}, shown(l.change.absolute)),
        h("td", {}, shown(l.change.percent))
      )
    )
  );
}

/** The chart's 15 lines, this year and the baseline, as the pane's bar chart draws two columns. */
function chartOf(a: AnnualReport): SVGSVGElement {
  const fy = {} as Figures;
  const baseline = {} as Figures;
  for (const k of LINE_KEYS) {
    const l = a.national.find((x) => x.key === k)!;
    fy[k] = l.fy ?? 0;
    baseline[k] = l.baseline ?? 0;
  }
  const base = a.baseline ? `FY${a.baseline.fiscalYear}` : "no baseline";
  return barChart(
    { fiscalYear: a.fiscalYear, quarter: 4 },
    { quarter: fy, cumulative: baseline },
    "annual-chart",
    {
      title: `Human Trafficking Outreach, FY${a.fiscalYear} against ${base}, national`,
      first: `FY${a.fiscalYear}`,
      second: a.baseline ? `FY${a.baseline.fiscalYear}` : "Baseline",
    }
  );
}

function build(panel: HTMLElement) {
  const fyInput = h("input", {
    type: "text",
    name: "annual-fy",
    autocomplete: "off",
    placeholder: "FY2007",
  });
  const returnsInput = h("input", {
    type: "file",
    name: "annual-returns",
    multiple: true,
    accept: `.xlsx,${XLSX_MIME}`,
  });
  const baselineInput = h("input", {
    type: "file",
    name: "annual-baseline",
    accept: `.xlsx,${XLSX_MIME}`,
  });
  const rosterInput = h("input", { type: "file", name: "annual-roster", accept: ".csv,.xlsx" });
  const fy = field("Fiscal year", fyInput, "The year being assessed, such as FY2007.");
  const returns = field(
    "Returned workbooks",
    returnsInput,
    "The offices' returns for the year, Q4's and any earlier ones: each office's latest valid return counts (Q4: complete; earlier: partial)."
  );
  const baseline = field(
    "Last year's annual workbook (optional)",
    baselineInput,
    "The annual workbook this view (or tips annual) made last year: each figure of this year is shown beside last year's."
  );
  const roster = field(
    "Roster (optional)",
    rosterInput,
    "A .csv or .xlsx file with a column headed “Office”: offices with no return are listed as missing."
  );
  const go = h("button", { type: "submit", class: "primary" }, "Roll up the year");
  const form = h(
    "form",
    { novalidate: true, "aria-label": "Annual assessment" },
    fy.root,
    returns.root,
    baseline.root,
    roster.root,
    h("div", { class: "actions" }, go)
  );
  const result = h("div", { class: "message", hidden: true });
  const output = h("section", { hidden: true, "aria-label": "The year" });
  const save = h("button", { type: "button", class: "primary" }, "Download the annual workbook");
  const saveResult = h("div", { class: "message", hidden: true });
  const saveBox = h("div", { hidden: true }, h("div", { class: "actions" }, save), saveResult);
  panel.append(
    h("h2", {}, "Annual assessment"),
    h(
      "p",
      { class: "intro" },
      "The year's figures and survey answers per office and national, beside last year's. The files are read here, on this computer; nothing is sent anywhere."
    ),
    form,
    result,
    output,
    saveBox
  );

  let year: AnnualReport | undefined;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void busy(go, async () => {
      for (const f of [fy, returns, baseline, roster]) clearError(f);
      hide(result);
      hide(saveResult);
      let fiscalYear: number;
      try {
        fiscalYear = parseFiscalYear(fyInput.value);
      } catch (e) {
        if (!(e instanceof PeriodError)) throw e;
        showError(fy, e.message);
        fyInput.focus();
        return;
      }
      const files = chosenReturns(returnsInput, returns);
      if (!files) return;
      try {
        const app = await loadAnnual();
        const rosterFile = await readOptionalFile(rosterInput, roster, (bytes, name) =>
          app.parseRoster(name, bytes)
        );
        if (!rosterFile.ok) return;
        const baselineFile = await readOptionalFile(baselineInput, baseline, app.readBaseline);
        if (!baselineFile.ok) return;
        const rosterNames = rosterFile.value;
        const prior = baselineFile.value;
        year = await app.annualFiles(
          fiscalYear,
          files.map((f) => () => readFile(f)),
          { ...(rosterNames ? { roster: rosterNames } : {}), ...(prior ? { baseline: prior } : {}) }
        );
        const summary = `FY${fiscalYear}: ${plural(files.length, "file")} read; offices: ${annualSummary(year.offices)}.`;
        message(result, "ok", summary, ...year.notes.map((n) => h("p", {}, `Note: ${n}.`)));
        announce(summary);
        output.replaceChildren(
          h("h3", {}, "Offices"),
          statusTable(year),
          h("h3", {}, "National"),
          chartOf(year),
          nationalTable(year)
        );
        output.hidden = false;
        saveBox.hidden = false;
      } catch (e) {
        message(result, "error", `Not rolled up: ${errorText(e)}`);
        announce(`Not rolled up: ${errorText(e)}`);
      }
    });
  });

  save.addEventListener(
    "click",
    () =>
      void busy(save, async () => {
        if (!year) return;
        try {
          const app = await loadAnnual();
          const bytes = await app.annualWorkbook(year);
          const name = `annual-FY${year.fiscalYear}.xlsx`;
          downloadWorkbook(name, bytes);
          const text = `Downloaded ${name} (${Math.ceil(bytes.length / 1024)} KB): the national lines and chart, every office's lines, and the office status. Next year, choose it as the baseline.`;
          message(saveResult, "ok", text);
          announce(text);
        } catch (e) {
          message(saveResult, "error", `Not written: ${errorText(e)}`);
          announce(`Not written: ${errorText(e)}`);
        }
      })
  );
  return {};
}

export const annualView: View = { id: "annual", label: "Annual", mount: build };
