import fc from "fast-check";
import { Finding } from "../../src/core/findings";
import {
  CellValue,
  LogGrid,
  LogLayoutError,
  isBlank,
  logRowSchema,
  looksLikeHeader,
  readLog,
} from "../../src/core/log";
import { COLUMN_KEYS, ColumnKey } from "../../src/core/vocabulary";
import {
  HEADERS,
  Header,
  LETTER,
  RowSpec,
  cells,
  grid,
  leFollowUp,
  leNew,
  leTraining,
  ngoFollowUp,
  ngoNew,
  ngoRequested,
  ngoTraining,
  serial1900,
  serial1904,
  utcDay,
  without,
} from "./builders";

/** The code, column and cell of each finding, in order: what the check panel lists. */
const brief = (findings: Finding[]) =>
  findings.map((f) => ({ code: f.code, column: f.column, cell: f.cell, row: f.row }));

describe("header matching", () => {
  const row = ngoNew({ Significant: "Y" });
  test.each<[string, string[]]>([
    ["the spec's headers", [...HEADERS]],
    ["upper case", HEADERS.map((h) => h.toUpperCase())],
    [
      "lower case with odd spacing",
      HEADERS.map((h) => `  ${h.toLowerCase().replace(" ", "   ")} `),
    ],
    ["no spaces", HEADERS.map((h) => h.replace(/ /g, ""))],
    [
      "aliases",
      [
        "Date of Outreach",
        "Sector",
        "LE Level",
        "Activity Type",
        "Agency Name",
        "Point of Contact",
        "Point of Contact Title",
        "Number of Presentations",
        "Number of Agencies",
        "Members in Attendance",
        "Content of Outreach Provided",
        "Significant Outreach Activity",
      ],
    ],
  ])("%s", (_name, headers) => {
    const values = [headers, cells(row)];
    const log = readLog({ values });
    expect(log.findings).toEqual([]);
    expect(log.entries).toEqual([
      {
        row: 2,
        date: utcDay(2007, 4, 15),
        sector: "NGO",
        level: undefined,
        activity: "New Contact",
        agency: "Safe Harbor Shelter",
        pocName: "Ann Lee",
        pocTitle: "Director",
        presentations: 0,
        agencies: 0,
        attendees: 0,
        content: "ICE's role in trafficking cases; Continued Presence",
        significant: true,
      },
    ]);
  });

  test("column order is free and extra columns are allowed", () => {
    const headers = ["Notes", ...[...HEADERS].reverse(), "Office"];
    const r = leTraining("State", { Significant: "yes" });
    const values: CellValue[][] = [headers, ["n/a", ...cells(r, [...HEADERS].reverse()), "Miami"]];
    const log = readLog({ values });
    expect(log.findings).toEqual([]);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      sector: "Law Enforcement",
      level: "State",
      activity: "Training/Seminar",
      presentations: 1,
      agencies: 3,
      attendees: 25,
      significant: true,
    });
    // Date is the last spec column reversed, i.e. worksheet column M: findings name it so.
    const broken = readLog({
      values: [headers, ["", ...cells(without(r, "Date"), [...HEADERS].reverse()), ""]],
    });
    expect(brief(broken.findings)).toEqual([
      { code: "date-missing", column: "Date", cell: "M2", row: 2 },
    ]);
  });

  test("the Significant column may be left out", () => {
    const headers = HEADERS.filter((h) => h !== "Significant");
    const log = readLog({ values: [headers, cells(ngoNew(), headers)] });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0].significant).toBe(false);
  });

  test.each<[string, (h: string) => string, RegExp]>([
    [
      "a misspelled Agency",
      (h) => (h === "Agency" ? "Agncy" : h),
      /no "Agency" column \(is "Agncy" a misspelling\?\)/,
    ],
    [
      "a misspelled Date",
      (h) => (h === "Date" ? "Dtae" : h),
      /no "Date" column \(is "Dtae" a misspelling\?\)/,
    ],
    [
      "a misspelled Content",
      (h) => (h === "Content" ? "Contnet" : h),
      /no "Content" column \(is "Contnet"/,
    ],
    [
      "a misspelled POC Title",
      (h) => (h === "POC Title" ? "POC Titel" : h),
      /no "POC Title" column \(is "POC Titel"/,
    ],
    [
      "a misspelled Attendees",
      (h) => (h === "Attendees" ? "Atendees" : h),
      /no "Attendees" column \(is "Atendees"/,
    ],
    ["Level left out", (h) => (h === "Level" ? "Remarks" : h), /has no "Level" column\.$/],
  ])("%s -> LogLayoutError naming the column", (_name, rename, message) => {
    const values = [HEADERS.map(rename), cells(ngoNew())];
    expect(() => readLog({ values })).toThrow(LogLayoutError);
    expect(() => readLog({ values })).toThrow(message);
  });

  test("every missing column is named, with the header's worksheet row", () => {
    const headers = HEADERS.filter((h) => h !== "Sector" && h !== "Activity");
    expect(() => readLog({ values: [headers], top: 5 })).toThrow(
      'the log\'s header row (row 5) has no "Sector" column; no "Activity" column.'
    );
  });

  test("an empty range has no header row", () => {
    expect(() => readLog({ values: [] })).toThrow(/no header row/);
  });
});

describe("ranges without a header row (header: auto)", () => {
  const r = leNew("Federal");

  test("columns are taken in the spec's order", () => {
    const log = readLog({ values: [cells(r), cells(ngoTraining())], header: "auto" });
    expect(log.headerRow).toBeUndefined();
    expect(log.entries.map((e) => [e.row, e.sector, e.level, e.activity])).toEqual([
      [1, "Law Enforcement", "Federal", "New Contact"],
      [2, "NGO", undefined, "Training/Seminar"],
    ]);
  });

  test("a range that starts with a header row is read by its headers", () => {
    const headers = [...HEADERS].reverse();
    const log = readLog({ values: [headers, cells(r, headers)], header: "auto" });
    expect(log.headerRow).toBe(1);
    expect(log.entries.map((e) => [e.row, e.level])).toEqual([[2, "Federal"]]);
  });

  test("the range's top and left shift rows and cell addresses", () => {
    const values = [cells(r), cells(without(r, "Agency"))];
    const log = readLog({ values, header: "auto", top: 10, left: 3 });
    // Agency is the 5th column: C + 4 = G.
    expect(brief(log.findings)).toEqual([
      { code: "agency-missing", column: "Agency", cell: "G11", row: 11 },
    ]);
    expect(log.entries.map((e) => e.row)).toEqual([10]);
  });

  test.each<[CellValue[], boolean]>([
    [[...HEADERS], true],
    [["Date", "Sector", "Activity"], true],
    [["Date", "Sector"], false],
    [cells(r), false],
    [[], false],
  ])("looksLikeHeader(%p) = %p", (row, expected) => {
    expect(looksLikeHeader(row)).toBe(expected);
  });
});

describe("blank rows", () => {
  test.each<[string, CellValue[]]>([
    ["nulls", HEADERS.map(() => null)],
    ["undefined", HEADERS.map(() => undefined)],
    ["empty text", HEADERS.map(() => "")],
    ["spaces, tabs and line breaks", HEADERS.map((_, i) => [" ", "\t", "\r\n", "   "][i % 4])],
    ["a short row", []],
  ])("%s are skipped", (_name, blankRow) => {
    const values = [
      [...HEADERS],
      blankRow,
      cells(ngoNew()),
      blankRow,
      cells(leNew("Local")),
      blankRow,
    ];
    const log = readLog({ values });
    expect(log.findings).toEqual([]);
    expect(log.dataRows).toBe(2);
    expect(log.invalidRows).toBe(0);
    expect(log.entries.map((e) => e.row)).toEqual([3, 5]);
  });

  test.each<[CellValue, boolean]>([
    [null, true],
    [undefined, true],
    ["", true],
    ["  ", true],
    ["\t", true],
    [" x ", false],
    [0, false],
    [false, false],
  ])("isBlank(%p) = %p", (v, blank) => {
    expect(isBlank(v)).toBe(blank);
  });
});

describe("zeroIsBlank: Excel desktop hands empty cells to functions as 0", () => {
  const zeroed = (r: RowSpec) => HEADERS.map((h) => (h in r ? r[h] : 0));

  test("an all-zero row is blank", () => {
    const values = [[...HEADERS], HEADERS.map(() => 0), zeroed(ngoNew()), HEADERS.map(() => 0)];
    const log = readLog({ values, zeroIsBlank: true });
    expect(log.findings).toEqual([]);
    expect(log.dataRows).toBe(1);
    expect(log.entries.map((e) => e.row)).toEqual([3]);
  });

  test("0 in Level, Significant, the counts and POC of a contact row are blank cells", () => {
    const log = readLog({
      values: [[...HEADERS], zeroed(ngoFollowUp({ "POC Name": 0 }))],
      zeroIsBlank: true,
    });
    expect(log.findings).toEqual([]);
    expect(log.entries[0]).toMatchObject({
      level: undefined,
      significant: false,
      pocName: "",
      attendees: 0,
    });
  });

  test("0 Attendees on a training row is still a real 0", () => {
    const log = readLog({
      values: [[...HEADERS], zeroed(ngoTraining({ Attendees: 0 }))],
      zeroIsBlank: true,
    });
    expect(log.findings).toEqual([]);
    expect(log.entries[0]).toMatchObject({ presentations: 1, agencies: 3, attendees: 0 });
  });

  test("0 Presentations on a training row is too small, not missing", () => {
    const log = readLog({
      values: [[...HEADERS], zeroed(ngoTraining({ Presentations: 0 }))],
      zeroIsBlank: true,
    });
    expect(brief(log.findings)).toEqual([
      { code: "count-too-small", column: "Presentations", cell: "H2", row: 2 },
    ]);
  });

  test("a 0 Date on a real row is a missing date", () => {
    const log = readLog({ values: [[...HEADERS], zeroed(ngoNew({ Date: 0 }))], zeroIsBlank: true });
    expect(brief(log.findings)).toEqual([
      { code: "date-missing", column: "Date", cell: "A2", row: 2 },
    ]);
  });

  test("without zeroIsBlank an all-zero row is a row, and 0 is not a date", () => {
    const log = readLog({ values: [[...HEADERS], HEADERS.map(() => 0)] });
    expect(log.dataRows).toBe(1);
    expect(log.entries).toEqual([]);
    expect(log.findings.map((f) => f.code)).toContain("date-unreadable");
  });
});

describe("value synonyms", () => {
  const one = (r: RowSpec) => {
    const log = readLog(grid([r]));
    expect(log.findings).toEqual([]);
    expect(log.entries).toHaveLength(1);
    return log.entries[0];
  };

  test.each<[CellValue, "NGO" | "Law Enforcement"]>([
    ["NGO", "NGO"],
    ["ngo", "NGO"],
    [" Ngo ", "NGO"],
    ["Non-Government Organization", "NGO"],
    ["non-government organization", "NGO"],
    ["NON GOVERNMENT ORGANIZATION", "NGO"],
    ["LE", "Law Enforcement"],
    ["le", "Law Enforcement"],
    ["Law Enforcement", "Law Enforcement"],
    ["law enforcement", "Law Enforcement"],
    ["LAW ENFORCEMENT", "Law Enforcement"],
  ])("Sector %p is %s", (word, sector) => {
    const r = sector === "NGO" ? ngoNew({ Sector: word }) : leNew("Local", { Sector: word });
    expect(one(r).sector).toBe(sector);
  });

  test.each<[CellValue, string]>([
    ["New Contact", "New Contact"],
    ["new contact", "New Contact"],
    ["NEW CONTACT", "New Contact"],
    ["Follow Up Contact", "Follow Up Contact"],
    ["Follow-up Contact", "Follow Up Contact"],
    ["follow-up contact", "Follow Up Contact"],
    ["FOLLOW UP CONTACT", "Follow Up Contact"],
    ["Requested Services", "Requested Services"],
    ["requested services", "Requested Services"],
    ["Training/Seminar", "Training/Seminar"],
    ["training/seminar", "Training/Seminar"],
    ["Training", "Training/Seminar"],
    ["Seminar", "Training/Seminar"],
    ["SEMINAR", "Training/Seminar"],
  ])("Activity %p is %s", (word, activity) => {
    const base = activity === "Training/Seminar" ? ngoTraining() : ngoNew();
    expect(one({ ...base, Activity: word }).activity).toBe(activity);
  });

  test.each<[CellValue, string]>([
    ["Local", "Local"],
    ["local", "Local"],
    ["STATE", "State"],
    ["federal", "Federal"],
    [" Foreign ", "Foreign"],
  ])("Level %p is %s", (word, level) => {
    expect(one(leFollowUp(String(word))).level).toBe(level);
  });

  test.each<[CellValue, boolean]>([
    ["Y", true],
    ["y", true],
    ["Yes", true],
    ["YES", true],
    ["true", true],
    ["TRUE", true],
    [true, true],
    ["N", false],
    ["n", false],
    ["No", false],
    ["false", false],
    [false, false],
    [null, false],
  ])("Significant %p is %p", (word, significant) => {
    expect(one(ngoNew({ Significant: word })).significant).toBe(significant);
  });

  test("an unknown Significant is a warning, and the row still counts as not significant", () => {
    const log = readLog(grid([ngoNew({ Significant: "maybe" })]));
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0].significant).toBe(false);
    expect(log.findings).toEqual([
      expect.objectContaining({
        code: "significant-unknown",
        severity: "warning",
        cell: "L2",
        row: 2,
      }),
    ]);
    expect(log.findings[0].message).toMatch(/"maybe" is not Y or N/);
  });

  test.each<[CellValue, number, number, number]>([
    [3, 3, 3, 3],
    ["3", 3, 3, 3],
    [" 12 ", 12, 12, 12],
    ["1,200", 1200, 1200, 1200],
    [4.0, 4, 4, 4],
  ])("counts as numbers or text: %p", (v, p, a, m) => {
    const e = one(ngoTraining({ Presentations: v, Agencies: v, Attendees: v }));
    expect([e.presentations, e.agencies, e.attendees]).toEqual([p, a, m]);
  });
});

