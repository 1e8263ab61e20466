/**
 * The custom functions, called as Excel calls them (a fresh copy of the range on every call,
 * blanks as null / "" / 0, serial dates), against the engine on the same data.
 */
import { ExcelError, excelError } from "./custom-functions-mock";
import { FORM_ROWS, Figures, LINE_KEYS } from "../../src/core/chart";
import { checkLog } from "../../src/core/checks";
import { readLog } from "../../src/core/log";
import { PERIOD_NOTATIONS, parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import {
  NOTE,
  NO_PROBLEMS,
  chart,
  check,
  cumulative,
  fiscalPeriod,
  logCache,
  quarter,
  workbook,
} from "../../src/functions/functions";
import { ASSUMED_FACTS, Opening } from "../../src/functions/workbook-facts";
import { FY2007_Q3, HEADERS, LogOptions, logRange, serial1900, serial1904 } from "./fixtures";

const PERIODS = ["FY2006 Q4", "FY2007 Q1", "FY2007 Q2", "FY2007 Q3", "FY2007 Q4", "FY2008 Q1"];

/** Tell the functions what the workbook holds, as the Excel API read would. */
function workbookHas(date1904: boolean, openings: [number, Opening][] = []): void {
  workbook.learn({ date1904, openings: new Map(openings) });
}

beforeEach(() => {
  logCache.clear();
  workbook.learn(ASSUMED_FACTS);
});

/** What `tips report` computes: the engine on the same cells, header required as in a file. */
function engineFigures(period: string, options: LogOptions = {}) {
  return analyze({
    log: {
      values: logRange(options),
      header: options.header === false ? "auto" : "required",
      date1904: options.date1904,
      zeroIsBlank: options.blanks === "zero",
    },
    period: parsePeriod(period),
  }).figures;
}

/** The figures in a TIPS.CHART spill, by line. */
function chartFigures(cells: unknown[][]): { quarter: Figures; cumulative: Figures } {
  const q = {} as Figures;
  const c = {} as Figures;
  FORM_ROWS.forEach((row, i) => {
    if (row.kind === "line") [q[row.line.key], c[row.line.key]] = cells[i] as [number, number];
  });
  return { quarter: q, cumulative: c };
}

/** The figures from the 30 single-figure calls, each with its own copy of the range. */
function thirtyCalls(period: unknown, options: LogOptions = {}) {
  const q = {} as Figures;
  const c = {} as Figures;
  for (const line of LINE_KEYS) {
    q[line] = quarter(logRange(options), line, period);
    c[line] = cumulative(logRange(options), line, period);
  }
  return { quarter: q, cumulative: c };
}

describe("figures: TIPS.CHART = the engine = the 30 TIPS.QUARTER/TIPS.CUMULATIVE calls", () => {
  test("FY2007 Q3, checked by hand", () => {
    expect(chartFigures(chart(logRange(), "FY2007 Q3"))).toEqual(FY2007_Q3);
    expect(engineFigures("FY2007 Q3")).toEqual(FY2007_Q3);
    expect(thirtyCalls("FY2007 Q3")).toEqual(FY2007_Q3);
  });

  test.each(PERIODS)("%s", (period) => {
    const engine = engineFigures(period);
    expect(chartFigures(chart(logRange(), period))).toEqual(engine);
    expect(thirtyCalls(period)).toEqual(engine);
  });

  test("the chart spill is 19 x 2, aligned with the form's rows, headings as empty text", () => {
    const cells = chart(logRange(), "FY2007 Q3");
    expect(cells).toHaveLength(19);
    expect(FORM_ROWS).toHaveLength(19);
    cells.forEach((pair, i) => {
      expect(pair).toHaveLength(2);
      if (FORM_ROWS[i].kind === "heading") expect(pair).toEqual(["", ""]);
      else pair.forEach((v: unknown) => expect(typeof v).toBe("number"));
    });
    expect(FORM_ROWS[0]).toMatchObject({ kind: "heading", label: "Non-Government Organization" });
    expect(FORM_ROWS[18]).toMatchObject({
      kind: "line",
      line: { label: "3. Members in attendance" },
    });
    // The four heading rows: NGO, its Training/Seminar, Law Enforcement, its Training/Seminar.
    expect(cells.flatMap((pair, i) => (pair[0] === "" ? [i] : []))).toEqual([0, 4, 8, 15]);
  });

  test("a line by its readable name, any case, gives the same figure as by its key", () => {
    const log = logRange();
    expect(quarter(logRange(), "LE Local", "FY2007 Q3")).toBe(
      quarter(log, "le.local", "FY2007 Q3")
    );
    expect(quarter(logRange(), "ngo follow-up contact", "FY07 Q3")).toBe(2);
    expect(cumulative(logRange(), "LE ATTENDEES", "2007Q3")).toBe(85);
    expect(cumulative(logRange(), "NGO Number of presentations", "Q3 FY2007")).toBe(3);
  });

  test("the period in every notation of the spec, and as a date (a serial number or text)", () => {
    const notations = ["FY2007 Q3", "FY07 Q3", "2007Q3", "2007-Q3", "Q3 FY2007", "fy2007 q3"];
    for (const period of [...notations, serial1900(2007, 5, 17), "05/17/2007", "2007-06-30"]) {
      expect(quarter(logRange(), "le.newContact", period)).toBe(4);
    }
  });
});

describe('blanks: null (web), "" and 0 (desktop) are all blank', () => {
  test.each(["null", "empty", "zero"] as const)("blanks as %s", (blanks) => {
    expect(chartFigures(chart(logRange({ blanks }), "FY2007 Q3"))).toEqual(FY2007_Q3);
    expect(thirtyCalls("FY2007 Q3", { blanks })).toEqual(FY2007_Q3);
    const spill = check(logRange({ blanks }), null, invocation());
    expect(spill).toEqual(check(logRange(), null, invocation()));
    // Rows 9 and 29 are blank rows: skipped, no finding.
    expect(spill.map((r) => r[0])).not.toContain(9);
    expect(spill.map((r) => r[0])).not.toContain(29);
    expect(spill.map((r) => r[0])).toContain(28);
  });
});

describe("header row present or absent", () => {
  test("without a header row the columns are in the spec's order", () => {
    const withHeader = chart(logRange(), "FY2007 Q3");
    expect(chart(logRange({ header: false }), "FY2007 Q3")).toEqual(withHeader);
    expect(engineFigures("FY2007 Q3", { header: false })).toEqual(FY2007_Q3);
  });

  test("with a header row, columns are found by their header text in any order", () => {
    const log = logRange();
    const order = [11, 3, 0, 10, 1, 2, 4, 5, 6, 9, 8, 7];
    const shuffled = log.map((row) => [...order.map((i) => row[i]), "extra"]);
    shuffled[0][12] = "Notes";
    shuffled[0] = shuffled[0].map((h) => (typeof h === "string" ? ` ${h.toUpperCase()} ` : h));
    expect(chart(shuffled, "FY2007 Q3")).toEqual(chart(logRange(), "FY2007 Q3"));
  });

  test("worksheet rows in findings count the header row, or not when there is none", () => {
    const withHeader = check(logRange(), null, invocation());
    const without = check(logRange({ header: false }), null, invocation());
    expect(without.map((f) => f[0])).toEqual(withHeader.map((f) => (f[0] as number) - 1));
  });
});

describe("date systems", () => {
  test("1900 is assumed until the workbook's system is known", () => {
    expect(workbook.current()).toBe(ASSUMED_FACTS);
    expect(ASSUMED_FACTS.date1904).toBe(false);
    expect(fiscalPeriod(serial1900(2007, 4, 1))).toBe("FY2007 Q3");
  });

  test("a 1904 workbook's serials give the same figures", () => {
    const in1900 = chart(logRange(), "FY2007 Q3");
    workbookHas(true);
    // Parsed anew: the cache key includes the date system.
    expect(chart(logRange({ date1904: true }), "FY2007 Q3")).toEqual(in1900);
    expect(chartFigures(chart(logRange({ date1904: true }), "FY2007 Q3"))).toEqual(FY2007_Q3);
    expect(thirtyCalls("FY2007 Q3", { date1904: true })).toEqual(FY2007_Q3);
    expect(engineFigures("FY2007 Q3", { date1904: true })).toEqual(FY2007_Q3);
    expect(quarter(logRange({ date1904: true }), "le.local", serial1904(2007, 5, 1))).toBe(2);
    expect(fiscalPeriod(serial1904(2007, 4, 1))).toBe("FY2007 Q3");
    expect(fiscalPeriod(serial1904(2007, 3, 31))).toBe("FY2007 Q2");
  });

  test("the same cells read in the other date system are other days", () => {
    // 1904 serials read as 1900 ones are four years early: nothing in FY2007.
    expect(quarter(logRange({ date1904: true }), "le.local", "FY2007 Q3")).toBe(0);
    workbookHas(true);
    expect(quarter(logRange(), "le.local", "FY2007 Q3")).toBe(0);
  });
});

describe("opening balances recorded in the workbook, as tips report adds them", () => {
  const opening = { "ngo.newContact": 10, "le.local": 3, "le.training.attendees": 200 };

  test("Cumulative figures add the fiscal year's opening balance; Quarter figures do not", () => {
    workbookHas(false, [[2007, { figures: opening }]]);
    const engine = analyze({
      log: { values: logRange(), header: "required" },
      period: parsePeriod("FY2007 Q3"),
      opening,
    }).figures;
    expect(engine.cumulative["le.local"]).toBe(FY2007_Q3.cumulative["le.local"] + 3);
    expect(engine.quarter).toEqual(FY2007_Q3.quarter);
    expect(chartFigures(chart(logRange(), "FY2007 Q3"))).toEqual(engine);
    expect(thirtyCalls("FY2007 Q3")).toEqual(engine);
    // Another fiscal year has no opening balance recorded.
    expect(cumulative(logRange(), "ngo.newContact", "FY2008 Q1")).toBe(1);
  });

  test("a balance saved since the last read changes the figures (cache included)", () => {
    expect(cumulative(logRange(), "ngo.newContact", "FY2007 Q3")).toBe(2);
    workbookHas(false, [[2007, { figures: opening }]]);
    expect(cumulative(logRange(), "ngo.newContact", "FY2007 Q3")).toBe(12);
    workbookHas(false);
    expect(cumulative(logRange(), "ngo.newContact", "FY2007 Q3")).toBe(2);
  });

  test("an opening balance that cannot be read is #VALUE!, as tips report refuses it", () => {
    workbookHas(false, [
      [2007, { error: "the setting TIPS.Opening.FY2007 should hold 15 numbers." }],
    ]);
    const e = excelError(() => chart(logRange(), "FY2007 Q3"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(
      "The workbook's opening balance for FY2007 cannot be used: the setting TIPS.Opening.FY2007 " +
        "should hold 15 numbers. Enter it again in the task pane's Opening balance."
    );
    expect(chart(logRange(), "FY2008 Q1")).toHaveLength(19);
  });
});

/** An invocation as Excel passes one with @requiresParameterAddresses. */
function invocation(address?: string): CustomFunctions.Invocation {
  return { parameterAddresses: address === undefined ? undefined : [address] };
}

/** A log with nothing to fix: one NGO New Contact per date, each with its own agency. */
function cleanLog(dates: [number, number, number][]) {
  return [
    [...HEADERS],
    ...dates.map((d, i) => [
      serial1900(...d),
      "NGO",
      null,
      "New Contact",
      `Shelter ${i}`,
      "Jane",
      "Dir",
      null,
      null,
      null,
      "Intro",
      "N",
    ]),
  ];
}

describe("TIPS.CHECK", () => {
  test("one row per finding: worksheet row, column, severity, message, as the engine finds them", () => {
    const spill = check(logRange(), null, invocation("'Outreach Log'!A1:L29"));
    const findings = checkLog(readLog({ values: logRange(), header: "auto", zeroIsBlank: true }));
    expect(spill).toEqual(findings.map((f) => [f.row, f.column, f.severity, f.message]));
    expect(spill.length).toBeGreaterThan(8);
    spill.forEach((r) => {
      expect(r).toHaveLength(4);
      expect(["error", "warning"]).toContain(r[2]);
    });
  });

  test("names worksheet rows where the log starts (from the range's address)", () => {
    const atA1 = check(logRange(), null, invocation("Log!A1:L29"));
    const lower = check(logRange(), null, invocation("'Outreach Log'!$C$5:$N$33"));
    expect(lower.map((r) => r[0])).toEqual(atA1.map((r) => (r[0] as number) + 4));
    expect(check(logRange(), null, invocation(undefined))).toEqual(atA1);
    // The "No POC" row is the 27th of the rows: row 28 with the header at row 1, 32 at row 5.
    expect(
      atA1
        .filter((r) => r[3] === "POC Name is missing: a New Contact names its point of contact.")
        .map((r) => r[0])
    ).toEqual([28]);
    expect(lower.some((r) => r[0] === 32 && r[1] === "POC Name")).toBe(true);
  });

  test("with a period, one note for the rows of other fiscal years, after the findings", () => {
    const at = invocation("'Outreach Log'!A1:L29");
    const without = check(logRange(), null, at);
    const note = (text: string) => ["", "", NOTE, text];
    expect(check(logRange(), "FY2007 Q3", at)).toEqual([
      ...without,
      note(
        "2 rows fall outside FY2007 (1 in FY2006, 1 in FY2008) and are not counted in this report."
      ),
    ]);
    // A date in the quarter is a period too; FY2006 leaves out every row but one.
    expect(check(logRange(), serial1900(2006, 8, 1), at).at(-1)).toEqual(
      note(
        "19 rows fall outside FY2006 (18 in FY2007, 1 in FY2008) and are not counted in this report."
      )
    );
    // No per-row word about fiscal years either way; blank or omitted: nothing about them.
    expect(without.some((r) => /fiscal year|outside/i.test(String(r[3])))).toBe(false);
    for (const none of [null, "", 0]) expect(check(logRange(), none, at)).toEqual(without);
    expect(() => check(logRange(), "someday", at)).toThrow(/is not a reporting period/);
  });

  test("with a period and nothing to fix, the note alone; no note when every row is in the year", () => {
    const rows = cleanLog;
    const at = invocation("A1:L3");
    expect(
      check(
        rows([
          [2007, 4, 2],
          [2005, 4, 2],
        ]),
        "FY2007 Q3",
        at
      )
    ).toEqual([
      ["", "", NOTE, "1 row falls outside FY2007 (1 in FY2005) and is not counted in this report."],
    ]);
    expect(check(rows([[2007, 4, 2]]), "FY2007 Q3", at)).toEqual([[NO_PROBLEMS]]);
  });

  test('a clean log gives one cell, "No problems found"', () => {
    const clean = cleanLog([[2007, 4, 2]]);
    expect(check(clean, null, invocation("A1:L2"))).toEqual([[NO_PROBLEMS]]);
    expect(check([[...HEADERS]], null, invocation("A1:L1"))).toEqual([[NO_PROBLEMS]]);
  });

  test("the same log parsed for findings at another position does not change figures", () => {
    check(logRange(), null, invocation("Log!C5:N33"));
    expect(chartFigures(chart(logRange(), "FY2007 Q3"))).toEqual(FY2007_Q3);
    expect(check(logRange(), null, invocation("Log!A1:L29"))[0][0]).not.toBe(
      check(logRange(), null, invocation("Log!C5:N33"))[0][0]
    );
  });
});

describe("TIPS.FISCALPERIOD", () => {
  test.each([
    [serial1900(2007, 4, 1), "FY2007 Q3"],
    [serial1900(2007, 6, 30), "FY2007 Q3"],
    [serial1900(2007, 6, 30) + 0.75, "FY2007 Q3"], // a time of day
    [serial1900(2007, 7, 1), "FY2007 Q4"],
    [serial1900(2007, 9, 30), "FY2007 Q4"],
    [serial1900(2007, 10, 1), "FY2008 Q1"],
    [serial1900(2007, 1, 1), "FY2007 Q2"],
    [serial1900(1999, 12, 31), "FY2000 Q1"],
    ["04/15/2007", "FY2007 Q3"],
    ["2007-04-15", "FY2007 Q3"],
  ])("%p is %s", (date, period) => {
    expect(fiscalPeriod(date)).toBe(period);
  });
});

describe("wrong arguments: #VALUE! with a message that says what to fix", () => {
  const calls: Record<string, (log: unknown) => unknown> = {
    QUARTER: (log) => quarter(log as never, "le.local", "FY2007 Q3"),
    CUMULATIVE: (log) => cumulative(log as never, "le.local", "FY2007 Q3"),
    CHART: (log) => chart(log as never, "FY2007 Q3"),
    CHECK: (log) => check(log as never, null, invocation("A1:L9")),
  };

  describe.each(Object.keys(calls))("TIPS.%s", (name) => {
    const call = calls[name];

    test.each([
      ["no cells", []],
      ["an empty row", [[]]],
      [
        "only null",
        [
          [null, null],
          [null, null],
        ],
      ],
      [
        'only ""',
        [
          ["", ""],
          ["", ""],
        ],
      ],
      ["only 0", [[0, 0, 0]]],
    ])("an empty range (%s)", (_, log) => {
      const e = excelError(() => call(log));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(/^The log range is empty: select the log with its header row/);
      expect(e.message).toContain("OutreachLog[#All]");
    });

    test("a misspelt header names the column and the misspelling", () => {
      const log = logRange();
      log[0][4] = "Agncy";
      const e = excelError(() => call(log));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toBe(
        `The log's header row (row 1) has no "Agency" column (is "Agncy" a misspelling?).`
      );
    });

    test("a narrow range without a header row says how to select the log", () => {
      const e = excelError(() => call([[serial1900(2007, 4, 2), "NGO", "New Contact"]]));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(
        /^The log range has 3 columns and its first row is not a header row/
      );
      expect(e.message).toContain("Date, Sector, Level, Activity, Agency");
    });

    test("a value that is not a range", () => {
      const e = excelError(() => call("OutreachLog"));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(/^The log must be a range of cells/);
    });

    test("a failed call leaves nothing in the cache; the next good call works", () => {
      const log = logRange();
      log[0][4] = "Agncy";
      excelError(() => call(log));
      expect(logCache.size).toBe(0);
      expect(() => call(logRange())).not.toThrow();
    });
  });

  test("an unknown line lists the lines and suggests the closest", () => {
    const e = excelError(() => quarter(logRange(), "LE Lokal", "FY2007 Q3"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(
      /^"LE Lokal" is not a line of the chart \(did you mean "LE Local"\?\)\./
    );
    expect(e.message).toContain('e.g. "LE Local" or "NGO Follow Up Contact"');
    expect(e.message).toContain(
      "NGO (Non-Government Organization): New Contact, Follow Up Contact, Requested Services, Presentations, Agencies, Attendees"
    );
    expect(e.message).toContain(
      "LE (Law Enforcement): New Contact, Follow Up Contact, Local, State, Federal, Foreign, Presentations, Agencies, Attendees"
    );
    const far = excelError(() => cumulative(logRange(), "total", "FY2007 Q3"));
    expect(far.message).toMatch(/^"total" is not a line of the chart\. Name a line/);
  });

  test.each([null, "", 0, "   "])("a missing line (%p)", (line) => {
    const e = excelError(() => quarter(logRange(), line as string, "FY2007 Q3"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^The line is missing\. Name a line by its section and label/);
  });

  test("a line that is a number", () => {
    const e = excelError(() => quarter(logRange(), 7 as unknown as string, "FY2007 Q3"));
    expect(e.message).toMatch(/^The line is 7\. Name a line/);
  });

  test("an unreadable period says which notations are accepted", () => {
    const e = excelError(() => quarter(logRange(), "le.local", "third quarter"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(
      `"third quarter" is not a reporting period: write it as ${PERIOD_NOTATIONS}.`
    );
    expect(PERIOD_NOTATIONS).toBe("FY2007 Q3, FY07 Q3, 2007Q3, 2007-Q3, Q3 FY2007 or a date");
  });

  test.each([null, "", 0])("a missing period (%p)", (period) => {
    const e = excelError(() => chart(logRange(), period));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(`The period is missing: write it as ${PERIOD_NOTATIONS}.`);
  });

  test("a year typed alone is not taken for a date in 1905", () => {
    const e = excelError(() => chart(logRange(), 2007));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("give a period such as FY2007 Q3");
  });

  test("a period that is TRUE", () => {
    const e = excelError(() => chart(logRange(), true));
    expect(e.message).toBe(`The period is true: write it as ${PERIOD_NOTATIONS}.`);
  });

  test.each([
    [null, /^The date is missing/],
    ["", /^The date is missing/],
    [0, /^The date is missing/],
    ["soon", /^"soon" is not a date: give a date, such as a cell holding 04\/15\/2007\.$/],
    ["02/30/2007", /^"02\/30\/2007" is not a day on the calendar/],
    [60, /^Serial 60 is 29 Feb 1900, a day that never was/],
    [-3, /^-3 is not a date/],
    [2958466, /^2958466 is after 12\/31\/9999/],
    [true, /^true is not a date/],
  ])("TIPS.FISCALPERIOD(%p)", (date, message) => {
    const e = excelError(() => fiscalPeriod(date));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(message);
  });
});

describe("every call settles", () => {
  test("each function returns a value, never a promise", () => {
    const results = [
      quarter(logRange(), "le.local", "FY2007 Q3"),
      cumulative(logRange(), "le.local", "FY2007 Q3"),
      chart(logRange(), "FY2007 Q3"),
      check(logRange(), null, invocation()),
      fiscalPeriod(serial1900(2007, 4, 1)),
    ];
    for (const r of results) expect(r).not.toBeInstanceOf(Promise);
  });

  test("an unexpected failure inside the engine is an Excel error too, not an exception", () => {
    const log = logRange();
    log[6][4] = {
      toString: () => {
        throw new TypeError("cannot show this");
      },
    } as never;
    const e = excelError(() => chart(log, "FY2007 Q3"));
    expect(e).toBeInstanceOf(ExcelError);
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("TIPS could not compute this: cannot show this");
  });
});

describe("the parsed-log cache", () => {
  test("forty chart cells on the same log parse it once", () => {
    for (let i = 0; i < 20; i++) {
      quarter(logRange(), LINE_KEYS[i % 15], "FY2007 Q3");
      cumulative(logRange(), LINE_KEYS[i % 15], "FY2007 Q3");
    }
    expect(logCache.parses).toBe(1);
    expect(logCache.hits).toBe(39);
  });

  test("a changed cell is a new log: never a stale figure", () => {
    expect(quarter(logRange(), "le.local", "FY2007 Q3")).toBe(2);
    const edited = logRange();
    edited[11][2] = "State"; // 2007-05-20 Houston PD: Local -> State
    expect(quarter(edited, "le.local", "FY2007 Q3")).toBe(1);
    expect(quarter(edited, "le.state", "FY2007 Q3")).toBe(3);
    const typed = logRange();
    typed[11][0] = String(typed[11][0]); // the same serial typed as text: not the same cell
    expect(quarter(typed, "le.local", "FY2007 Q3")).toBe(1); // "39222" as text: unreadable
    expect(quarter(logRange(), "le.local", "FY2007 Q3")).toBe(2);
    expect(logCache.parses).toBe(3);
  });

  test("free text edited: the figures come from the cache, TIPS.CHECK reads the new text", () => {
    const formula = 'Agency begins with "=": it is kept as text, never run as a formula.';
    expect(chartFigures(chart(logRange(), "FY2007 Q3"))).toEqual(FY2007_Q3);
    expect(check(logRange(), null, invocation("A1:L29")).map((r) => r[3])).not.toContain(formula);
    const edited = logRange();
    edited[4][4] = "=Polaris Project"; // Agency
    edited[4][10] = "Another account of the same outreach"; // Content
    const parses = logCache.parses;
    expect(chartFigures(chart(edited, "FY2007 Q3"))).toEqual(FY2007_Q3);
    expect(thirtyCalls("FY2007 Q3", {})).toEqual(FY2007_Q3);
    expect(logCache.parses).toBe(parses); // the figures' cache took the edited log as the same
    expect(check(edited, null, invocation("A1:L29")).map((r) => r[3])).toContain(formula);
    const blanked = logRange();
    blanked[4][10] = null; // Content blanked: the row is no longer counted
    expect(quarter(blanked, "ngo.newContact", "FY2007 Q2")).toBe(
      quarter(logRange(), "ngo.newContact", "FY2007 Q2") - 1
    );
  });

  test("a row added or removed is a new log", () => {
    const longer = [
      ...logRange(),
      [
        serial1900(2007, 5, 21),
        "Law Enforcement",
        "Local",
        "New Contact",
        "HPD",
        "A",
        "B",
        null,
        null,
        null,
        "C",
        null,
      ],
    ];
    expect(quarter(logRange(), "le.local", "FY2007 Q3")).toBe(2);
    expect(quarter(longer, "le.local", "FY2007 Q3")).toBe(3);
    expect(quarter(logRange().slice(0, 12), "le.local", "FY2007 Q3")).toBe(1);
  });
});
