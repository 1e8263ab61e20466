/**
 * The optional tables through the command line, on real .xlsx files: `tips check` names their
 * sheets, `tips report --json` adds their figures only when the workbook has them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { dayFromYmd, serialFromDay } from "../../src/core/dates";
import { SETTING } from "../../src/core/settings";
import { findOptionalTables } from "../../src/workbook/layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import {
  LogRowValues,
  leadsSheet,
  logSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { parsePeriod } from "../../src/core/period";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tips-tables-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tips(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    args,
    (l) => out.push(l),
    (l) => err.push(l)
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const d = (y: number, m: number, day: number): number =>
  serialFromDay(dayFromYmd(y, m, day), false);
const PERIOD = parsePeriod("FY2007 Q3");

const LOG: LogRowValues[] = [
  [
    d(2007, 3, 1),
    "NGO",
    "",
    "New Contact",
    "Safe Harbor Shelter",
    "Ann Lee",
    "Director",
    "",
    "",
    "",
    "Intro",
    "N",
  ],
  [
    d(2007, 4, 12),
    "Law Enforcement",
    "Local",
    "New Contact",
    "Metro Police Department",
    "Bo Park",
    "Lt.",
    "",
    "",
    "",
    "Roll call",
    "N",
  ],
];

async function save(book: XlsxAdapter, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, book.save());
  return file;
}

/** A return with the chart and log, and (when asked) tables typed by an office in its own way. */
async function office(name: string, withTables: boolean): Promise<string> {
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(PERIOD, "SAC Houston"));
  await book.addSheet(logSheet(LOG));
  await book.addSheet(prospectiveSheet());
  await book.setSetting(SETTING.period, "FY2007 Q3");
  if (withTables) {
    await book.addSheet(
      leadsSheet([
        [
          d(2007, 4, 10),
          "ngo",
          "SAFE HARBOR shelter.",
          "interview request",
          d(2007, 4, 14),
          "y",
          "",
        ],
        [d(2007, 5, 2), "Tip Line", "NHTRC", "Victim Information", d(2007, 5, 10), "N", ""],
        [d(2007, 6, 1), "Neighbour", "Metro Police Department", "Other Lead", "", "", ""], // invalid
        [d(2007, 5, 1), "Federal Agency", "FBI", "Other Lead", "", "", ""], // open 60 days
      ])
    );
    // A plain range (not an Excel table) under headers in other case and order, lower down.
    await book.addSheet({
      name: "Handouts",
      cells: [
        ["QUANTITY", "material", "LANGUAGE", "agency", "date"],
        [100, "Wallet Card", "Spanish", "Metro Police Department", d(2007, 4, 12)],
        [20, "brochure", "", "County Jail", d(2007, 4, 20)],
      ].flatMap((r, i) => r.map((value, j) => ({ row: 3 + i, col: 2 + j, value }))),
    });
  }
  return save(book, name);
}

describe("tips check and report over the optional tables", () => {
  test("check: every table's findings name their sheet, row and cell; an error exits 1", async () => {
    const file = await office("tables.xlsx", true);
    const r = await tips("check", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Victim Leads row 6, Source (B6): error: Source "Neighbour" is not one of:'
    );
    expect(r.out).toMatch(
      /Victim Leads row 7, Date Responded \(E7\): warning: .*60 days, more than the 30 allowed/
    );
    expect(r.out).toMatch(
      /Handouts row 5, Agency \(E5\): warning: The outreach log has no row for County Jail on 04\/20\/2007/
    );
    expect(r.out).toContain("Victim Leads: 1 error, 1 warning in 4 rows (3 counted).");
    expect(r.out).toContain("Handouts: 0 errors, 1 warning in 2 rows (2 counted).");
    const json = JSON.parse((await tips("check", file, "--json")).out);
    expect(json.findings).toContainEqual(
      expect.objectContaining({
        sheet: "Victim Leads",
        row: 6,
        column: "Source",
        code: "source-unknown",
      })
    );
  });

  test("the response threshold is the workbook's setting", async () => {
    const book = XlsxAdapter.fromBytes(readFileSync(await office("setting.xlsx", true)));
    await book.setSetting(SETTING.leadResponseDays, "90");
    const file = await save(book, "setting-90.xlsx");
    expect((await tips("check", file)).out).not.toContain("lead-open-too-long");
    await book.setSetting(SETTING.leadResponseDays, "soon");
    const bad = await tips("check", await save(book, "setting-bad.xlsx"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/TIPS\.LeadResponseDays is "soon": it should be a whole number/);
  });

  test("report --json: leads and materials with the spec's keys; no media without its sheet", async () => {
    const file = await office("report.xlsx", true);
    const json = JSON.parse((await tips("report", file, "--json")).out);
    expect(json.media).toBeUndefined();
    expect(json.leads.sheet).toBe("Victim Leads");
    const lines = Object.fromEntries(
      json.leads.lines.map((l: { key: string; quarter: number; cumulative: number }) => [
        l.key,
        [l.quarter, l.cumulative],
      ])
    );
    expect(lines).toMatchObject({
      "leads.ngo": [1, 1],
      "leads.tipLine": [1, 1],
      "leads.federal": [1, 1],
      "leads.total": [3, 3],
      "leads.interviewRequests": [1, 1],
      "leads.responded": [2, 2],
      "leads.casesOpened": [1, 1],
      "leads.fromOutreachPartners": [1, 1],
    });
    expect(json.leads.lines).toHaveLength(13);
    expect(json.leads.medianDaysToRespond).toEqual({ quarter: 6, cumulative: 6 });
    expect(json.leads.openAtPeriodEnd).toBe(1);
    expect(json.materials.sheet).toBe("Handouts");
    expect(json.materials.lines).toContainEqual({
      key: "materials.walletCard.spanish",
      quarter: 100,
      cumulative: 100,
    });
    expect(json.materials.lines).toContainEqual({
      key: "materials.brochure",
      quarter: 20,
      cumulative: 20,
    });
    const text = (await tips("report", file)).out;
    expect(text).toMatch(/Victim Leads\n {2}State\/Local Law Enforcement +0 +0/);
    expect(text).toMatch(/Median days to respond +6 +6/);
    expect(text).toMatch(/Outreach Materials\n/);
    expect(text).not.toMatch(/Media Canvass/);
  });

  test("a workbook without the tables reports exactly as before", async () => {
    const file = await office("plain.xlsx", false);
    const book = XlsxAdapter.fromBytes(readFileSync(file));
    expect(await findOptionalTables(book)).toEqual({});
    const json = JSON.parse((await tips("report", file, "--json")).out);
    expect(Object.keys(json)).toEqual([
      "period",
      "start",
      "end",
      "office",
      "lines",
      "findings",
      "outsideFiscalYear",
    ]);
    const text = (await tips("report", file)).out;
    expect(text).not.toMatch(/Victim Leads|Outreach Materials|Media Canvass/);
    expect((await tips("check", file)).out).toBe("No problems found in 2 rows.");
  });

  test("a table whose header misses a column: exit 2, one line naming it", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(reportSheet(PERIOD, "SAC Houston"));
    await book.addSheet(logSheet(LOG));
    await book.addSheet({
      name: "Media Canvass",
      cells: ["Date", "Publication", "Offr", "Translated"].map((value, i) => ({
        row: 1,
        col: i + 1,
        value,
      })),
    });
    const r = await tips("report", await save(book, "broken.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /broken\.xlsx: the Media Canvass table's header row \(row 1\) has no "Country" column; no "Offer" column \(is "Offr" a misspelling\?\)\./
    );
  });
});
