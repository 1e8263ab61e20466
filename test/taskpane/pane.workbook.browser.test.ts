/**
 * The task pane in its browser-only mode, on real .xlsx files, for what tells an office which
 * workbook it is about to fill and what filling will do:
 * - every view shows the open workbook's office, period and log row count, or says it has none,
 *   and the summary follows the workbook as the pane writes to it (log entry, set up, fill);
 * - Check says once how many rows of other fiscal years are not counted, never per row;
 * - "Fill anyway" (tips fill --force) fills only after a confirmation that lists the errors:
 *   the downloaded workbook has no figures before it or after a cancel, and the engine's after.
 */
import fs from "fs";
import path from "path";
import { Page } from "playwright-core";
import {
  Browser,
  OUT,
  Server,
  axeProblems,
  downloadWorkbook,
  isLocal,
  openBrowserPane,
  requireChromium,
} from "./browser";
import { sampleLog } from "../../src/app/sample";
import { loadQuarterly } from "../../src/app/quarterly";
import { LINE_KEYS } from "../../src/core/chart";
import { isBlank } from "../../src/core/log";
import { parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import { LOG_HEADERS } from "../../src/core/vocabulary";
import {
  LogRowValues,
  logSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { SUMMARY_NONE } from "../../src/taskpane/summary";

jest.setTimeout(120_000);

const PERIOD = parsePeriod("FY2007 Q3");
const OFFICE = "SAC Houston";
const TABS = ["Log an activity", "Check", "Quarterly report", "Set up"];
/** Errors made in the FY2007 rows: more than the confirmation lists (10), to see "and 2 more". */
const ERRORS = 12;

type Row = (string | number | null)[];

const houstonRows: Row[] = sampleLog(PERIOD, 120).map((r) => [...r]);
/** Three fiscal years: 5 rows of FY2006, 40 of FY2007 (12 with an error), 7 of FY2008. */
const multiYearRows: Row[] = [
  ...sampleLog(parsePeriod("FY2006 Q3"), 5, 11),
  ...sampleLog(PERIOD, 40, 7),
  ...sampleLog(parsePeriod("FY2008 Q1"), 7, 13),
].map((r) => [...r]);
for (let i = 0; i < ERRORS; i++) multiYearRows[5 + 3 * i][1] = ""; // Sector missing: an error

async function writeBook(file: string, build: (book: XlsxAdapter) => Promise<void>) {
  const book = XlsxAdapter.blank();
  await build(book);
  fs.writeFileSync(file, book.save());
}

let server: Server;
let browser: Browser;
let page: Page;
const axe: Record<string, string[]> = {};
const houstonFile = path.join(OUT, "summary-houston.xlsx");
const bareFile = path.join(OUT, "summary-bare.xlsx");
const multiYearFile = path.join(OUT, "multi-year-broken.xlsx");

const pane = (id: string) => page.locator(`#panel-${id}`);
const summary = () => page.locator("#workbook-summary");
/** The file bar says the workbook has not been written since it was opened. */
const unchanged = async () =>
  (await page
    .locator(".file-bar")
    .getByText(/No unsaved changes/)
    .count()) === 1;

/** The summary as it reads: each term with its value. */
async function summaryText(): Promise<Record<string, string>> {
  await page.waitForFunction(
    () => document.getElementById("workbook-summary")?.getAttribute("aria-busy") !== "true"
  );
  const terms = await summary().locator("dt").allTextContents();
  const values = await summary().locator("dd").allTextContents();
  return Object.fromEntries(terms.map((t, i) => [t, values[i]]));
}

async function open(file: string): Promise<void> {
  await page.setInputFiles("#open-file", file);
  await page
    .locator(".file-bar")
    .getByText(`Opened ${path.basename(file)}.`)
    .waitFor();
}

/** The chart's 30 figure cells as the workbook holds them. */
async function writtenFigures(book: XlsxAdapter) {
  const q = await loadQuarterly(book);
  return LINE_KEYS.map((k) => [q.chart.written[k].quarter, q.chart.written[k].cumulative]);
}

beforeAll(async () => {
  requireChromium();
  fs.mkdirSync(OUT, { recursive: true });
  await writeBook(houstonFile, async (book) => {
    await book.addSheet(reportSheet(PERIOD, OFFICE));
    await book.addSheet(logSheet(houstonRows as LogRowValues[]));
    await book.addSheet(prospectiveSheet());
  });
  // An office's own workbook with none of it: no report, no log, no settings.
  await writeBook(bareFile, async (book) => {
    await book.addSheet({ name: "Notes", cells: [{ row: 1, col: 1, value: "Our notes" }] });
  });
  await writeBook(multiYearFile, async (book) => {
    await book.addSheet(reportSheet(PERIOD, OFFICE));
    await book.addSheet(logSheet(multiYearRows as LogRowValues[]));
    await book.addSheet(prospectiveSheet());
  });
  ({ server, browser, page } = await openBrowserPane());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("which workbook: office, period and log rows above every view", () => {
  test("nothing open: no summary (the file bar says so)", async () => {
    expect(await summary().isHidden()).toBe(true);
    await page.locator(".file-bar").getByText("No workbook open.").waitFor();
  });

  test("after opening a workbook, every view shows its office, period and row count", async () => {
    await open(houstonFile);
    for (const name of TABS) {
      await page.getByRole("tab", { name }).click();
      expect(await summary().isVisible()).toBe(true);
      expect(await summaryText()).toEqual({
        Office: OFFICE,
        Period: "FY2007 Q3",
        "Outreach log": "120 rows on “Outreach Log”",
      });
    }
    expect(await summary().getAttribute("aria-label")).toBe("Open workbook");
    axe.summary = await axeProblems(page);
  });

  test("an activity saved: the count follows", async () => {
    await page.getByRole("tab", { name: "Log an activity" }).click();
    const form = pane("log");
    await form.locator("input[name=date]").fill("2007-05-03");
    await form.getByLabel("NGO").check();
    await form.locator("select[name=activity]").selectOption("Requested Services");
    await form.locator("input[name=agency]").fill("Tapestri");
    await form.locator("textarea[name=content]").fill("Referral of two potential victims.");
    await form.getByRole("button", { name: "Save to the log" }).click();
    await form.getByText(/^Saved to the Outreach Log table, row 122/).waitFor();
    expect((await summaryText())["Outreach log"]).toBe("121 rows on “Outreach Log”");
  });

  test("filled for another period: the summary shows the period the workbook now records", async () => {
    await page.getByRole("tab", { name: "Quarterly report" }).click();
    await page.locator("#panel-report input[name=period]").fill("FY2007 Q2");
    await page.getByRole("button", { name: "Fill the report" }).click();
    await pane("report")
      .getByText(/^Filled the report on the Quarterly Report sheet for FY2007 Q2/)
      .waitFor();
    expect(await summaryText()).toEqual({
      Office: OFFICE,
      Period: "FY2007 Q2",
      "Outreach log": "121 rows on “Outreach Log”",
    });
  });

  test("a workbook with no office, period or log says so plainly", async () => {
    await open(bareFile);
    expect(await summaryText()).toEqual({
      Office: SUMMARY_NONE.office,
      Period: SUMMARY_NONE.period,
      "Outreach log": SUMMARY_NONE.log,
    });
    expect(SUMMARY_NONE).toEqual({
      office: "No office named",
      period: "No period set",
      log: "No outreach log found",
    });
    axe.summaryNone = await axeProblems(page);
  });

  test("set up with an office and period: the summary shows them, and the new log's 0 rows", async () => {
    await page.getByRole("tab", { name: "Set up" }).click();
    await page.locator("#panel-setup input[name=office]").fill("Attaché Mexico City");
    await page.locator("#panel-setup input[name=period]").fill("FY2008 Q1");
    await page.getByRole("button", { name: "Set up this workbook" }).click();
    await pane("setup")
      .getByText(/Recorded office: Attaché Mexico City/)
      .waitFor();
    expect(await summaryText()).toEqual({
      Office: "Attaché Mexico City",
      Period: "FY2008 Q1",
      "Outreach log": "0 rows on “Outreach Log”",
    });
  });
});

describe("Check: the rows of other fiscal years said once", () => {
  test("one sentence under the counts; no finding about fiscal years", async () => {
    await open(multiYearFile);
    expect((await summaryText())["Outreach log"]).toBe("52 rows on “Outreach Log”");
    await page.getByRole("tab", { name: "Check" }).click();
    await pane("check").getByRole("button", { name: "Check the log" }).click();
    const note = pane("check").locator(".outside-fiscal-year");
    await note.waitFor();
    expect(await note.textContent()).toBe(
      "12 rows fall outside FY2007 (5 in FY2006, 7 in FY2008) and are not counted in this report."
    );
    const findings = await pane("check").locator(".finding .what").allTextContents();
    expect(findings.length).toBeGreaterThanOrEqual(ERRORS);
    expect(findings.filter((t) => /fiscal year|outside/i.test(t))).toEqual([]);
    axe.check = await axeProblems(page);
  });
});

describe("Fill anyway: filled only after a confirmation that lists the errors", () => {
  test("refused first, with a way to fill anyway", async () => {
    await page.getByRole("tab", { name: "Quarterly report" }).click();
    await page.getByRole("button", { name: "Fill the report" }).click();
    await pane("report")
      .getByText(new RegExp(`^Not filled: The log has ${ERRORS} errors in ${ERRORS} rows`))
      .waitFor();
    await pane("report")
      .getByRole("button", { name: `Fill anyway, leaving ${ERRORS} rows out…` })
      .waitFor();
  });

  test("the confirmation lists the errors (row, column, message), takes the focus; cancel fills nothing", async () => {
    const anyway = pane("report").getByRole("button", { name: /^Fill anyway/ });
    await anyway.click();
    const dialog = page.getByRole("dialog", { name: "Fill the report anyway?" });
    await dialog.waitFor();
    expect(await dialog.getByText(/^The log has 12 errors in 12 rows\./).count()).toBe(1);
    const items = await dialog
      .getByRole("list", { name: "Errors in the log" })
      .locator("li")
      .allTextContents();
    expect(items).toHaveLength(11);
    expect(items[0]).toMatch(/^Row 7, Sector \(B7\): Sector is missing/);
    expect(items[10]).toBe("and 2 more");
    expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(
      true
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    axe.dialog = await axeProblems(page);
    // While it is open nothing has been written.
    expect(await unchanged()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await page
      .locator("#announcer")
      .getByText("Not filled: cancelled, nothing was written.")
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Fill anyway/);
    const { book } = await downloadWorkbook(page, "multi-year-cancelled.xlsx");
    const figures = (await writtenFigures(book)).flat();
    expect(figures).toHaveLength(30);
    expect(figures.every((v) => isBlank(v))).toBe(true);
  });

  test("Escape cancels too", async () => {
    await pane("report")
      .getByRole("button", { name: /^Fill anyway/ })
      .click();
    const dialog = page.getByRole("dialog", { name: "Fill the report anyway?" });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await unchanged()).toBe(true);
  });

  test("confirmed: filled with the rows with errors left out; the download has the engine's figures", async () => {
    await pane("report")
      .getByRole("button", { name: /^Fill anyway/ })
      .click();
    const dialog = page.getByRole("dialog", { name: "Fill the report anyway?" });
    await dialog.getByRole("button", { name: "Fill, leaving 12 rows out" }).click();
    await pane("report")
      .getByText(/Left out 12 rows with errors: fix them in Check and fill again to count them\.$/)
      .waitFor();
    const { book } = await downloadWorkbook(page, "multi-year-forced.xlsx");
    const expected = analyze({
      log: { values: [LOG_HEADERS, ...multiYearRows], header: "required" },
      period: PERIOD,
    });
    expect(expected.errors).toBe(ERRORS);
    expect(await writtenFigures(book)).toEqual(
      LINE_KEYS.map((k) => [expected.figures.quarter[k], expected.figures.cumulative[k]])
    );
    // Something to see: the FY2007 rows without errors are in the figures.
    expect(LINE_KEYS.some((k) => expected.figures.cumulative[k] > 0)).toBe(true);
    axe.filled = await axeProblems(page);
  });
});

describe("the pane as a whole", () => {
  test("no serious or critical accessibility violation (axe-core); nothing left the machine", () => {
    expect(Object.keys(axe).sort()).toEqual(
      ["check", "dialog", "filled", "summary", "summaryNone"].sort()
    );
    expect(axe).toEqual(Object.fromEntries(Object.keys(axe).map((k) => [k, []])));
    expect(browser.requests.filter((u) => !isLocal(u))).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    ]);
    expect(browser.pageErrors).toEqual([]);
  });
});