describe("dates in every form", () => {
  const APRIL_15 = utcDay(2007, 4, 15);
  test.each<[string, CellValue, boolean]>([
    ["US text", "04/15/2007", false],
    ["ISO text", "2007-04-15", false],
    ["short US text", "4/15/07", false],
    ["month name", "April 15, 2007", false],
    ["1900 serial", serial1900(2007, 4, 15), false],
    ["1900 serial with a time", serial1900(2007, 4, 15) + 0.625, false],
    ["1904 serial", serial1904(2007, 4, 15), true],
    ["JS Date", new Date(2007, 3, 15), false],
    ["JS Date with a time", new Date(2007, 3, 15, 16, 30), false],
  ])("%s: %p", (_name, date, date1904) => {
    const log = readLog(grid([ngoNew({ Date: date })], { date1904 }));
    expect(log.findings).toEqual([]);
    expect(log.entries[0].date).toBe(APRIL_15);
  });

  test("the hand-computed serials", () => {
    expect(serial1900(2007, 4, 15)).toBe(39187);
    expect(serial1904(2007, 4, 15)).toBe(37725);
  });

  test("a 1900 serial read in a 1904 workbook is four years later", () => {
    const log = readLog(grid([ngoNew({ Date: 39187 })], { date1904: true }));
    expect(log.entries[0].date).toBe(utcDay(2011, 4, 16));
  });
});

