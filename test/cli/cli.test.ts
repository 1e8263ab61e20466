/**
 * The `tips` command line end to end, on real .xlsx files: what a user types, what they see,
 * what the file holds afterwards.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { LINE_KEYS } from "../../src/core/chart";
import { serialFromDay, dayFromYmd } from "../../src/core/dates";
import { parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import { findChart, findLog, findReportSheet } from "../../src/workbook/layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import {
  logSheet,
  prospectiveSheet,
  reportSheet,
  LogRowValues,
} from "../../src/workbook/seed-layout";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tips-cli-"));
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

/** A valid FY2007 log: Q3 and earlier rows, every kind of line. */
const VALID_ROWS: LogRowValues[] = [
  [
    d(2006, 10, 2),
    "NGO",
    "",
    "New Contact",
    "Houston Shelter",
    "Ann Lee",
    "Director",
    "",
    "",
    "",
    "Intro to ICE TIPS",
    "N",
  ],
  [
    d(2007, 4, 2),
    "NGO",
    "",
    "Follow Up Contact",
    "Houston Shelter",
    "",
    "",
    "",
    "",
    "",
    "Referral protocol",
    "N",
  ],
  [
    d(2007, 4, 20),
    "NGO",
    "",
    "Requested Services",
    "Houston Shelter",
    "",
    "",
    "",
    "",
    "",
    "Requested interpreter",
    "N",
  ],
  [
    d(2007, 5, 3),
    "NGO",
    "",
    "Training/Seminar",
    "Catholic Charities",
    "",
    "",
    2,
    4,
    35,
    "Victim-centered approach",
    "Y",
  ],
  [
    d(2007, 6, 30),
    "Law Enforcement",
    "Local",
    "New Contact",
    "Houston PD",
    "Sgt. Ray",
    "Vice",
    "",
    "",
    "",
    "Indicators",
    "N",
  ],
  [
    d(2007, 4, 1),
    "LE",
    "federal",
    "Training",
    "FBI Houston",
    "",
    "",
    1,
    3,
    20,
    "Smuggling vs trafficking",
    "Y",
  ],
  [
    d(2007, 7, 1),
    "Law Enforcement",
    "State",
    "New Contact",
    "Texas DPS",
    "Lt. Cruz",
    "Analyst",
    "",
    "",
    "",
    "After the quarter",
    "N",
  ],
];

async function makeWorkbook(
  name: string,
  rows: LogRowValues[],
  office = "SAC Houston"
): Promise<string> {
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(parsePeriod("FY2007 Q3"), office));
  await book.addSheet(logSheet(rows));
  await book.addSheet(prospectiveSheet());
  const file = join(dir, name);
  writeFileSync(file, book.save());
  return file;
}

async function logOf(file: string) {
  const book = XlsxAdapter.fromBytes(readFileSync(file));
  return (await findLog(book)).grid;
}

describe("tips report", () => {
  test("--json prints exactly one object with the period, all 15 lines and the findings", async () => {
    const file = await makeWorkbook("report.xlsx", VALID_ROWS);
    const r = await tips("report", file, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.period).toBe("FY2007 Q3");
    expect(json.start).toBe("2007-04-01");
    expect(json.end).toBe("2007-06-30");
    expect(json.office).toBe("SAC Houston");
    expect(Object.keys(json.lines).sort()).toEqual([...LINE_KEYS].sort());
    // Counted by hand from VALID_ROWS.
    expect(json.lines["ngo.newContact"]).toEqual({ quarter: 0, cumulative: 1 });
    expect(json.lines["ngo.followUpContact"]).toEqual({ quarter: 1, cumulative: 1 });
    expect(json.lines["ngo.requestedServices"]).toEqual({ quarter: 1, cumulative: 1 });
    expect(json.lines["ngo.training.attendees"]).toEqual({ quarter: 35, cumulative: 35 });
    expect(json.lines["le.newContact"]).toEqual({ quarter: 1, cumulative: 1 });
    expect(json.lines["le.local"]).toEqual({ quarter: 1, cumulative: 1 });
    expect(json.lines["le.state"]).toEqual({ quarter: 0, cumulative: 0 });
    expect(json.lines["le.training.presentations"]).toEqual({ quarter: 1, cumulative: 1 });
    expect(json.lines["le.training.agencies"]).toEqual({ quarter: 3, cumulative: 3 });
    expect(json.findings).toEqual([]);
  });

  test("--period overrides the workbook's, and the text output shows the chart", async () => {
    const file = await makeWorkbook("report-period.xlsx", VALID_ROWS);
    const r = await tips("report", file, "--period", "FY07 Q4");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/FY2007 Q4 \(2007-07-01 to 2007-09-30\)/);
    expect(r.out).toMatch(/Non-Government Organization/);
    expect(r.out).toMatch(/Members in attendance\s+0\s+35/);
  });
});

