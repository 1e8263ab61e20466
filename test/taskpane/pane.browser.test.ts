/**
 * The built task pane in Debian's chromium, in its browser-only mode, as an office worker uses it:
 * open the office's workbook, log an activity with the keyboard alone, check the log and go to a
 * finding, fill the report, download it, and read the download back: its figures are analyze()'s.
 * Every request is recorded (nothing may leave the machine), every view is checked with axe-core
 * (no serious or critical violation), and each view is saved to docs/screenshots/.
 *
 * taskpane.html loads Office's office.js (the one script Office add-ins must take from Microsoft).
 * Here that request is aborted before it is sent, as on a machine without Internet access, and the
 * pane must work without it; a second run gives it a stand-in office.js that names no host, as the
 * real one does in an ordinary browser.
 */
import fs from "fs";
import path from "path";
import { Page } from "playwright-core";
import {
  Browser,
  OUT,
  Server,
  axeProblems,
  builtPane,
  downloadWorkbook as download,
  isLocal,
  launch,
  requireChromium,
  screenshot,
  serve,
} from "./browser";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import {
  leadsSheet,
  logSheet,
  materialsSheet,
  mediaSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { assessmentSheet } from "../../src/workbook/assessment-layout";
import { sampleLog } from "../../src/app/sample";
import { loadQuarterly } from "../../src/app/quarterly";
import { analyze } from "../../src/core/report";
import { parsePeriod } from "../../src/core/period";
import { LINE_KEYS } from "../../src/core/chart";
import { serialFromDay, dayFromYmd } from "../../src/core/dates";
import { LOG_HEADERS } from "../../src/core/vocabulary";
import { SETTING } from "../../src/core/settings";
import { LES_HEADER_FOOTER, LES_MARKING } from "../../src/workbook/sheet-spec";
import { LOG_SHEET } from "../../src/workbook/layout";

jest.setTimeout(120_000);

const PERIOD = parsePeriod("FY2007 Q3");
const OFFICE = "SAC Houston";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

type Row = (string | number | null)[];

/** A workbook made on the command line's code path (tips init/demo), and other sheets. */
async function makeWorkbook(
  file: string,
  rows: Row[],
  more: Parameters<XlsxAdapter["addSheet"]>[0][] = []
): Promise<void> {
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(PERIOD, OFFICE));
  await book.addSheet(logSheet(rows));
  await book.addSheet(prospectiveSheet());
  for (const spec of [leadsSheet(), materialsSheet(), mediaSheet(), ...more])
    await book.addSheet(spec);
  fs.writeFileSync(file, book.save());
}

const houstonRows: Row[] = sampleLog(PERIOD, 120).map((r) => [...r]);
// A warning: text that looks like a formula (kept as text).
houstonRows[4][10] = '=HYPERLINK("http://localhost/x","see") agenda';
const brokenRows: Row[] = sampleLog(PERIOD, 40, 7).map((r) => [...r]);
brokenRows[2][1] = ""; // Sector missing: an error
brokenRows[9][3] = "Coffee"; // not an activity: an error

/** What the keyboard test types (and what the log must then hold). */
const TYPED = {
  date: { keys: "04162007", day: dayFromYmd(2007, 4, 16) },
  agency: "Harris County Sheriff's Office",
  pocName: "Robert Hayes",
  pocTitle: "Sergeant",
  content: "=Trafficking indicators briefing for patrol (roll call DVD)",
};

let server: Server;
let browser: Browser;
let page: Page;
const axe: Record<string, string[]> = {};
const houstonFile = path.join(OUT, "houston.xlsx");
const brokenFile = path.join(OUT, "broken.xlsx");
const notesFile = path.join(OUT, "notes.xlsx");

const downloadWorkbook = (saveAs: string) => download(page, saveAs);

async function checkA11y(name: string): Promise<void> {
  axe[name] = await axeProblems(page);
}

/** A view's panel, so that a message is looked for there (the live region repeats it). */
function pane(id: string) {
  return page.locator(`#panel-${id}`);
}

async function tab(name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
}

