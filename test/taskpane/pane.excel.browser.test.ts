/**
 * The built task pane in its Excel mode, in chromium: office.js is answered by a stand-in
 * (test/taskpane/excel-host/host.ts) that names Excel as the host and runs Excel.run over the
 * office-addin-mock fake of test/office. The pane then goes through the Office adapter as it does
 * in Excel: a saved activity lands in the log table, a finding selects its cell, the rows with
 * errors are filled and cleared, a lead saved in its form lands in the Victim Leads table and its
 * finding selects its cell on that sheet, the report is refused and then filled, the chart is drawn,
 * and setting up marks the office's own sheet LES/FOUO.
 */
import path from "path";
import { Page } from "playwright-core";
import {
  Browser,
  Server,
  axeProblems,
  builtPane,
  screenshot,
  bundle,
  isLocal,
  launch,
  requireChromium,
  serve,
} from "./browser";
import type { FakeExcel } from "../office/fake-excel";
import { analyze } from "../../src/core/report";
import { parsePeriod } from "../../src/core/period";
import { LINE_KEYS } from "../../src/core/chart";
import { LES_MARKING } from "../../src/workbook/sheet-spec";
import { CHART_SHEET, HIGHLIGHT_COLOR } from "../../src/workbook/office-adapter";
import { LOG_SHEET, REPORT_SHEET } from "../../src/workbook/layout";

jest.setTimeout(180_000);

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

let server: Server;
let browser: Browser;
let page: Page;
const axe: Record<string, string[]> = {};

function pane(id: string) {
  return page.locator(`#panel-${id}`);
}

/**
 * Something of the fake workbook, read in the page. An expression evaluated by the debugging
 * protocol: `new Function` in the page would be eval, which the pane's policy refuses.
 */
function fake<T>(read: (excel: FakeExcel) => T): Promise<T> {
  return page.evaluate(`(${read.toString()})(window.tipsFake)`) as Promise<T>;
}

/** The log table's cells and the chart's rows (label, Quarter, Cumulative) in the fake workbook. */
function reportCells(): Promise<{ values: unknown[][]; written: unknown[][] }> {
  return fake((x) => {
    const log = x.sheet("Outreach Log");
    const t = x.table("OutreachLog");
    const values: unknown[][] = [];
    for (let r = t.top; r <= t.bottom; r++) {
      const row: unknown[] = [];
      for (let c = t.left; c <= t.right; c++) row.push(log.value(r, c));
      values.push(row);
    }
    const report = x.sheet("Quarterly Report");
    const written: unknown[][] = [];
    for (let r = 6; r <= 24; r++)
      written.push([report.value(r, 1), report.value(r, 2), report.value(r, 3)]);
    return { values, written };
  });
}

/** The workbook summary above the views: each term with its value, once read. */
async function summaryText(): Promise<Record<string, string>> {
  const summary = page.locator("#workbook-summary");
  await summary.locator("dd").first().waitFor();
  await page.waitForFunction(
    () => document.getElementById("workbook-summary")?.getAttribute("aria-busy") !== "true"
  );
  const terms = await summary.locator("dt").allTextContents();
  const values = await summary.locator("dd").allTextContents();
  return Object.fromEntries(terms.map((t, i) => [t, values[i]]));
}