/**
 * A log spanning three fiscal years, 148 rows: 91 in FY2007, 2 in FY2006, 55 in FY2008, each a
 * New Contact with its own agency (no duplicates); one FY2008 row's content starts like a formula.
 */
function multiYearRows(): LogRowValues[] {
  const row = (date: number, i: number, content = "Briefing"): LogRowValues => [
    date,
    "NGO",
    "",
    "New Contact",
    `Agency ${i}`,
    "Pat Doe",
    "Director",
    "",
    "",
    "",
    content,
    "N",
  ];
  const rows: LogRowValues[] = [];
  for (let i = 0; i < 91; i++) rows.push(row(d(2006, 10, 1) + (i % 270), rows.length));
  rows.push(row(d(2005, 10, 3), rows.length), row(d(2006, 9, 29), rows.length));
  for (let i = 0; i < 54; i++) rows.push(row(d(2007, 10, 1) + (i % 200), rows.length));
  rows.push(row(d(2008, 3, 3), rows.length, "=SUM(A1)"));
  return rows;
}

describe("a log spanning fiscal years: the other years said once", () => {
  const SUMMARY =
    "57 rows fall outside FY2007 (2 in FY2006, 55 in FY2008) and are not counted in this report.";

  test("tips check: one summary line, the warning that matters kept, no per-row date warnings", async () => {
    const file = await makeWorkbook("multi-year.xlsx", multiYearRows());
    const r = await tips("check", file, "--period", "FY2007 Q3");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines.filter((l) => /outside/.test(l))).toEqual([SUMMARY]);
    expect(lines.filter((l) => /: warning: /.test(l))).toEqual([
      expect.stringMatching(
        /^Outreach Log row 149, Content \(K149\): warning: .*\[formula-like-text\]$/
      ),
    ]);
    expect(lines).toContain("0 errors, 1 warning in 148 rows (148 counted).");
    // Without a period named, the check says nothing about fiscal years.
    const book = XlsxAdapter.blank();
    await book.addSheet(logSheet(multiYearRows()));
    const logOnly = join(dir, "multi-year-log-only.xlsx");
    writeFileSync(logOnly, book.save());
    const plain = await tips("check", logOnly);
    expect(plain.out).not.toMatch(/outside/);
    const plainJson = JSON.parse((await tips("check", logOnly, "--json")).out);
    expect(plainJson.outsideFiscalYear).toBeNull();
  });

  test("tips check --json: the summary as outsideFiscalYear, findings as before", async () => {
    const file = await makeWorkbook("multi-year-json.xlsx", multiYearRows());
    const json = JSON.parse((await tips("check", file, "--json")).out);
    expect(Object.keys(json)).toEqual(["file", "findings", "outsideFiscalYear"]);
    expect(json.outsideFiscalYear).toEqual({
      fiscalYear: "FY2007",
      rows: 57,
      byFiscalYear: { FY2006: 2, FY2008: 55 },
    });
    expect(json.findings).toEqual([
      {
        row: 149,
        column: "Content",
        severity: "warning",
        code: "formula-like-text",
        message: expect.stringMatching(/^Content begins with "="/),
      },
    ]);
  });

  test("tips report: the same summary, in text and in --json", async () => {
    const file = await makeWorkbook("multi-year-report.xlsx", multiYearRows());
    const text = await tips("report", file);
    expect(text.out.split("\n").filter((l) => /outside/.test(l))).toEqual([SUMMARY]);
    const json = JSON.parse((await tips("report", file, "--json")).out);
    expect(json.outsideFiscalYear).toEqual({
      fiscalYear: "FY2007",
      rows: 57,
      byFiscalYear: { FY2006: 2, FY2008: 55 },
    });
    expect(json.findings.map((f: { code: string }) => f.code)).toEqual(["formula-like-text"]);
    // The other years' rows are in no figure: 91 FY2007 New Contacts, cumulatively.
    expect(json.lines["ngo.newContact"].cumulative).toBe(91);
  });
});