async function pressUntilFocused(selector: string, key = "Tab", limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${selector}`);
}

beforeAll(async () => {
  requireChromium();
  fs.mkdirSync(OUT, { recursive: true });
  await makeWorkbook(houstonFile, houstonRows);
  await makeWorkbook(brokenFile, brokenRows);
  // Every sheet Set up makes, and one of the office's own with no header or footer: Set up
  // adds nothing and marks that one.
  await makeWorkbook(notesFile, houstonRows.slice(0, 10), [
    assessmentSheet(PERIOD.fiscalYear, OFFICE),
    { name: "Notes", cells: [{ row: 1, col: 1, value: "Our notes" }] },
  ]);
  server = await serve(builtPane());
  browser = await launch({ officeJs: "abort" });
  page = browser.page;
  await page.goto(`${server.url}/taskpane.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the task pane in the browser-only mode", () => {
  test("starts without Office: the marking, the tabs, and a way to open a workbook", async () => {
    await page.locator("p.mode", { hasText: "Browser-only mode" }).waitFor();
    expect(await page.locator("body").getAttribute("data-mode")).toBe("browser");
    const markings = await page.locator(".marking").allTextContents();
    expect(markings).toEqual([LES_MARKING, LES_MARKING]);
    // (HQ consolidation has its own tab once that view is written.)
    const tabs = await page.getByRole("tab").allTextContents();
    expect(tabs.filter((t) => t !== "HQ")).toEqual([
      "Log an activity",
      "Leads & materials",
      "Check",
      "Quarterly report",
      "Annual",
      "Set up",
    ]);
    await page.getByText("No workbook is open yet").first().waitFor();
    await checkA11y("start");
    await screenshot(page, "pane-start");
  });

  test("opens the office's workbook file", async () => {
    await page.setInputFiles("#open-file", houstonFile);
    await page.locator(".file-bar").getByText("Opened houston.xlsx.").waitFor();
    // The .xlsx layer came in its own chunk, only now.
    expect(browser.requests.some((u) => /\/xlsx\.js$/.test(u))).toBe(true);
  });

  test("logs an activity with the keyboard alone; problems are told next to their fields", async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await pressUntilFocused("#tab-log");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(
      "date"
    );
    await page.keyboard.type(TYPED.date.keys);
    // Chromium's date input has a stop of its own for its calendar button: Tab on to Sector.
    await pressUntilFocused("input[type=radio][value=NGO]");
    await page.keyboard.press("ArrowRight"); // Law Enforcement
    expect(await page.getByRole("group", { name: "Level" }).isVisible()).toBe(true);
    await page.keyboard.press("Tab"); // Level: Local
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab"); // Activity
    await page.keyboard.press("ArrowDown"); // New Contact
    await page.keyboard.press("Tab");
    await page.keyboard.type(TYPED.agency);
    // Save with POC and Content missing: not saved, each problem next to its field.
    await pressUntilFocused("button[type=submit]");
    await page.keyboard.press("Enter");
    await pane("log").getByText("Not saved: 3 fields need attention.").waitFor();
    const pocName = page.locator("input[name=pocName]");
    expect(await pocName.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await pocName.getAttribute("aria-describedby"))!.split(" ");
    const errorText = await page.locator(`#${describedBy[describedBy.length - 1]}`).textContent();
    expect(errorText).toMatch(/POC Name is missing/);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(
      "pocName"
    );
    await checkA11y("log-errors");
    await screenshot(page, "pane-log-errors");
    // Fill them in, still by keyboard.
    await page.keyboard.type(TYPED.pocName);
    await page.keyboard.press("Tab");
    await page.keyboard.type(TYPED.pocTitle);
    await page.keyboard.press("Tab"); // Content (the training counts are hidden)
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).tagName)).toBe(
      "TEXTAREA"
    );
    await page.keyboard.type(TYPED.content);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // Significant
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const saved = `Saved to the ${LOG_SHEET} table, row ${houstonRows.length + 2}: 04/16/2007, New Contact with ${TYPED.agency} (Law Enforcement, Local).`;
    await pane("log").getByText(saved).waitFor();
    await page.waitForFunction(
      (t) => document.getElementById("announcer")?.textContent?.startsWith(t) ?? false,
      saved
    );
    expect(await pocName.getAttribute("aria-invalid")).toBeNull();
    await pane("log")
      .getByText(/begins with "=": it is saved as text/)
      .waitFor();
    await checkA11y("log-saved");
    await screenshot(page, "pane-log");
  });

  test("checks the log and shows a finding's row in the preview", async () => {
    await tab("Check");
    await page.getByRole("button", { name: "Check the log" }).click();
    await pane("check")
      .getByText(
        /^No errors, \d+ warnings?: 121 rows checked on the Outreach Log sheet, all counted\.$/
      )
      .waitFor();
    const finding = page.locator(".finding-button", { hasText: "begins with" }).first();
    const where = await finding.locator(".where").textContent();
    expect(where).toBe("Row 6, Content (K6)");
    await finding.click();
    const current = page.locator("table.preview tr.current");
    await current.waitFor();
    expect(await current.locator("th").first().textContent()).toBe("6");
    expect(await page.locator("td.current-cell").textContent()).toContain("=HYPERLINK");
    await page
      .locator("#announcer")
      .getByText("Row 6 is shown in the log preview below, cell K6 marked.")
      .waitFor();
    await checkA11y("check");
    await screenshot(page, "pane-check");
  });

  test("fills the quarterly report and shows its figures", async () => {
    await tab("Quarterly report");
    expect(await page.locator("#panel-report input[name=period]").inputValue()).toBe("FY2007 Q3");
    expect(await page.locator("#panel-report input[name=office]").inputValue()).toBe(OFFICE);
    await page.getByRole("button", { name: "Fill the report" }).click();
    await pane("report")
      .getByText(/^Filled the report on the Quarterly Report sheet for FY2007 Q3 \(SAC Houston\)/)
      .waitFor();
    await page.locator("table.figures").waitFor();
    expect(await page.locator("svg.bar-chart[role=img]").count()).toBe(1);
    expect(
      await page
        .locator(".file-bar")
        .getByText(/changed\. Download the workbook/)
        .count()
    ).toBe(1);
    await checkA11y("report");
    await screenshot(page, "pane-report");
  });

  test("downloads the workbook; read back, its figures are analyze()'s", async () => {
    const { book, suggested } = await downloadWorkbook("houston-downloaded.xlsx");
    expect(suggested).toBe("houston.xlsx");
    const q = await loadQuarterly(book);
    const typedRow: Row = [
      serialFromDay(TYPED.date.day, false),
      "Law Enforcement",
      "Local",
      "New Contact",
      TYPED.agency,
      TYPED.pocName,
      TYPED.pocTitle,
      null,
      null,
      null,
      TYPED.content,
      "Y",
    ];
    const expected = analyze({
      log: { values: [LOG_HEADERS, ...houstonRows, typedRow], header: "required" },
      period: PERIOD,
    });
    expect(q.report.figures).toEqual(expected.figures);
    // The chart's cells hold those figures, and the row typed is in the log as typed.
    for (const key of LINE_KEYS) {
      expect(q.chart.written[key]).toEqual({
        quarter: expected.figures.quarter[key],
        cumulative: expected.figures.cumulative[key],
      });
    }
    const last = q.log.grid.values[q.log.grid.values.length - 1];
    expect(last).toEqual(typedRow.map((v) => (v === null ? null : v)));
    expect(await book.getSetting(SETTING.period)).toBe("FY2007 Q3");
    expect(
      await page
        .locator(".file-bar")
        .getByText(/no unsaved changes/i)
        .count()
    ).toBe(1);
  });

  test("refuses to fill while the log has errors, and takes the user to them", async () => {
    await page.setInputFiles("#open-file", brokenFile);
    await page.locator(".file-bar").getByText("Opened broken.xlsx.").waitFor();
    await tab("Quarterly report");
    await page.getByRole("button", { name: "Fill the report" }).click();
    await pane("report")
      .getByText(/^Not filled: The log has 2 errors in 2 rows/)
      .waitFor();
    await checkA11y("report-refused");
    await page.getByRole("button", { name: "See the 2 errors in Check" }).click();
    expect(await page.getByRole("tab", { name: "Check" }).getAttribute("aria-selected")).toBe(
      "true"
    );
    await pane("check")
      .getByText(/^2 errors in 2 rows, \d+ warnings?: 40 rows checked/)
      .waitFor();
    await page.getByRole("button", { name: "Highlight the rows with errors" }).click();
    expect(await page.locator("table.preview tr.highlighted").count()).toBe(2);
    await checkA11y("check-errors");
    await screenshot(page, "pane-check-errors");
    await page.getByRole("button", { name: "Clear the highlight" }).click();
    expect(await page.locator("table.preview").isVisible()).toBe(false);
  });

  test("records an opening balance, added to the Cumulative figures", async () => {
    await page.setInputFiles("#open-file", houstonFile);
    await page.locator(".file-bar").getByText("Opened houston.xlsx.").waitFor();
    await tab("Quarterly report");
    await pane("report")
      .getByText("Opening balance (for an office that started logging mid-year)")
      .click();
    await pane("report")
      .getByText(/For fiscal year 2007/)
      .waitFor();
    await page.locator("input[name='opening-ngo.newContact']").fill("7");
    await page.locator("input[name='opening-le.local']").fill("-2");
    await page.getByRole("button", { name: "Save the opening balance" }).click();
    await pane("report")
      .getByText("Not saved: 1 line needs a whole number of 0 or more.")
      .waitFor();
    await page.locator("input[name='opening-le.local']").fill("");
    await page.getByRole("button", { name: "Save the opening balance" }).click();
    await pane("report")
      .getByText("Saved the opening balance for fiscal year 2007.", { exact: false })
      .waitFor();
    await checkA11y("opening");
    await page.getByRole("button", { name: "Show the figures" }).click();
    const expected = analyze({
      log: { values: [LOG_HEADERS, ...houstonRows], header: "required" },
      period: PERIOD,
    });
    const cell = page.locator("table.figures tbody tr").nth(1).locator("td").nth(1);
    expect(Number(await cell.textContent())).toBe(
      expected.figures.cumulative["ngo.newContact"] + 7
    );
  });

  test("starts a new workbook and sets it up", async () => {
    await page.getByRole("button", { name: "Start a new workbook" }).click();
    // The message names the sheets Set up added, the last one too.
    await page
      .getByText(
        /^Started a new workbook with the sheets “Quarterly Report”.*“Annual Assessment”\./
      )
      .waitFor();
    expect(await page.getByRole("tab", { name: "Set up" }).getAttribute("aria-selected")).toBe(
      "true"
    );
    await page.locator("#panel-setup input[name=office]").fill("Attaché Mexico City");
    await page.locator("#panel-setup input[name=period]").fill("FY2008 Q1");
    await page.getByRole("button", { name: "Set up this workbook" }).click();
    await pane("setup")
      .getByText(
        /Nothing was missing: no sheet added\. Recorded office: Attaché Mexico City, period: FY2008 Q1\./
      )
      .waitFor();
    await checkA11y("setup");
    await screenshot(page, "pane-setup");
    const { book } = await downloadWorkbook("new.xlsx");
    expect(await book.sheetNames()).toEqual([
      "Quarterly Report",
      "Outreach Log",
      "Prospective Training",
      "Victim Leads",
      "Materials Distributed",
      "Media Canvass",
      "Annual Assessment",
    ]);
    expect(await book.getSetting(SETTING.office)).toBe("Attaché Mexico City");
    expect(await book.getSetting(SETTING.period)).toBe("FY2008 Q1");
  });

  test("sets up a workbook whose own sheet has no marking: the download has it", async () => {
    await page.setInputFiles("#open-file", notesFile);
    await page.locator(".file-bar").getByText("Opened notes.xlsx.").waitFor();
    await tab("Set up");
    await pane("setup").getByText("Reporting period: FY2007 Q3").waitFor();
    await page.getByRole("button", { name: "Set up this workbook" }).click();
    await pane("setup")
      .getByText(
        /^Nothing was missing: no sheet added\. Marked “Notes” LES\/FOUO in the header and footer\.$/
      )
      .waitFor();
    const { book } = await downloadWorkbook("notes-marked.xlsx");
    expect(book.book.getHeaderFooter("Notes")).toMatchObject(LES_HEADER_FOOTER);
    expect((await book.readSheet("Notes")).values).toEqual([["Our notes"]]);
    expect(await book.markSheets()).toMatchObject({ marked: [], occupied: [] });
  });

  test("no serious or critical accessibility violation in any view (axe-core)", () => {
    expect(Object.keys(axe).length).toBeGreaterThanOrEqual(8);
    expect(axe).toEqual(Object.fromEntries(Object.keys(axe).map((k) => [k, []])));
  });

  test("nothing left the machine: the only outside request was office.js, blocked before sending", () => {
    const outside = browser.requests.filter((u) => !isLocal(u));
    expect(outside).toEqual([OFFICE_JS]);
    expect(browser.blocked).toEqual([OFFICE_JS]);
    expect(browser.pageErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]); // all of it works under the page's policy
  });
});

describe("with an office.js that names no host (an ordinary browser)", () => {
  test("the pane takes the browser-only mode", async () => {
    requireChromium();
    const stub =
      "window.Office = { onReady: function () { return Promise.resolve({ host: null, platform: null }); } };";
    const other = await launch({ officeJs: stub });
    try {
      await other.page.goto(`${server.url}/taskpane.html`);
      await other.page.locator("p.mode", { hasText: "Browser-only mode" }).waitFor();
      expect(await other.page.locator("body").getAttribute("data-mode")).toBe("browser");
      expect(other.requests.filter((u) => !isLocal(u))).toEqual([OFFICE_JS]);
      expect(other.pageErrors).toEqual([]);
      expect(other.cspViolations).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