/** Each broken row: the findings a user sees, in order. Rows start at 2 (row 1 is the header). */
const ERROR_ROWS: [string, RowSpec, [string, Header, RegExp][]][] = [
  ["missing date", without(ngoNew(), "Date"), [["date-missing", "Date", /Date is missing/]]],
  [
    "unreadable date",
    ngoNew({ Date: "someday" }),
    [["date-unreadable", "Date", /"someday" cannot be read/]],
  ],
  ["a boolean date", ngoNew({ Date: true }), [["date-unreadable", "Date", /not a date/]]],
  [
    "impossible date",
    ngoNew({ Date: "02/30/2007" }),
    [["date-impossible", "Date", /"02\/30\/2007" does not exist/]],
  ],
  [
    "29 Feb of a common year",
    ngoNew({ Date: "2007-02-29" }),
    [["date-impossible", "Date", /does not exist/]],
  ],
  ["the fake 29 Feb 1900", ngoNew({ Date: 60 }), [["date-impossible", "Date", /29 Feb 1900/]]],
  ["serial 0", ngoNew({ Date: 0 }), [["date-unreadable", "Date", /0 is not a date/]]],
  [
    "a year 100 years back",
    ngoNew({ Date: "04/15/1907" }),
    [["date-implausible", "Date", /04\/15\/1907 is outside.*check the year/]],
  ],
  [
    "a year far ahead",
    ngoNew({ Date: "2107-04-15" }),
    [["date-implausible", "Date", /04\/15\/2107/]],
  ],
  ["a small serial", ngoNew({ Date: 5 }), [["date-implausible", "Date", /01\/05\/1900/]]],
  [
    "unknown sector",
    ngoNew({ Sector: "Police" }),
    [["sector-unknown", "Sector", /"Police" is not one of: NGO, Law Enforcement/]],
  ],
  [
    "missing sector",
    without(ngoNew(), "Sector"),
    [["sector-missing", "Sector", /Sector is missing/]],
  ],
  [
    "unknown activity",
    ngoNew({ Activity: "Meeting" }),
    [["activity-unknown", "Activity", /"Meeting" is not one of: New Contact, Follow Up Contact/]],
  ],
  [
    "missing activity",
    without(ngoNew(), "Activity"),
    [["activity-missing", "Activity", /Activity is missing/]],
  ],
  [
    "unknown level",
    leNew("County"),
    [["level-unknown", "Level", /"County" is not one of: Local, State, Federal, Foreign/]],
  ],
  [
    "LE without level",
    without(leNew("Local"), "Level"),
    [["level-missing", "Level", /needs Local, State, Federal, Foreign/]],
  ],
  [
    "LE training without level",
    without(leTraining("Local"), "Level"),
    [["level-missing", "Level", /Level is missing/]],
  ],
  [
    "NGO with a level",
    ngoNew({ Level: "Local" }),
    [["level-not-for-ngo", "Level", /leave it blank for NGO/]],
  ],
  [
    "Requested Services for LE",
    leNew("State", { Activity: "Requested Services" }),
    [["activity-not-for-sector", "Activity", /Requested Services is an NGO activity/]],
  ],
  [
    "training without Presentations",
    without(ngoTraining(), "Presentations"),
    [["count-missing", "Presentations", /Presentations is missing/]],
  ],
  [
    "training without Agencies",
    without(leTraining("Local"), "Agencies"),
    [["count-missing", "Agencies", /Agencies is missing/]],
  ],
  [
    "training without Attendees",
    without(ngoTraining(), "Attendees"),
    [["count-missing", "Attendees", /Attendees is missing/]],
  ],
  [
    "training without any count",
    without(ngoTraining(), "Presentations", "Agencies", "Attendees"),
    [
      ["count-missing", "Presentations", /missing/],
      ["count-missing", "Agencies", /missing/],
      ["count-missing", "Attendees", /missing/],
    ],
  ],
  [
    "negative Attendees",
    ngoTraining({ Attendees: -4 }),
    [["count-negative", "Attendees", /Attendees is -4: a count cannot be negative/]],
  ],
  [
    "negative Agencies as text",
    ngoTraining({ Agencies: "-2" }),
    [["count-negative", "Agencies", /cannot be negative/]],
  ],
  [
    "fractional Presentations",
    ngoTraining({ Presentations: 2.5 }),
    [["count-not-whole", "Presentations", /2.5: a count is a whole number/]],
  ],
  [
    "Attendees not a number",
    ngoTraining({ Attendees: "about 30" }),
    [["count-not-number", "Attendees", /"about 30" is not a number/]],
  ],
  [
    "Agencies as a boolean",
    ngoTraining({ Agencies: true }),
    [["count-not-number", "Agencies", /not a number/]],
  ],
  [
    "no presentations",
    ngoTraining({ Presentations: 0 }),
    [["count-too-small", "Presentations", /at least 1/]],
  ],
  [
    "no agencies",
    leTraining("Foreign", { Agencies: 0 }),
    [["count-too-small", "Agencies", /at least 1/]],
  ],
  [
    "Presentations on a New Contact",
    ngoNew({ Presentations: 2 }),
    [
      [
        "count-not-for-activity",
        "Presentations",
        /only for Training\/Seminar rows, not New Contact/,
      ],
    ],
  ],
  [
    "Attendees on a Follow Up",
    leFollowUp("Local", { Attendees: 10 }),
    [["count-not-for-activity", "Attendees", /not Follow Up Contact/]],
  ],
  [
    "Agencies on Requested Services",
    ngoRequested({ Agencies: "3" }),
    [["count-not-for-activity", "Agencies", /not Requested Services/]],
  ],
  [
    "missing agency",
    without(ngoNew(), "Agency"),
    [["agency-missing", "Agency", /Agency is missing/]],
  ],
  [
    "missing content",
    without(leTraining("Local"), "Content"),
    [["content-missing", "Content", /Content \(of the outreach provided\) is missing/]],
  ],
  [
    "New Contact without POC Name",
    without(ngoNew(), "POC Name"),
    [["poc-missing", "POC Name", /POC Name is missing/]],
  ],
  [
    "New Contact without POC Title",
    without(leNew("State"), "POC Title"),
    [["poc-missing", "POC Title", /POC Title is missing/]],
  ],
  [
    "New Contact without any POC",
    without(ngoNew(), "POC Name", "POC Title"),
    [
      ["poc-missing", "POC Name", /POC Name/],
      ["poc-missing", "POC Title", /POC Title/],
    ],
  ],
  [
    "unknown activity with counts",
    ngoNew({ Activity: "Meeting", Presentations: 2 }),
    [["activity-unknown", "Activity", /Meeting/]],
  ],
  [
    "negative count on a New Contact",
    ngoNew({ Attendees: -3 }),
    [["count-negative", "Attendees", /-3/]],
  ],
  [
    "unknown sector with a level",
    ngoRequested({ Sector: "Police", Level: "Local" }),
    [["sector-unknown", "Sector", /Police/]],
  ],
  ["unknown level on an NGO row", ngoNew({ Level: "Town" }), [["level-unknown", "Level", /Town/]]],
  [
    "unreadable date and no content",
    without(ngoNew({ Date: "soon" }), "Content"),
    [
      ["date-unreadable", "Date", /soon/],
      ["content-missing", "Content", /missing/],
    ],
  ],
  [
    "several errors on one row",
    { ...without(ngoNew({ Sector: "Police" }), "Agency"), Date: "02/30/2007" },
    [
      ["date-impossible", "Date", /does not exist/],
      ["sector-unknown", "Sector", /Police/],
      ["agency-missing", "Agency", /Agency is missing/],
    ],
  ],
];

