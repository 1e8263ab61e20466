/**
 * Excel's arguments -> the engine's input (no Office global needed: the #VALUE! step is at the
 * edge, in functions.ts).
 */
import { LINE_KEYS, lineKeyFromName } from "../../src/core/chart";
import { readLog } from "../../src/core/log";
import {
  ArgumentError,
  READABLE_LINE_NAMES,
  checkParsedRange,
  dayFromArgument,
  lineFromArgument,
  logGridFromRange,
  originFromAddress,
  periodFromArgument,
} from "../../src/functions/arguments";
import { HEADERS, serial1900, serial1904 } from "./fixtures";

describe("originFromAddress", () => {
  test.each([
    ["Sheet1!A1:L500", 1, 1],
    ["'Outreach Log'!$B$3:$M$90", 3, 2],
    ["[Book1.xlsx]Log!AA10:AL20", 10, 27],
    ["Log!C:N", 1, 3],
    ["Log!5:90", 5, 1],
    ["'It''s!odd'!D7", 7, 4],
    ["A1", 1, 1],
    [undefined, 1, 1],
    ["", 1, 1],
  ])("%p starts at row %i, column %i", (address, top, left) => {
    expect(originFromAddress(address)).toEqual({ top, left });
  });
});

describe("logGridFromRange", () => {
  test("a range becomes a grid read with the header found automatically and 0 as blank", () => {
    const values = [[...HEADERS]];
    expect(logGridFromRange(values, true, { top: 4, left: 2 })).toEqual({
      values,
      top: 4,
      left: 2,
      date1904: true,
      header: "auto",
      zeroIsBlank: true,
    });
  });

  test.each([[[]], [[[]]], [[[], []]]])("an empty range (%j) is refused", (range) => {
    expect(() => logGridFromRange(range, false)).toThrow(/^The log range is empty/);
  });

  test.each(["A1:L9", 5, null, [1, 2], [[1], 2]])("a non-range (%j) is refused", (range) => {
    expect(() => logGridFromRange(range, false)).toThrow(ArgumentError);
    expect(() => logGridFromRange(range, false)).toThrow(/^The log must be a range of cells/);
  });
});

describe("checkParsedRange", () => {
  const parsed = (values: unknown[][]) =>
    readLog({ values: values as never, header: "auto", zeroIsBlank: true });

  test("a log with a header row passes, even with no data rows", () => {
    expect(() => checkParsedRange(parsed([[...HEADERS]]))).not.toThrow();
  });

  test("a headerless log with the spec's 11 required columns passes", () => {
    const row = [
      serial1900(2007, 4, 2),
      "NGO",
      null,
      "New Contact",
      "A",
      "B",
      "C",
      null,
      null,
      null,
      "D",
    ];
    expect(() => checkParsedRange(parsed([row]))).not.toThrow();
  });

  test.each([
    [[[null, "", 0]]],
    [
      [
        [" ", "\t"],
        [null, null],
      ],
    ],
  ])("only blank cells (%j) is an empty range", (values) => {
    expect(() => checkParsedRange(parsed(values))).toThrow(/^The log range is empty/);
  });

  test("a narrow headerless range names the columns wanted", () => {
    expect(() => checkParsedRange(parsed([["x"]]))).toThrow(
      "The log range has 1 column and its first row is not a header row: select the log with its " +
        "header row, e.g. OutreachLog[#All] or 'Outreach Log'!A1:L500, or give its columns in " +
        "the order Date, Sector, Level, Activity, Agency, POC Name, POC Title, Presentations, " +
        "Agencies, Attendees, Content (then, if wanted, Significant)."
    );
  });
});