beforeAll(async () => {
  requireChromium();
  const host = await bundle(path.join(__dirname, "excel-host", "host.ts"), {
    alias: { "office-addin-manifest": path.join(__dirname, "excel-host", "office-app.js") },
    define: { jest: "({ mock: function () {} })" },
  });
  server = await serve(builtPane());
  browser = await launch({ officeJs: host });
  page = browser.page;
  await page.goto(`${server.url}/taskpane.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the task pane in Excel (office-addin-mock behind Excel.run)", () => {
  test("starts in the Excel mode: no file bar, the marking, the tabs", async () => {
    await page.getByText("Working on the workbook open in Excel.").waitFor();
    expect(await page.locator("body").getAttribute("data-mode")).toBe("excel");
    expect(await page.locator(".file-bar").count()).toBe(0);
    expect(await page.locator(".marking").first().textContent()).toBe(LES_MARKING);
    expect(await summaryText()).toEqual({
      Office: "SAC Houston",
      Period: "FY2007 Q3",
      "Outreach log": "60 rows on “Outreach Log”",
    });
    axe.start = await axeProblems(page);
  });

  test("an activity saved in the form is appended to the log table, one sync", async () => {
    const save = async (agency: string) => {
      const form = pane("log");
      await form.locator("input[name=date]").fill("2007-05-03");
      await form.getByLabel("NGO").check();
      await form.locator("select[name=activity]").selectOption("Requested Services");
      await form.locator("input[name=agency]").fill(agency);
      await form.locator("textarea[name=content]").fill("Referral of two potential victims.");
      const before = await fake((x) => x.syncs);
      await form.getByRole("button", { name: "Save to the log" }).click();
      await form
        .getByText(
          new RegExp(
            `^Saved to the Outreach Log table, row \\d+: 05/03/2007, Requested Services with ${agency}`
          )
        )
        .waitFor();
      return (await fake((x) => x.syncs)) - before;
    };
    await save("Tapestri");
    expect(await save("Safe Horizon")).toBe(1); // the table found once; each save one sync
    const last = await fake((x) => {
      const t = x.table("OutreachLog");
      const s = x.sheet(t.sheet);
      return {
        bottom: t.bottom,
        agency: s.value(t.bottom, 5),
        sector: s.value(t.bottom, 2),
        text: s.cell(t.bottom, 5)?.numberFormat,
      };
    });
    expect(last).toEqual({ bottom: 63, agency: "Safe Horizon", sector: "NGO", text: "@" });
    expect((await summaryText())["Outreach log"]).toBe("62 rows on “Outreach Log”");
    axe.log = await axeProblems(page);
  });

  test("choosing a finding selects its cell in the workbook", async () => {
    await page.getByRole("tab", { name: "Check" }).click();
    await pane("check").getByRole("button", { name: "Check the log" }).click();
    await pane("check")
      .getByText(/^1 error in 1 row/)
      .waitFor();
    await pane("check").locator(".finding-error .finding-button").first().click();
    await page.locator("#announcer").getByText("Selected B3 on the Outreach Log sheet.").waitFor();
    expect(await fake((x) => ({ selected: x.selected, active: x.active }))).toEqual({
      selected: { sheet: LOG_SHEET, address: "B3" },
      active: LOG_SHEET,
    });
    expect(await pane("check").locator("table.preview").count()).toBe(0);
    axe.check = await axeProblems(page);
    await screenshot(page, "excel-check");
  });

  test("the rows with errors are filled in the workbook, and the fill cleared", async () => {
    await pane("check").getByRole("button", { name: "Highlight the rows with errors" }).click();
    await pane("check")
      .getByText(/^Highlighted 1 row with errors on the Outreach Log sheet/)
      .waitFor();
    expect(await fake((x) => [1, 12].map((c) => x.sheet("Outreach Log").cell(3, c)?.fill))).toEqual(
      [HIGHLIGHT_COLOR, HIGHLIGHT_COLOR]
    );
    await pane("check").getByRole("button", { name: "Clear the highlight" }).click();
    await pane("check").getByText("Cleared the highlight from 1 row.").waitFor();
    expect(await fake((x) => x.sheet("Outreach Log").cell(3, 1)?.fill ?? null)).toBeNull();
  });

  test("a lead saved in its form lands in the Victim Leads table; its finding selects its cell there", async () => {
    await page.getByRole("tab", { name: "Leads & materials" }).click();
    const lead = pane("tables").getByRole("form", { name: "A victim lead" });
    await lead.getByLabel("Date Received").fill("2007-04-02");
    await lead.getByLabel("Source").selectOption("NGO");
    await lead.getByLabel("Referring Agency").fill("Tapestri");
    await lead.getByLabel("Request").selectOption("Interview Request");
    await lead.getByRole("button", { name: "Save the lead" }).click();
    await pane("tables")
      .getByText(
        "Saved to the Victim Leads table, row 4: 04/02/2007, Interview Request from Tapestri."
      )
      .waitFor();
    const row = await fake((x) => {
      const t = x.table("VictimLeads");
      const s = x.sheet(t.sheet);
      const cells: unknown[] = [];
      for (let c = t.left; c <= t.right; c++) cells.push(s.value(t.bottom, c));
      return { sheet: t.sheet, bottom: t.bottom, cells };
    });
    // 04/02/2007 as Excel's serial number; the Source as the spec spells it.
    expect(row).toEqual({
      sheet: "Victim Leads",
      bottom: 4,
      cells: [39174, "NGO", "Tapestri", "Interview Request", null, null, null],
    });
    axe.lead = await axeProblems(page);
    // Open at 06/30/2007 for 89 days: Check warns, and choosing it selects its cell on its sheet.
    await page.getByRole("tab", { name: "Check" }).click();
    await pane("check").getByRole("button", { name: "Check the log" }).click();
    const finding = pane("check").locator(".finding-button", {
      hasText: "more than the 30 allowed",
    });
    await finding.waitFor();
    expect(await finding.locator(".where").textContent()).toBe(
      "Victim Leads, row 4, Date Responded (E4)"
    );
    await finding.click();
    await page.locator("#announcer").getByText("Selected E4 on the Victim Leads sheet.").waitFor();
    expect(await fake((x) => x.selected)).toEqual({ sheet: "Victim Leads", address: "E4" });
  });

  test("the report is refused while the log has an error, then filled once it is fixed", async () => {
    await page.getByRole("tab", { name: "Quarterly report" }).click();
    await page.locator("#panel-report input[name=period]").waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector("#panel-report input[name=period]") as HTMLInputElement).value !==
        ""
    );
    await pane("report").getByRole("button", { name: "Fill the report" }).click();
    await pane("report")
      .getByText(/^Not filled: The log has 1 error in 1 row/)
      .waitFor();
    // Fill anyway: a confirmation lists the error; cancelled, nothing is written.
    const anyway = pane("report").getByRole("button", { name: "Fill anyway, leaving 1 row out…" });
    const dialog = page.getByRole("dialog", { name: "Fill the report anyway?" });
    await anyway.click();
    await dialog.waitFor();
    expect(await dialog.getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(/^Row 3, Sector \(B3\): Sector is missing/),
    ]);
    axe.confirm = await axeProblems(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await reportCells()).written.some((r) => typeof r[1] === "number")).toBe(false);
    // Confirmed: filled without the row with the error, as tips fill --force.
    await anyway.click();
    await dialog.getByRole("button", { name: "Fill, leaving 1 row out" }).click();
    await pane("report")
      .getByText(/Left out 1 row with errors/)
      .waitFor();
    const forced = await reportCells();
    const withError = analyze({
      log: { values: forced.values as never, header: "required" },
      period: parsePeriod("FY2007 Q3"),
    });
    expect(withError.errors).toBe(1);
    expect(forced.written.filter((r) => typeof r[1] === "number").map((r) => [r[1], r[2]])).toEqual(
      LINE_KEYS.map((k) => [withError.figures.quarter[k], withError.figures.cumulative[k]])
    );
    // The user fixes the row in Excel.
    await fake((x) => {
      const s = x.sheet("Outreach Log");
      s.cell(3, 2)!.value = s.value(3, 3) ? "Law Enforcement" : "NGO";
      return true;
    });
    await pane("report").getByRole("button", { name: "Fill the report" }).click();
    await pane("report")
      // (the forced fill's message also starts so; this one leaves nothing out)
      .getByText(
        /^Filled the report on the Quarterly Report sheet for FY2007 Q3 \(SAC Houston\).* written\.$/
      )
      .waitFor();
    const cells = await reportCells();
    const expected = analyze({
      log: { values: cells.values as never, header: "required" },
      period: parsePeriod("FY2007 Q3"),
    });
    expect(expected.errors).toBe(0);
    const lines = cells.written.filter((r) => typeof r[1] === "number");
    expect(lines.map((r) => [r[1], r[2]])).toEqual(
      LINE_KEYS.map((k) => [expected.figures.quarter[k], expected.figures.cumulative[k]])
    );
    expect(await fake((x) => x.sheet("Quarterly Report").value(1, 1))).toBe(
      "ICE Human Trafficking Outreach Quarterly Report 04/01/07 to 06/30/07 SAC Houston"
    );
    axe.report = await axeProblems(page);
    await screenshot(page, "excel-report");
  });

  test("the figures as a native Excel chart", async () => {
    await pane("report").getByRole("button", { name: "Draw the chart in the workbook" }).click();
    await pane("report")
      .getByText("Drew the chart on the “Outreach Chart” sheet for FY2007 Q3.")
      .waitFor();
    const chart = await fake((x) =>
      x.sheet("Outreach Chart").charts.map((c) => [c.type, c.source])
    );
    expect(chart).toEqual([["BarClustered", "A1:C16"]]);
    expect(await fake((x) => x.sheets.map((s) => s.name))).toEqual([
      REPORT_SHEET,
      LOG_SHEET,
      "Prospective Training",
      "Victim Leads",
      "Materials Distributed",
      "Media Canvass",
      "Notes",
      CHART_SHEET,
    ]);
  });

  test("setting up marks the office's own sheet LES/FOUO and adds only what is missing", async () => {
    await page.getByRole("tab", { name: "Set up" }).click();
    await pane("setup")
      .getByText(/Present Outreach log/)
      .waitFor();
    const before = await fake((x) => x.sheets.map((s) => s.name));
    await pane("setup").getByRole("button", { name: "Set up this workbook" }).click();
    await pane("setup")
      .getByText(/Marked “Notes” LES\/FOUO in the header and footer\.$/)
      .waitFor();
    // The host's workbook has every sheet but the annual assessment: that one is added.
    expect(await fake((x) => x.sheets.map((s) => s.name))).toEqual([
      ...before,
      "Annual Assessment",
    ]);
    expect(await fake((x) => x.sheet("Notes").headerFooter.centerHeader)).toContain(LES_MARKING);
    axe.setup = await axeProblems(page);
  });

  test("no serious or critical accessibility violation; nothing left the machine", () => {
    expect(axe).toEqual({
      start: [],
      log: [],
      check: [],
      lead: [],
      confirm: [],
      report: [],
      setup: [],
    });
    expect(browser.requests.filter((u) => !isLocal(u))).toEqual([OFFICE_JS]);
    expect(browser.pageErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]); // all of it works under the page's policy
  });
});
