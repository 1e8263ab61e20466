/**
 * The task pane's HQ view in Debian's chromium, in the browser-only mode, as HQ uses it: choose the
 * period, the returned workbooks and the roster; watch the Return Status table fill; download the
 * national workbook and read it back: its figures are those of `tips consolidate` over the same
 * files. Nothing leaves the machine, the consolidation code comes in its own chunk only when HQ
 * consolidates, and axe-core finds no serious or critical problem.
 */
import fs from "fs";
import path from "path";
import { Page } from "playwright-core";
import { Browser, OUT, Server, axeProblems, isLocal, openBrowserPane } from "../taskpane/browser";
import { consolidateFiles, readReturn } from "../../src/app/consolidate";
import { loadQuarterly } from "../../src/app/quarterly";
import { NationalReport, COMBINED_TABLE_SHEETS } from "../../src/core/consolidate";
import { SETTING } from "../../src/core/settings";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { NATIONAL_SHEETS } from "../../src/app/consolidate";
import { broken, leFollow, leNew, ngoNew, serial, training } from "./builders";
import { returnWorkbook, submittedAt } from "./workbooks";

jest.setTimeout(180_000);

const DIR = path.join(OUT, "hq");
const APR = serial(2007, 4, 10);
const MAY = serial(2007, 5, 15);

let server: Server;
let browser: Browser;
let page: Page;
let files: string[];
let roster: string;
let badRoster: string;
let expected: NationalReport;

