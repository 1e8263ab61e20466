/**
 * The task pane's Annual view in Debian's chromium (browser-only mode), as HQ uses it: the fiscal
 * year, the year's returns, last year's annual workbook as the baseline and the roster; the office
 * statuses, the national lines beside the baseline's and the chart; then the annual workbook
 * downloaded and read back: the same year `tips annual` makes of the same files.
 */
import fs from "fs";
import path from "path";
import { Page } from "playwright-core";
import { Browser, OUT, Server, axeProblems, isLocal, openBrowserPane } from "../taskpane/browser";
import { ANNUAL_SHEETS, annualFiles, annualWorkbook, readBaseline } from "../../src/app/annual";
import { AnnualReport } from "../../src/core/annual";
import { parsePeriod } from "../../src/core/period";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { leFollow, ngoNew, serial } from "../consolidate/builders";
import { officeWorkbook } from "./workbooks";

jest.setTimeout(180_000);

const DIR = path.join(OUT, "annual");
let server: Server;
let browser: Browser;
let page: Page;
let files: string[];
let baselineFile: string;
let notAWorkbook: string;
let roster: string;
let expected: AnnualReport;

beforeAll(async () => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const put = (name: string, bytes: Uint8Array | string): string => {
    const file = path.join(DIR, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const houston = (fy: number, rows: number) =>
    officeWorkbook({
      office: "SAC Houston",
      period: parsePeriod(`FY${fy} Q4`),
      rows: Array.from({ length: rows }, (_, i) => ngoNew(serial(fy, 1, 1 + i), `Shelter ${i}`)),
      answers: { "assessment.usaoTaskForce": "Y", "assessment.meetings": rows },
    });
  const last = await annualFiles(2007, [
    { name: "h07.xlsx", bytes: await houston(2007, 2), modified: 0 },
  ]);
  baselineFile = put("annual-FY2007.xlsx", await annualWorkbook(last));
  files = [
    put("houston.xlsx", await houston(2008, 3)),
    put(
      "miami.xlsx",
      await officeWorkbook({
        office: "SAC Miami",
        period: parsePeriod("FY2008 Q2"),
        rows: [leFollow(serial(2008, 1, 10))],
      })
    ),
  ];
  roster = put("roster.csv", "Office\nSAC Houston\nSAC Miami\nSAC Denver\n");
  notAWorkbook = put("last-year.xlsx", "Please find last year's figures attached.");
  expected = await annualFiles(
    2008,
    files.map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f), modified: 0 })),
    {
      roster: ["SAC Houston", "SAC Miami", "SAC Denver"],
      baseline: await readBaseline(fs.readFileSync(baselineFile), "annual-FY2007.xlsx"),
    }
  );
  ({ server, browser, page } = await openBrowserPane());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const panel = () => page.locator("#panel-annual");

test("the Annual tab rolls the year up against the baseline: statuses, national lines, chart", async () => {
  expect(await page.getByRole("tab").allTextContents()).toContain("Annual");
  await page.getByRole("tab", { name: "Annual" }).click();
  await panel().getByRole("button", { name: "Roll up the year" }).click();
  await panel()
    .getByText(/is not a fiscal year/)
    .waitFor();
  await panel().locator("input[name=annual-fy]").fill("FY2008");
  await panel().locator("input[name=annual-returns]").setInputFiles(files);
  // A baseline that is not a workbook: named at its field, with the reason, and no year.
  const baseline = panel().locator("input[name=annual-baseline]");
  await baseline.setInputFiles(notAWorkbook);
  await panel().getByRole("button", { name: "Roll up the year" }).click();
  await panel()
    .getByText(/^last-year\.xlsx: is not an Excel workbook \(\.xlsx\)/)
    .waitFor();
  expect(await baseline.getAttribute("aria-invalid")).toBe("true");
  expect(await baseline.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await panel().locator("table.status-table").count()).toBe(0);
  await baseline.setInputFiles(baselineFile);
  await panel().locator("input[name=annual-roster]").setInputFiles(roster);
  await panel().getByRole("button", { name: "Roll up the year" }).click();
  await panel()
    .getByText(/^FY2008: 2 files read; offices: 1 complete, 1 partial, 1 missing\./)
    .waitFor();
  const tables = panel().locator("table.status-table");
  const statuses = await tables
    .nth(0)
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 2).map((c) => c.textContent)));
  expect(statuses).toEqual(expected.files.map((f) => [f.office ?? "(no office)", f.status]));
  const national = await tables
    .nth(1)
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const newContact = national.find((r) => r[0] === "NGO New Contact")!;
  expect(newContact.slice(1)).toEqual(["3", "2", "1", "50"]);
  expect(national).toHaveLength(expected.national.length);
  expect(await panel().locator("svg.bar-chart title").textContent()).toContain(
    "FY2008 against FY2007"
  );
  expect(await axeProblems(page)).toEqual([]);
});

test("downloads the annual workbook: read back, it is the year tips annual makes", async () => {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel().getByRole("button", { name: "Download the annual workbook" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("annual-FY2008.xlsx");
  const file = path.join(DIR, "downloaded.xlsx");
  await download.saveAs(file);
  const book = XlsxAdapter.fromBytes(fs.readFileSync(file));
  expect(await book.sheetNames()).toEqual(Object.values(ANNUAL_SHEETS));
  const back = await readBaseline(fs.readFileSync(file));
  expect(back.fiscalYear).toBe(2008);
  expect(back.national).toEqual(Object.fromEntries(expected.national.map((l) => [l.key, l.fy])));
  expect(browser.requests.filter((u) => !isLocal(u)).every((u) => /office\.js$/.test(u))).toBe(
    true
  );
  expect(browser.pageErrors).toEqual([]);
  expect(browser.cspViolations).toEqual([]);
});
