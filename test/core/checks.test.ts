import fc from "fast-check";
import {
  IMPLAUSIBLE_COUNT,
  checkLog,
  outsideFiscalYear,
  outsideFiscalYearText,
  warnings,
} from "../../src/core/checks";
import { Finding, FINDING_SEVERITY, sortFindings } from "../../src/core/findings";
import { columnLetters } from "../../src/core/cell-address";
import { CellValue, readLog } from "../../src/core/log";
import { parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import { tally } from "../../src/core/tally";
import {
  HEADERS,
  RowSpec,
  cells,
  figures,
  grid,
  leFollowUp,
  leNew,
  leTraining,
  ngoFollowUp,
  ngoNew,
  ngoTraining,
  utcDay,
  without,
} from "./builders";

const FY2007_Q3 = parsePeriod("FY2007 Q3");
const brief = (findings: Finding[]) =>
  findings.map((f) => ({ code: f.code, row: f.row, column: f.column, cell: f.cell }));

/** The warnings of a log, and proof that no warned row was left out of the figures. */
function warn(rows: RowSpec[], options: Parameters<typeof warnings>[1] = {}) {
  const log = readLog(grid(rows));
  expect(log.findings.filter((f) => f.severity === "error")).toEqual([]);
  expect(log.entries).toHaveLength(rows.length); // a warning never excludes a row
  const found = warnings(log, options);
  for (const f of found) expect(f.severity).toBe("warning");
  return found;
}

describe("rows of other fiscal years: one summary, not a warning per row", () => {
  test.each<[string, string, string | undefined]>([
    ["the day before FY2007", "09/30/2006", "FY2006"],
    ["the first day of FY2007", "10/01/2006", undefined],
    ["inside the quarter", "04/15/2007", undefined],
    ["after the quarter, same fiscal year", "08/01/2007", undefined],
    ["the last day of FY2007", "09/30/2007", undefined],
    ["the first day of FY2008", "10/01/2007", "FY2008"],
    ["years away", "01/15/2005", "FY2005"],
  ])("%s (%s): outside in %p", (_name, date, fy) => {
    const log = readLog(grid([ngoNew({ Date: date })]));
    expect(outsideFiscalYear(log.entries, FY2007_Q3)).toEqual({
      fiscalYear: "FY2007",
      rows: fy ? 1 : 0,
      byFiscalYear: fy ? { [fy]: 1 } : {},
    });
    // Never a finding of its own: the row is history, not a mistake.
    expect(warn([ngoNew({ Date: date })])).toEqual([]);
  });

  test("counted by fiscal year, earliest first, and said once in plain words", () => {
    const rows = [
      ...Array.from({ length: 55 }, (_, i) =>
        ngoNew({ Date: `10/${String((i % 28) + 1).padStart(2, "0")}/2007`, Agency: `A${i}` })
      ),
      ngoNew({ Date: "09/30/2006", Agency: "Old" }),
      ngoNew({ Date: "10/01/2005", Agency: "Older" }),
      ...Array.from({ length: 10 }, (_, i) => ngoNew({ Date: "05/01/2007", Agency: `Q${i}` })),
    ];
    const log = readLog(grid(rows));
    const o = outsideFiscalYear(log.entries, FY2007_Q3);
    expect(o).toEqual({
      fiscalYear: "FY2007",
      rows: 57,
      byFiscalYear: { FY2006: 2, FY2008: 55 },
    });
    expect(Object.keys(o.byFiscalYear)).toEqual(["FY2006", "FY2008"]);
    expect(outsideFiscalYearText(o)).toBe(
      "57 rows fall outside FY2007 (2 in FY2006, 55 in FY2008) and are not counted in this report."
    );
    expect(
      outsideFiscalYearText({ fiscalYear: "FY2007", rows: 1, byFiscalYear: { FY2008: 1 } })
    ).toBe("1 row falls outside FY2007 (1 in FY2008) and is not counted in this report.");
    expect(outsideFiscalYearText({ fiscalYear: "FY2007", rows: 0, byFiscalYear: {} })).toBe(
      undefined
    );
  });

  test("rows with errors are not in the summary (they are errors, not history)", () => {
    const log = readLog(grid([without(ngoNew({ Date: "09/30/2006" }), "Content")]));
    expect(outsideFiscalYear(log.entries, FY2007_Q3).rows).toBe(0);
  });

  test("the warnings an office should look at stay, per row, on rows of other years too", () => {
    const rows = [
      ngoNew({ Date: "09/30/2006", Agency: "Metro PD" }),
      ngoNew({ Date: "09/30/2006", Agency: "Metro PD" }), // logged twice, in FY2006
      ngoFollowUp({ Date: "11/01/2007", Agency: "Nobody Met" }), // FY2008, no New Contact
      ngoNew({ Date: "04/02/2007", Content: "=cmd" }), // formula-like, in FY2007
    ];
    const report = analyze({ log: grid(rows), period: FY2007_Q3, today: utcDay(2007, 6, 30) });
    expect(brief(report.findings)).toEqual([
      { code: "duplicate", row: 3, column: "Agency", cell: "E3" },
      { code: "follow-up-without-new-contact", row: 4, column: "Activity", cell: "D4" },
      { code: "date-in-future", row: 4, column: "Date", cell: "A4" },
      { code: "formula-like-text", row: 5, column: "Content", cell: "K5" },
    ]);
    expect(report.outsideFiscalYear).toEqual({
      fiscalYear: "FY2007",
      rows: 3,
      byFiscalYear: { FY2006: 2, FY2008: 1 },
    });
    expect(report.warnings).toBe(4);
  });
});

describe("date in the future", () => {
  const today = utcDay(2007, 5, 1);
  test.each<[string, boolean]>([
    ["04/30/2007", false],
    ["05/01/2007", false],
    ["05/02/2007", true],
    ["12/31/2007", true],
  ])("%s with today 05/01/2007: warned %p", (date, warned) => {
    const found = warn([ngoNew({ Date: date })], { today });
    expect(brief(found)).toEqual(
      warned ? [{ code: "date-in-future", row: 2, column: "Date", cell: "A2" }] : []
    );
    if (warned) expect(found[0].message).toBe(`Date ${date} is in the future.`);
  });

  test("without today there is no such warning", () => {
    expect(warn([ngoNew({ Date: "12/31/2099" })])).toEqual([]);
  });
});

describe("the same date + agency + activity twice", () => {
  const first = ngoFollowUp({ Agency: "Safe Harbor Shelter" });
  test.each<[string, boolean, RowSpec]>([
    ["the same row again", true, first],
    ["agency in another case and spacing", true, { ...first, Agency: "  safe harbor   SHELTER " }],
    ["the date as a serial", true, { ...first, Date: 39187 }],
    ["activity written as a synonym", true, { ...first, Activity: "follow-up contact" }],
    ["another date", false, { ...first, Date: "04/16/2007" }],
    ["another agency", false, { ...first, Agency: "Safe Harbor House" }],
    ["another activity", false, ngoNew({ Agency: "Safe Harbor Shelter" })],
  ])("%s: warned %p", (_name, warned, second) => {
    const rows = [ngoNew({ Agency: "Safe Harbor Shelter", Date: "04/01/2007" }), first, second];
    const found = warn(rows).filter((f) => f.code === "duplicate");
    expect(brief(found)).toEqual(
      warned ? [{ code: "duplicate", row: 4, column: "Agency", cell: "E4" }] : []
    );
    if (warned) expect(found[0].message).toMatch(/as row 3 \(04\/15\/2007, .*\): logged twice\?/);
  });
});

describe("Follow Up Contact with no earlier New Contact for that agency", () => {
  const follow = leFollowUp("Local", { Agency: "Metro PD", Date: "05/10/2007" });
  test.each<[string, RowSpec[], boolean]>([
    ["no New Contact at all", [follow], true],
    [
      "a New Contact earlier",
      [leNew("Local", { Agency: "Metro PD", Date: "04/02/2007" }), follow],
      false,
    ],
    [
      "a New Contact earlier, logged below",
      [follow, leNew("Local", { Agency: "Metro PD", Date: "04/02/2007" })],
      false,
    ],
    [
      "a New Contact the same day",
      [leNew("Local", { Agency: "Metro PD", Date: "05/10/2007" }), follow],
      false,
    ],
    [
      "a New Contact only later",
      [leNew("Local", { Agency: "Metro PD", Date: "05/11/2007" }), follow],
      true,
    ],
    [
      "a New Contact with another agency",
      [leNew("Local", { Agency: "Metro Sheriff", Date: "04/02/2007" }), follow],
      true,
    ],
    [
      "the agency in another case and spacing",
      [leNew("Local", { Agency: " METRO  pd", Date: "04/02/2007" }), follow],
      false,
    ],
    [
      "a New Contact in the previous fiscal year",
      [leNew("Local", { Agency: "Metro PD", Date: "09/01/2006" }), follow],
      false,
    ],
  ])("%s: warned %p", (_name, rows, warned) => {
    const found = warn(rows);
    const row = 2 + rows.indexOf(follow);
    expect(brief(found)).toEqual(
      warned
        ? [{ code: "follow-up-without-new-contact", row, column: "Activity", cell: `D${row}` }]
        : []
    );
    if (warned)
      expect(found[0].message).toMatch(
        /Follow Up Contact with Metro PD, but the log has no earlier New Contact/
      );
  });

  test("an invalid New Contact does not count as the earlier contact", () => {
    const log = readLog(
      grid([
        without(leNew("Local", { Agency: "Metro PD", Date: "04/02/2007" }), "POC Name"),
        follow,
      ])
    );
    expect(warnings(log).map((f) => f.code)).toEqual(["follow-up-without-new-contact"]);
  });
});

describe("text that begins like a formula is kept as text, with a warning", () => {
  test.each<[string, RowSpec, string, string]>([
    ["= in Content", ngoNew({ Content: '=HYPERLINK("http://x")' }), "Content", "="],
    ["+ in POC Title", ngoNew({ "POC Title": "+1 202 555 0100" }), "POC Title", "+"],
    ["- in POC Name", ngoNew({ "POC Name": "-Ann Lee" }), "POC Name", "-"],
    ["@ in Agency", ngoNew({ Agency: "@SafeHarbor" }), "Agency", "@"],
    ["tab in Content", ngoNew({ Content: "\tindented" }), "Content", "tab"],
    ["CR in Agency", ngoNew({ Agency: "\rSafe Harbor" }), "Agency", "CR"],
  ])("%s", (_name, r, column, shown) => {
    const found = warn([r]);
    const letter = String.fromCharCode(65 + HEADERS.indexOf(column as (typeof HEADERS)[number]));
    expect(brief(found)).toEqual([
      { code: "formula-like-text", row: 2, column, cell: `${letter}2` },
    ]);
    expect(found[0].message).toContain(`begins with "${shown}"`);
    expect(found[0].message).toMatch(/kept as text, never run as a formula/);
  });

  test.each<[string, RowSpec]>([
    ["= inside the text", ngoNew({ Content: "a = b" })],
    ["a leading space then =", ngoNew({ Content: " =1" })],
  ])("no warning for %s", (_name, r) => {
    expect(warn([r])).toEqual([]);
  });

  test("a negative number (not text) is an error but not formula-like", () => {
    const log = readLog(grid([ngoTraining({ Attendees: -5 })]));
    expect(checkLog(log).map((f) => f.code)).toEqual(["count-negative"]);
  });

  test("formula-like text on an invalid row is still flagged, with its error", () => {
    const log = readLog(grid([ngoTraining({ Attendees: -5, Content: "=HYPERLINK(x)" })]));
    expect(brief(checkLog(log))).toEqual([
      { code: "count-negative", row: 2, column: "Attendees", cell: "J2" },
      { code: "formula-like-text", row: 2, column: "Content", cell: "K2" },
    ]);
  });

  test("a coded column's formula-like value is its error alone, not also a warning", () => {
    const log = readLog(grid([ngoTraining({ Attendees: "-5" })]));
    expect(brief(checkLog(log))).toEqual([
      { code: "count-negative", row: 2, column: "Attendees", cell: "J2" },
    ]);
  });

  test("blank rows, even of tabs and line breaks, get no warning", () => {
    const blank: CellValue[] = HEADERS.map((_, i) => ["\t", "\r\n", " ", ""][i % 4]);
    const log = readLog({ values: [[...HEADERS], cells(ngoNew()), blank] });
    expect(checkLog(log)).toEqual([]);
  });
});

describe("implausibly large counts", () => {
  test("the thresholds", () => {
    expect(IMPLAUSIBLE_COUNT).toEqual({ presentations: 50, agencies: 500, attendees: 5000 });
  });

  test.each<[string, RowSpec, string | undefined]>([
    ["50 presentations", ngoTraining({ Presentations: 50 }), undefined],
    ["51 presentations", ngoTraining({ Presentations: 51 }), "Presentations"],
    ["500 agencies", leTraining("State", { Agencies: 500 }), undefined],
    ["501 agencies", leTraining("State", { Agencies: 501 }), "Agencies"],
    ["5000 attendees", ngoTraining({ Attendees: 5000 }), undefined],
    ["25000 attendees", ngoTraining({ Attendees: 25000 }), "Attendees"],
  ])("%s", (_name, r, column) => {
    const found = warn([r]);
    if (column === undefined) {
      expect(found).toEqual([]);
      return;
    }
    const letter = String.fromCharCode(65 + HEADERS.indexOf(column as (typeof HEADERS)[number]));
    expect(brief(found)).toEqual([
      { code: "count-implausible", row: 2, column, cell: `${letter}2` },
    ]);
    expect(found[0].message).toMatch(new RegExp(`^${column} is \\d+: more than \\d+ in one event`));
  });

  test("a warned count is still in the figures", () => {
    const log = readLog(grid([ngoTraining({ Attendees: 25000 })]));
    expect(tally(log.entries, FY2007_Q3).quarter).toEqual(
      figures({
        "ngo.training.presentations": 1,
        "ngo.training.agencies": 3,
        "ngo.training.attendees": 25000,
      })
    );
  });
});

describe("checkLog and analyze", () => {
  test("findings are sorted by row, errors before warnings", () => {
    const rows = [
      leFollowUp("Local", { Agency: "Metro PD", Content: "=x" }), // 2 warnings
      without(ngoNew({ Content: "+y" }), "Agency"), // error + warning
      ngoNew({ Date: "09/30/2006" }), // outside FY2007: not a finding
    ];
    const log = readLog(grid(rows));
    expect(brief(checkLog(log))).toEqual([
      { code: "follow-up-without-new-contact", row: 2, column: "Activity", cell: "D2" },
      { code: "formula-like-text", row: 2, column: "Content", cell: "K2" },
      { code: "agency-missing", row: 3, column: "Agency", cell: "E3" },
      { code: "formula-like-text", row: 3, column: "Content", cell: "K3" },
    ]);
  });

  test("analyze counts errors and warnings, and warned rows stay in the figures", () => {
    const rows = [
      ngoNew({ Date: "04/15/2007" }),
      ngoNew({ Date: "04/15/2007" }), // duplicate (warning)
      ngoNew({ Date: "06/01/2007" }), // in the future (warning)
      without(ngoNew(), "Content"), // error
    ];
    const report = analyze({ log: grid(rows), period: FY2007_Q3, today: utcDay(2007, 5, 1) });
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(2);
    expect(report.figures.quarter).toEqual(figures({ "ngo.newContact": 3 }));
  });

  test("every code has its severity, and sortFindings orders by row then severity", () => {
    expect(FINDING_SEVERITY["date-impossible"]).toBe("error");
    expect(FINDING_SEVERITY.duplicate).toBe("warning");
    const f = (row: number, severity: "error" | "warning", column: string) =>
      ({ row, severity, column, code: "duplicate", message: "" }) as Finding;
    expect(
      sortFindings([
        f(3, "warning", "A"),
        f(2, "warning", "B"),
        f(2, "error", "C"),
        f(2, "warning", "A"),
      ])
    ).toEqual([
      f(2, "error", "C"),
      f(2, "warning", "A"),
      f(2, "warning", "B"),
      f(3, "warning", "A"),
    ]);
  });

  test.each<[number, string]>([
    [1, "A"],
    [12, "L"],
    [26, "Z"],
    [27, "AA"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
  ])("column %i is %s", (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
  });
});

describe("the cross-row warnings against a model written here", () => {
  // Few agencies (spelled several ways), dates and activities: many repeats, many look-ups.
  const AGENCIES = ["Safe Harbor", "safe  HARBOR", "Metro PD", "metro pd.", "Oak House"];
  const key = (agency: string) => agency.toLowerCase().replace(/[^a-z0-9]/g, "");
  const DATES = ["04/02/2007", "04/03/2007", "05/01/2007"];
  const rowArb = fc.record({
    agency: fc.constantFrom(...AGENCIES),
    date: fc.constantFrom(...DATES),
    followUp: fc.boolean(),
  });

  test("duplicates name the first row with the same date, agency and activity; follow-ups without an earlier New Contact are flagged", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (gen) => {
        const rows = gen.map((g) =>
          (g.followUp ? ngoFollowUp : ngoNew)({ Agency: g.agency, Date: g.date })
        );
        const found = warn(rows);
        const expected: { code: string; row: number; first?: number }[] = [];
        gen.forEach((g, i) => {
          const first = gen.findIndex(
            (h) => key(h.agency) === key(g.agency) && h.date === g.date && h.followUp === g.followUp
          );
          if (first < i) expected.push({ code: "duplicate", row: i + 2, first: first + 2 });
        });
        gen.forEach((g, i) => {
          const day = (d: string) => DATES.indexOf(d); // DATES are in order
          const contact = gen.some(
            (h) => !h.followUp && key(h.agency) === key(g.agency) && day(h.date) <= day(g.date)
          );
          if (g.followUp && !contact) {
            expected.push({ code: "follow-up-without-new-contact", row: i + 2 });
          }
        });
        const got = found.map((f) => ({
          code: f.code,
          row: f.row,
          ...(f.code === "duplicate" ? { first: Number(/as row (\d+)/.exec(f.message)![1]) } : {}),
        }));
        expect(got).toEqual(expected);
      }),
      { numRuns: 200 }
    );
  });
});