beforeAll(async () => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const put = (name: string, bytes: Uint8Array | string): string => {
    const file = path.join(DIR, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  files = [
    put(
      "houston.xlsx",
      await returnWorkbook({
        office: "SAC Houston",
        rows: [ngoNew(APR), leFollow(MAY)],
        settings: submittedAt("2007-07-02T10:00:00Z"),
      })
    ),
    put(
      "houston-corrected.xlsx",
      await returnWorkbook({
        office: "SAC Houston",
        rows: [ngoNew(APR), leFollow(MAY), leNew(MAY), training(MAY, "NGO", [2, 3, 40])],
        fill: true,
        settings: submittedAt("2007-07-06T10:00:00Z"),
      })
    ),
    put(
      "miami.xlsx",
      await returnWorkbook({
        office: "SAC Miami",
        rows: [
          [
            MAY,
            "NGO",
            null,
            "New Contact",
            '=HYPERLINK("http://example.invalid","x")',
            "A",
            "B",
            null,
            null,
            null,
            "+cmd",
            "N",
          ],
        ],
        leads: [
          ["05/20/2007", "NGO", "A", "Interview Request", "05/30/2007", "Y", null],
          ["06/02/2007", "Federal Agency", "FBI Miami", "Other Lead", null, "N", null],
        ],
      })
    ),
    put("boston.xlsx", await returnWorkbook({ office: "SAC Boston", rows: [broken(MAY)] })),
    put("cover-letter.txt", "Please find our returns attached."),
  ];
  roster = put("roster.csv", "Office\nSAC Houston\nSAC Miami\nSAC Boston\nAttaché Rome\n");
  badRoster = put("bad-roster.csv", "Name\nSAC Houston\n");
  // What the command line makes of the same files.
  expected = await consolidateFiles(
    { fiscalYear: 2007, quarter: 3 },
    files.map(
      (f) => async () =>
        readReturn({ name: path.basename(f), bytes: fs.readFileSync(f), modified: 0 })
    ),
    { roster: ["SAC Houston", "SAC Miami", "SAC Boston", "Attaché Rome"] }
  );
  ({ server, browser, page } = await openBrowserPane());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const panel = () => page.locator("#panel-hq");

test("the HQ tab is offered, and asks for what it needs", async () => {
  expect(await page.getByRole("tab").allTextContents()).toContain("HQ");
  await page.getByRole("tab", { name: "HQ" }).click();
  await panel().getByRole("button", { name: "Consolidate" }).click();
  await panel()
    .getByText(/is not a reporting period/)
    .waitFor();
  expect(await panel().locator("input[name=hq-period]").getAttribute("aria-invalid")).toBe("true");
  await panel().locator("input[name=hq-period]").fill("FY2007 Q3");
  await panel().getByRole("button", { name: "Consolidate" }).click();
  await panel().getByText("Choose the returned workbooks.").waitFor();
  // Nothing of the consolidation has been loaded yet.
  expect(browser.requests.some((u) => /\/hq\.js$/.test(u))).toBe(false);
});

test("a roster it cannot read is named at its field, with the reason, and nothing is consolidated", async () => {
  await panel().locator("input[name=returns]").setInputFiles(files);
  await panel().locator("input[name=roster]").setInputFiles(badRoster);
  await panel().getByRole("button", { name: "Consolidate" }).click();
  await panel()
    .getByText(/^bad-roster\.csv: has no column headed "Office"/)
    .waitFor();
  const input = panel().locator("input[name=roster]");
  expect(await input.getAttribute("aria-invalid")).toBe("true");
  expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await panel().locator("table.status-table").count()).toBe(0);
});

test("consolidates: every file and every roster office gets its status", async () => {
  await panel().locator("input[name=returns]").setInputFiles(files);
  await panel().locator("input[name=roster]").setInputFiles(roster);
  await panel().getByRole("button", { name: "Consolidate" }).click();
  await panel()
    .getByText(/^FY2007 Q3: 2 received, 1 superseded, 1 invalid, 1 not-a-return, 1 missing\./)
    .waitFor();
  expect(browser.requests.some((u) => /\/hq\.js$/.test(u))).toBe(true);
  const rows = await panel()
    .locator("table.status-table tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent ?? ""))
    );
  expect(rows).toEqual(
    expected.statuses.map((s) => [
      s.office ?? "(no office)",
      s.status,
      s.file ?? "—",
      s.file === undefined ? "" : String(s.rows),
    ])
  );
  const figures = await panel()
    .locator("table.figures tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((c) => c.textContent))
    );
  const lines = figures.filter((r) => r.length === 2).map((r) => r.map(Number));
  expect(lines.map(([q]) => q).reduce((a, b) => a + b, 0)).toBe(
    Object.values(expected.figures.quarter).reduce((a, b) => a + b, 0)
  );
  // The offices' victim leads, summed: Miami's two (one from an outreach partner of its log).
  const leads = await panel()
    .locator("table.figure-block", { hasText: "Victim Leads, National" })
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent ?? ""))
    );
  const line = (label: string) => leads.find((r) => r[0] === label)?.slice(1);
  expect(line("Total")).toEqual(["2", "2"]);
  expect(line("Median days to respond")).toEqual(["10", "10"]);
  expect(expected.tables.leads?.figures.quarter["leads.total"]).toBe(2);
  expect(await axeProblems(page)).toEqual([]);
});

test("downloads the national workbook: it reads back with the same figures, the returns' text as text", async () => {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel().getByRole("button", { name: "Download the national workbook" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("national-FY2007-Q3.xlsx");
  const file = path.join(DIR, "national.xlsx");
  await download.saveAs(file);
  await panel()
    .getByText(/^Downloaded national-FY2007-Q3\.xlsx/)
    .waitFor();
  const book = XlsxAdapter.fromBytes(fs.readFileSync(file));
  // Miami's return has a Victim Leads table: its rows are combined on a sheet of their own.
  expect(await book.sheetNames()).toEqual([
    ...Object.values(NATIONAL_SHEETS),
    COMBINED_TABLE_SHEETS.leads,
  ]);
  expect(await book.getSetting(SETTING.office)).toBe("National");
  const q = await loadQuarterly(book);
  expect(q.report.figures).toEqual(expected.figures);
  const log = await book.readSheet(NATIONAL_SHEETS.log);
  const cells = log.values.flat();
  expect(cells).toContain('=HYPERLINK("http://example.invalid","x")');
  expect(cells).toContain("+cmd");
  expect(browser.requests.filter((u) => !isLocal(u)).every((u) => /office\.js$/.test(u))).toBe(
    true
  );
  expect(browser.pageErrors).toEqual([]);
  expect(browser.cspViolations).toEqual([]); // all of it works under the page's policy
});