describe("tips check", () => {
  test("a clean log: exit 0 and says so", async () => {
    const file = await makeWorkbook("clean.xlsx", VALID_ROWS);
    const r = await tips("check", file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/No problems found in 7 rows/);
  });

  test("errors: exit 1, each named by sheet, row, column and cell", async () => {
    const rows: LogRowValues[] = [
      ...VALID_ROWS,
      ["02/30/2007", "NGO", "", "New Contact", "X", "A", "B", "", "", "", "c", "N"],
      [
        d(2007, 5, 1),
        "Law Enforcement",
        "",
        "Follow Up Contact",
        "Houston PD",
        "",
        "",
        "",
        "",
        "",
        "no level",
        "N",
      ],
    ];
    const file = await makeWorkbook("errors.xlsx", rows);
    const r = await tips("check", file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Outreach Log row 9, Date \(A9\): error: .*does not exist/);
    expect(r.out).toMatch(/Outreach Log row 10, Level \(C10\): error: Level is missing/);
    expect(r.out).toMatch(/2 errors, .* in 9 rows \(7 counted\)/);
  });
});

describe("tips fill", () => {
  test("writes the 15 lines, the title and the narrative; LibreOffice reads the same figures", async () => {
    const file = await makeWorkbook("fill.xlsx", VALID_ROWS, "");
    const r = await tips("fill", file, "--office", "SAC Houston");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Filled FY2007 Q3 for SAC Houston/);
    const book = XlsxAdapter.fromBytes(readFileSync(file));
    const grid = await findReportSheet(book);
    const chart = findChart(grid);
    const expected = analyze({ log: await logOf(file), period: parsePeriod("FY2007 Q3") }).figures;
    for (const k of LINE_KEYS) {
      expect(chart.written[k]).toEqual({
        quarter: expected.quarter[k],
        cumulative: expected.cumulative[k],
      });
    }
    expect(chart.title?.text).toBe(
      "ICE Human Trafficking Outreach Quarterly Report 04/01/07 to 06/30/07 SAC Houston"
    );
    expect(chart.office?.text).toBe("SAC Houston");
    // A bullet's continuation lines are indented: join them back for the assertions.
    const text = grid.values
      .flat()
      .filter((v) => typeof v === "string")
      .join("\n")
      .replace(/\n {3}/g, " ");
    // One Outreach Activity bullet per counted row of the quarter (5 of them), from the same rows.
    expect(text.match(/^• \d\d\/\d\d\/2007 – /gm)?.length).toBe(5 + 2);
    expect(text).toMatch(
      /• 05\/03\/2007 – Catholic Charities \(2 presentations, 4 agencies, 35 members in attendance\) – Victim-centered approach/
    );

    const { readCsvSheetsWithLibreOffice } = await import("../helpers/libreoffice");
    const sheets = await readCsvSheetsWithLibreOffice(file);
    const report = sheets["Quarterly Report"];
    const rowOf = (key: (typeof LINE_KEYS)[number]) => report[chart.lineRows[key] - 1];
    for (const k of LINE_KEYS) {
      expect(Number(rowOf(k)[chart.quarterCol - 1])).toBe(expected.quarter[k]);
      expect(Number(rowOf(k)[chart.cumulativeCol - 1])).toBe(expected.cumulative[k]);
    }
  }, 120_000);

  test("refuses while the log has errors, and writes nothing", async () => {
    const rows: LogRowValues[] = [
      ...VALID_ROWS,
      [
        d(2007, 5, 1),
        "Law Enforcement",
        "Local",
        "Requested Services",
        "HPD",
        "",
        "",
        "",
        "",
        "",
        "x",
        "N",
      ],
    ];
    const file = await makeWorkbook("refuse.xlsx", rows);
    const before = readFileSync(file);
    const r = await tips("fill", file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 9, Activity \(D9\): error: Requested Services is an NGO activity/);
    expect(r.err).toMatch(/nothing written: the log has 1 error in 1 row/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith("refuse")).length).toBe(1);
  });

  test("--force fills with the invalid rows left out and says how many; --out leaves the original", async () => {
    const rows: LogRowValues[] = [
      ...VALID_ROWS,
      ["", "NGO", "", "New Contact", "X", "A", "B", "", "", "", "no date", "N"],
    ];
    const file = await makeWorkbook("force.xlsx", rows);
    const before = readFileSync(file);
    const out = join(dir, "force-out.xlsx");
    const r = await tips("fill", file, "--force", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Left out 1 row with errors/);
    expect(readFileSync(file).equals(before)).toBe(true);
    const chart = findChart(await findReportSheet(XlsxAdapter.fromBytes(readFileSync(out))));
    expect(chart.written["ngo.newContact"]).toEqual({ quarter: 0, cumulative: 1 });
  });
});