describe("lineFromArgument", () => {
  test.each(LINE_KEYS.map((k) => [k]))("the key %s, in any case", (key) => {
    expect(lineFromArgument(key)).toBe(key);
    expect(lineFromArgument(key.toUpperCase())).toBe(key);
    expect(lineFromArgument(` ${key} `)).toBe(key);
  });

  test("every readable name the messages list is accepted and names its own line", () => {
    expect(READABLE_LINE_NAMES).toHaveLength(15);
    READABLE_LINE_NAMES.forEach((name, i) => {
      expect(lineKeyFromName(name)).toBe(LINE_KEYS[i]);
      expect(lineFromArgument(name.toLowerCase())).toBe(LINE_KEYS[i]);
    });
  });

  test.each([
    ["LE Local", "le.local"],
    ["NGO Follow Up Contact", "ngo.followUpContact"],
    ["ngo follow-up contact", "ngo.followUpContact"],
    ["Law Enforcement Foreign", "le.foreign"],
    ["NGO Members in attendance", "ngo.training.attendees"],
    ["le training presentations", "le.training.presentations"],
  ])("%p is %s", (name, key) => {
    expect(lineFromArgument(name)).toBe(key);
  });

  test("a name that is not a line: the closest one, and all of them", () => {
    expect(() => lineFromArgument("NGO New Contacts")).toThrow(
      /^"NGO New Contacts" is not a line of the chart \(did you mean "NGO New Contact"\?\)\. Name a line by its section and label, e\.g\. "LE Local" or "NGO Follow Up Contact", or by its key, e\.g\. "le\.local"\. The lines are NGO \(Non-Government Organization\): New Contact, .*; LE \(Law Enforcement\): New Contact, .*Attendees\.$/
    );
    expect(() => lineFromArgument("le.federl")).toThrow(/did you mean "le\.federal"\?/);
  });

  test.each([null, undefined, "", " ", 0])("a missing line (%p)", (line) => {
    expect(() => lineFromArgument(line)).toThrow(/^The line is missing\./);
  });
});

describe("periodFromArgument", () => {
  const q3 = { fiscalYear: 2007, quarter: 3 };

  test.each([
    "FY2007 Q3",
    "FY07 Q3",
    "2007Q3",
    "2007-Q3",
    "Q3 FY2007",
    " fy07q3 ",
    "04/01/2007",
    "2007-06-30",
  ])("%p is FY2007 Q3", (text) => {
    expect(periodFromArgument(text, false)).toEqual(q3);
  });

  test("a serial date in either date system", () => {
    expect(periodFromArgument(serial1900(2007, 4, 1), false)).toEqual(q3);
    expect(periodFromArgument(serial1904(2007, 4, 1), true)).toEqual(q3);
    expect(periodFromArgument(serial1900(2007, 4, 1), true)).toEqual({
      fiscalYear: 2011,
      quarter: 3,
    });
  });

  test.each([null, undefined, "", "  ", 0])("a missing period (%p)", (period) => {
    expect(() => periodFromArgument(period, false)).toThrow(
      "The period is missing: write it as FY2007 Q3, FY07 Q3, 2007Q3, 2007-Q3, Q3 FY2007 or a date."
    );
  });

  test.each([
    ["Q5 2007", /^"Q5 2007" is not a reporting period: write it as FY2007 Q3/],
    [
      2007,
      /^2007 is not a date from 01\/01\/2000 to 12\/31\/2099: give a period such as FY2007 Q3/,
    ],
    [false, /^The period is false: write it as FY2007 Q3/],
  ])("%p is refused", (period, message) => {
    expect(() => periodFromArgument(period, false)).toThrow(ArgumentError);
    expect(() => periodFromArgument(period, false)).toThrow(message);
  });
});

describe("dayFromArgument", () => {
  test("a serial in either system, or a date typed as text, is the same day", () => {
    const day = Date.UTC(2007, 3, 15) / 86_400_000;
    expect(dayFromArgument(serial1900(2007, 4, 15), false)).toBe(day);
    expect(dayFromArgument(serial1904(2007, 4, 15), true)).toBe(day);
    expect(dayFromArgument("04/15/2007", true)).toBe(day);
    expect(dayFromArgument(serial1900(2007, 4, 15) + 0.5, false)).toBe(day);
  });

  test("1 Jan 1900 is serial 1, and serial 0 is 1 Jan 1904 in the 1904 system", () => {
    expect(dayFromArgument(1, false)).toBe(Date.UTC(1900, 0, 1) / 86_400_000);
    expect(dayFromArgument(1, true)).toBe(Date.UTC(1904, 0, 2) / 86_400_000);
  });
});