/** Rows that are valid even though they may look suspicious. */
const VALID_ROWS: [string, RowSpec][] = [
  ["NGO New Contact", ngoNew()],
  ["NGO Follow Up without POC", without(ngoFollowUp(), "POC Name", "POC Title")],
  ["NGO Requested Services", ngoRequested()],
  ["NGO training with 0 attendees", ngoTraining({ Attendees: 0 })],
  ["LE New Contact", leNew("Foreign")],
  ["LE Follow Up", leFollowUp("State")],
  ["LE training", leTraining("Federal")],
  ["a 0 count on a contact row", ngoNew({ Attendees: 0 })],
  ["training counts as text", ngoTraining({ Presentations: "2", Agencies: "4", Attendees: "40" })],
  ["unknown Significant (warning only)", ngoNew({ Significant: "maybe" })],
];

describe("row errors: code, column, cell and a message that names the problem", () => {
  test.each(ERROR_ROWS)("%s", (_name, r, expected) => {
    const log = readLog(grid([r]));
    expect(brief(log.findings)).toEqual(
      expected.map(([code, column]) => ({ code, column, cell: `${LETTER[column]}2`, row: 2 }))
    );
    log.findings.forEach((f, i) => {
      expect(f.severity).toBe("error");
      expect(f.message).toMatch(expected[i][2]);
    });
    expect(log.entries).toEqual([]);
    expect(log.dataRows).toBe(1);
    expect(log.invalidRows).toBe(1);
  });

  test.each(ERROR_ROWS)("%s, in a log at C10 (top 10, left 3)", (_name, r, expected) => {
    const values = [[...HEADERS], cells(ngoNew()), cells(r)];
    const log = readLog({ values, top: 10, left: 3 });
    const shifted = (column: Header) => String.fromCharCode(LETTER[column].charCodeAt(0) + 2);
    expect(brief(log.findings)).toEqual(
      expected.map(([code, column]) => ({ code, column, cell: `${shifted(column)}12`, row: 12 }))
    );
    expect(log.entries.map((e) => e.row)).toEqual([11]);
  });

  test.each(VALID_ROWS)("%s is counted", (_name, r) => {
    const log = readLog(grid([r]));
    expect(log.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(log.entries).toHaveLength(1);
    expect(log.invalidRows).toBe(0);
  });
});

describe("logRowSchema (the task pane's form) gives the same verdicts as readLog", () => {
  const KEY: Record<Header, ColumnKey> = {
    Date: "date",
    Sector: "sector",
    Level: "level",
    Activity: "activity",
    Agency: "agency",
    "POC Name": "pocName",
    "POC Title": "pocTitle",
    Presentations: "presentations",
    Agencies: "agencies",
    Attendees: "attendees",
    Content: "content",
    Significant: "significant",
  };
  const formOf = (r: RowSpec) =>
    Object.fromEntries(HEADERS.map((h) => [KEY[h], h in r ? r[h] : ""]));

  const verdicts = (r: RowSpec) => {
    const log = readLog(grid([r]));
    const fromLog = log.findings
      .filter((f) => f.severity === "error")
      .map((f) => `${KEY[f.column as Header]}:${f.code}`);
    const parsed = logRowSchema().safeParse(formOf(r));
    const fromSchema = parsed.success
      ? []
      : parsed.error.issues.map(
          (i) => `${String(i.path[0])}:${(i as { params?: { code?: string } }).params?.code}`
        );
    return { fromLog: fromLog.sort(), fromSchema: fromSchema.sort(), valid: parsed.success };
  };

  test.each([...ERROR_ROWS.map(([n, r]) => [n, r] as [string, RowSpec]), ...VALID_ROWS])(
    "%s",
    (_name, r) => {
      const { fromLog, fromSchema, valid } = verdicts(r);
      expect(fromSchema).toEqual(fromLog);
      expect(valid).toBe(fromLog.length === 0);
    }
  );

  test("a valid form row parses to the same fields readLog counts", () => {
    const parsed = logRowSchema().parse(formOf(leTraining("Local", { Significant: "Y" })));
    expect(parsed).toMatchObject({
      date: utcDay(2007, 4, 15),
      sector: "Law Enforcement",
      level: "Local",
      activity: "Training/Seminar",
      presentations: 1,
      agencies: 3,
      attendees: 25,
      significant: true,
    });
  });

  test("a 1904 serial in the form", () => {
    const parsed = logRowSchema(true).parse(formOf(ngoNew({ Date: serial1904(2007, 4, 15) })));
    expect(parsed.date).toBe(utcDay(2007, 4, 15));
  });
});

describe("whole-log bookkeeping", () => {
  test("entries keep worksheet order and rows; dataRows and invalidRows count non-blank rows", () => {
    const g: LogGrid = grid([
      ngoNew(),
      without(ngoNew(), "Content"),
      {},
      leNew("Local"),
      ngoTraining({ Presentations: -1 }),
    ]);
    const log = readLog(g);
    expect(log.entries.map((e) => e.row)).toEqual([2, 5]);
    expect(log.dataRows).toBe(4);
    expect(log.invalidRows).toBe(2);
    expect(log.headerRow).toBe(1);
    expect(log.columns).toMatchObject({ date: 0, sector: 1, significant: 11 });
  });

  test("the same cell value on many rows gives the same verdict each time (value cache)", () => {
    const rows = [ngoNew({ Date: "02/30/2007" }), ngoNew(), ngoNew({ Date: "02/30/2007" })];
    const log = readLog(grid(rows));
    expect(brief(log.findings)).toEqual([
      { code: "date-impossible", column: "Date", cell: "A2", row: 2 },
      { code: "date-impossible", column: "Date", cell: "A4", row: 4 },
    ]);
  });
});

describe("readLog's shortcuts (values met before, text already trimmed) change no verdict", () => {
  // Many spellings per column (more than readLog tries before its Map), text with and without
  // space of every kind around it, and numbers, booleans and Dates where text is expected.
  const pools: Record<Header, CellValue[]> = {
    Date: [
      "04/15/2007",
      " 4/15/07 ",
      39187,
      39188.5,
      39300,
      "2007-04-15",
      "02/30/2007",
      0,
      -1,
      "x",
    ],
    Sector: ["NGO", "ngo", " NGO ", "Ngo", "LE", "le", "Law Enforcement", "law enforcement"],
    Level: ["Local", "local", "LOCAL", "State", " state", "Federal", "Foreign", "Town", 5, ""],
    Activity: ["New Contact", "new contact", "Follow Up Contact", "Follow-up Contact", "Training"],
    Agency: [
      "HPD",
      " HPD ",
      "\u00a0HPD\u00a0",
      "HPD\u2003",
      "\tHPD",
      "Ünïcödé",
      42,
      true,
      "",
      "  ",
    ],
    "POC Name": ["Ann Lee", "Ann Lee ", "\u3000Ann", null, 0, new Date(2007, 3, 15)],
    "POC Title": ["Director", " Director", "Dir\u00a0", null, "", false],
    Presentations: [1, 2, "3", " 4 ", "1,000", 0, -1, 1.5, "x", null],
    Agencies: [1, 5, "12", 0, null, "", " "],
    Attendees: [0, 25, "40", -3, null, "many"],
    Content: ["Indicators", " Indicators", "Indicators\n", "=x", "\u00a0", "", null, 7],
    Significant: ["Y", "N", "yes", "no", true, false, "maybe", "", null, 1],
  };
  pools.Sector.push("Non-Government Organization", "non-governmental organization", "Police", 3);
  pools.Activity.push("Seminar", "Requested Services", "requested services", "Meeting", "");
  const rowArb = fc.record(
    Object.fromEntries(HEADERS.map((h) => [h, fc.constantFrom(...pools[h])])) as Record<
      Header,
      fc.Arbitrary<CellValue>
    >
  );
  const strip = <T extends { row: number; cell?: string }>(x: T) => ({ ...x, row: 0, cell: "" });

  test("property: a whole log reads as its rows one by one, and as the form's schema does", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.boolean(), (rows, zero) => {
        const whole = readLog(grid(rows, { zeroIsBlank: zero }));
        const one = rows.map((r) => readLog(grid([r], { zeroIsBlank: zero })));
        expect(whole.entries.map(strip)).toEqual(one.flatMap((l) => l.entries.map(strip)));
        expect(whole.findings.map(strip)).toEqual(one.flatMap((l) => l.findings.map(strip)));
        expect(whole.dataRows).toBe(one.reduce((n, l) => n + l.dataRows, 0));
        // And a counted row's fields are the coercers' own, as the form's schema calls them.
        if (zero) return;
        rows.forEach((r, i) => {
          const entry = one[i].entries[0];
          if (entry === undefined) return;
          const form = Object.fromEntries(HEADERS.map((h, j) => [COLUMN_KEYS[j], r[h]]));
          const fields = logRowSchema().parse(form);
          expect(entry).toEqual({
            row: 2,
            ...fields,
            level: fields.level,
            pocName: fields.pocName ?? "",
            pocTitle: fields.pocTitle ?? "",
            presentations: fields.presentations ?? 0,
            agencies: fields.agencies ?? 0,
            attendees: fields.attendees ?? 0,
            significant: fields.significant ?? false,
          });
        });
      }),
      { numRuns: 200 }
    );
  });

  test("text is trimmed whatever space surrounds it", () => {
    const log = readLog(
      grid([ngoNew({ Agency: "\u00a0HPD\u2003", Content: " x\t", "POC Name": "Ann" })])
    );
    expect(log.entries[0]).toMatchObject({ agency: "HPD", content: "x", pocName: "Ann" });
  });
});

describe("a cell holding an invalid Date (a file reader may hand one over)", () => {
  test.each(["Sector", "Level", "Activity", "Presentations", "Significant"])(
    "in %s is reported, not thrown",
    (column) => {
      const row: Record<string, CellValue> = {
        Date: "04/15/2007",
        Sector: "Law Enforcement",
        Level: "Local",
        Activity: "Training/Seminar",
        Agency: "HPD",
        Presentations: 1,
        Agencies: 1,
        Attendees: 5,
        Content: "x",
        Significant: "N",
      };
      row[column] = new Date(NaN);
      const log = readLog({ values: [[...HEADERS], HEADERS.map((h) => row[h] ?? null)] });
      expect(log.entries).toHaveLength(column === "Significant" ? 1 : 0);
      expect(log.findings.map((f) => f.column)).toEqual([column]);
      expect(log.findings[0].message).toMatch(/invalid date/);
    }
  );
});