describe("tips init and demo", () => {
  test("init makes the seed's layout with the period and office; refuses to overwrite", async () => {
    const file = join(dir, "new.xlsx");
    expect(
      (await tips("init", file, "--office", "Attaché Mexico City", "--period", "2008-Q1")).code
    ).toBe(0);
    const book = XlsxAdapter.fromBytes(readFileSync(file));
    expect(await book.sheetNames()).toEqual([
      "Quarterly Report",
      "Outreach Log",
      "Prospective Training",
      "Victim Leads",
      "Materials Distributed",
      "Media Canvass",
      "Annual Assessment",
    ]);
    const chart = findChart(await findReportSheet(book));
    expect(chart.title?.text).toBe(
      "ICE Human Trafficking Outreach Quarterly Report 10/01/07 to 12/31/07 Attaché Mexico City"
    );
    expect(chart.fiscalYear?.text).toBe("Fiscal Year 2008");
    expect((await book.tables()).map((t) => t.name)).toEqual([
      "OutreachLog",
      "ProspectiveTraining",
      "VictimLeads",
      "MaterialsDistributed",
      "MediaCanvass",
    ]);
    const again = await tips("init", file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/new\.xlsx: already exists/);
  });

  test("demo writes a filled sample and prints its chart", async () => {
    const r = await tips("demo", join(dir, "demo"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/SAC Houston, FY2007 Q3/);
    const file = join(dir, "demo", "tips-demo.xlsx");
    const json = JSON.parse((await tips("report", file, "--json")).out);
    const expected = analyze({ log: await logOf(file), period: parsePeriod("FY2007 Q3") }).figures;
    for (const k of LINE_KEYS)
      expect(json.lines[k]).toEqual({
        quarter: expected.quarter[k],
        cumulative: expected.cumulative[k],
      });
    expect(json.lines["le.newContact"].cumulative).toBeGreaterThan(10);
  });
});

describe("a user's mistakes: exit 2, one line naming the file, no stack trace", () => {
  test.each([
    ["a missing file", () => join(dir, "nope.xlsx"), /nope\.xlsx: no such file/],
    [
      "a text file",
      () => (writeFileSync(join(dir, "notes.xlsx"), "hello"), join(dir, "notes.xlsx")),
      /notes\.xlsx: .*not an Excel workbook/,
    ],
    ["a folder", () => dir, /is a folder/],
  ])("%s", async (_, path, message) => {
    const r = await tips("report", path());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test("a workbook without a chart", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(logSheet(VALID_ROWS));
    const file = join(dir, "nochart.xlsx");
    writeFileSync(file, book.save());
    const r = await tips("report", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nochart\.xlsx: no sheet holds the Human Trafficking Outreach chart/);
  });

  test("a misspelled log header is named", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(reportSheet(parsePeriod("FY2007 Q3"), "X"));
    await book.addSheet({
      name: "Outreach Log",
      cells: [
        "Date",
        "Sector",
        "Level",
        "Activty",
        "Agency",
        "POC Name",
        "POC Title",
        "Presentations",
        "Agencies",
        "Attendees",
        "Content",
      ].map((h, i) => ({ row: 1, col: i + 1, value: h })),
    });
    const file = join(dir, "misspelled.xlsx");
    writeFileSync(file, book.save());
    const r = await tips("check", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /misspelled\.xlsx: the log's header row \(row 1\) has no "Activity" column \(is "Activty" a misspelling\?\)/
    );
  });

  test("no period anywhere: the message says to pass --period", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(reportSheet(undefined, "X"));
    await book.addSheet(logSheet(VALID_ROWS));
    const file = join(dir, "noperiod.xlsx");
    writeFileSync(file, book.save());
    const r = await tips("fill", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not say which quarter.*--period/);
  });

  test("an unknown command or option shows the usage", async () => {
    expect((await tips("frobnicate")).err).toMatch(
      /unknown command "frobnicate"[\s\S]*tips init FILE/
    );
    expect((await tips("report", "x.xlsx", "--perod", "Q3")).code).toBe(2);
  });
});

test("`npm run tips` runs the real command from a clone, with exit codes", () => {
  const file = join(dir, "spawn.xlsx");
  copyFileSync(join(dir, "report.xlsx"), file);
  const ok = spawnSync("npm", ["run", "--silent", "tips", "--", "report", file, "--json"], {
    encoding: "utf8",
  });
  expect(ok.status).toBe(0);
  expect(JSON.parse(ok.stdout).period).toBe("FY2007 Q3");
  const missing = spawnSync(
    "npm",
    ["run", "--silent", "tips", "--", "check", join(dir, "missing.xlsx")],
    { encoding: "utf8" }
  );
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/missing\.xlsx: no such file/);
  expect(existsSync(join(dir, "missing.xlsx"))).toBe(false);
}, 60_000);
