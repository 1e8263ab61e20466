import {
  FiscalPeriod,
  PeriodError,
  fiscalYearEnd,
  fiscalYearStart,
  formatPeriod,
  formatPeriodRange,
  parsePeriod,
  periodBounds,
  periodFromTitle,
  periodOfDay,
  previousPeriod,
  quarterEnd,
  quarterStart,
  samePeriod,
  titleWithPeriod,
  tryParsePeriod,
} from "../../src/core/period";
import { serial1900, serial1904, utcDay } from "./builders";

const SEED_TITLE =
  "ICE Human Trafficking Outreach Quarterly Report 04/01/07 to 06/30/07 SAC/Attaché";

const P = (fiscalYear: number, quarter: 1 | 2 | 3 | 4): FiscalPeriod => ({ fiscalYear, quarter });

describe("parsePeriod: every notation of the spec", () => {
  test.each<[string, string | number | Date, boolean, FiscalPeriod]>([
    ["canonical", "FY2007 Q3", false, P(2007, 3)],
    ["two-digit fiscal year", "FY07 Q3", false, P(2007, 3)],
    ["year then quarter", "2007Q3", false, P(2007, 3)],
    ["year-hyphen-quarter", "2007-Q3", false, P(2007, 3)],
    ["quarter first", "Q3 FY2007", false, P(2007, 3)],
    ["quarter first, two digits", "Q3 FY07", false, P(2007, 3)],
    ["lower case", "fy2007 q3", false, P(2007, 3)],
    ["mixed case, no space", "Fy2007q3", false, P(2007, 3)],
    ["extra spacing", "  FY 2007   Q 3  ", false, P(2007, 3)],
    ["hyphen between", "FY2007-Q3", false, P(2007, 3)],
    ["spaced hyphen", "2007 - q3", false, P(2007, 3)],
    ["quarter first, lower case, hyphen", "q1-fy08", false, P(2008, 1)],
    ["Q1", "FY2008 Q1", false, P(2008, 1)],
    ["Q4", "FY2008 Q4", false, P(2008, 4)],
    ["US date text", "04/15/2007", false, P(2007, 3)],
    ["ISO date text", "2007-04-15", false, P(2007, 3)],
    ["short US date text", "4/15/07", false, P(2007, 3)],
    ["month-name date text", "September 30, 2007", false, P(2007, 4)],
    ["day-month-name text", "1-Oct-2007", false, P(2008, 1)],
    ["October is the next fiscal year", "10/01/2006", false, P(2007, 1)],
    ["Excel serial (1900 system) 2007-04-01", 39173, false, P(2007, 3)],
    ["Excel serial with a time of day", 39173.75, false, P(2007, 3)],
    ["Excel serial 2007-03-31 is Q2", 39172, false, P(2007, 2)],
    ["Excel serial as text", "39173", false, P(2007, 3)],
    ["Excel serial (1904 system) 2007-04-01", 37711, true, P(2007, 3)],
    ["1904 serial 37710 = 2007-03-31", 37710, true, P(2007, 2)],
    ["a Date", new Date(2007, 3, 15), false, P(2007, 3)],
    ["a Date late in the day", new Date(2007, 2, 31, 23, 59, 59), false, P(2007, 2)],
    ["a Date on 1 October", new Date(2006, 9, 1), false, P(2007, 1)],
  ])("%s: %p", (_name, input, date1904, expected) => {
    expect(parsePeriod(input, date1904)).toEqual(expected);
    expect(tryParsePeriod(input, date1904)).toEqual(expected);
  });
});

describe("parsePeriod: rejected notations say what is accepted", () => {
  test.each<[string, string | number | Date, RegExp]>([
    ["a fiscal year alone", "FY2007", /"FY2007" is not a reporting period.*FY2007 Q3/],
    ["a quarter alone", "Q3", /"Q3" is not a reporting period/],
    ["quarter 5", "FY2007 Q5", /"FY2007 Q5" is not a reporting period/],
    ["quarter 0", "2007Q0", /"2007Q0" is not a reporting period/],
    ["calendar-style quarter without FY", "Q3 2007", /"Q3 2007" is not a reporting period/],
    ["empty text", "", /"" is not a reporting period/],
    ["words", "third quarter", /"third quarter" is not a reporting period.*Q3 FY2007/],
    ["an impossible date", "02/30/2007", /"02\/30\/2007" is not a reporting period/],
    ["29 Feb of a common year", "02/29/2007", /"02\/29\/2007" is not a reporting period/],
    ["the fake 29 Feb 1900 (serial 60)", 60, /60 is not a date/],
    ["serial 0", 0, /0 is not a date/],
    ["a negative serial", -5, /-5 is not a date/],
    ["not a number", Number.NaN, /NaN is not a date/],
    ["an invalid Date", new Date(Number.NaN), /not a valid date/],
    // A bare year is not a serial an office worker means: 2007 would be 29 Jun 1905.
    ["a year typed as a number", 2007, /2007 is not a date/],
    ["a year typed as text", "2007", /2007 is not a date/],
    [
      "a date text before 2000",
      "04/15/1999",
      /04\/15\/1999 is not a date from 01\/01\/2000 to 12\/31\/2099/,
    ],
    ["a Date after 2099", new Date(2100, 0, 1), /01\/01\/2100 is not a date from/],
  ])("%s: %p", (_name, input, message) => {
    expect(() => parsePeriod(input)).toThrow(PeriodError);
    expect(() => parsePeriod(input)).toThrow(message);
    expect(tryParsePeriod(input)).toBeUndefined();
  });
});

describe("quarter and fiscal-year bounds", () => {
  test.each<[FiscalPeriod, [number, number, number], [number, number, number]]>([
    [P(2007, 1), [2006, 10, 1], [2006, 12, 31]],
    [P(2007, 2), [2007, 1, 1], [2007, 3, 31]],
    [P(2007, 3), [2007, 4, 1], [2007, 6, 30]],
    [P(2007, 4), [2007, 7, 1], [2007, 9, 30]],
    [P(2008, 1), [2007, 10, 1], [2007, 12, 31]],
    [P(2008, 2), [2008, 1, 1], [2008, 3, 31]],
    [P(2000, 2), [2000, 1, 1], [2000, 3, 31]],
  ])("%p runs from %p to %p", (p, start, end) => {
    expect(quarterStart(p)).toBe(utcDay(...start));
    expect(quarterEnd(p)).toBe(utcDay(...end));
    const iso = ([y, m, d]: number[]) =>
      `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    expect(periodBounds(p)).toEqual({ start: iso(start), end: iso(end) });
  });

  test.each<[number, [number, number, number], [number, number, number]]>([
    [2007, [2006, 10, 1], [2007, 9, 30]],
    [2008, [2007, 10, 1], [2008, 9, 30]],
    [2000, [1999, 10, 1], [2000, 9, 30]],
  ])("FY%i runs from %p to %p", (fy, start, end) => {
    expect(fiscalYearStart(fy)).toBe(utcDay(...start));
    expect(fiscalYearEnd(fy)).toBe(utcDay(...end));
  });

  test("the four quarters tile the fiscal year with no gap and no overlap", () => {
    for (const fy of [2007, 2008, 2012]) {
      expect(quarterStart(P(fy, 1))).toBe(fiscalYearStart(fy));
      expect(quarterEnd(P(fy, 4))).toBe(fiscalYearEnd(fy));
      for (const q of [1, 2, 3] as const) {
        expect(quarterStart(P(fy, (q + 1) as 2 | 3 | 4))).toBe(quarterEnd(P(fy, q)) + 1);
      }
    }
  });
});

describe("boundary days fall in the right quarter and fiscal year", () => {
  test.each<[number, number, number, FiscalPeriod]>([
    [2006, 9, 30, P(2006, 4)],
    [2006, 10, 1, P(2007, 1)],
    [2006, 12, 31, P(2007, 1)],
    [2007, 1, 1, P(2007, 2)],
    [2007, 3, 31, P(2007, 2)],
    [2007, 4, 1, P(2007, 3)],
    [2007, 6, 30, P(2007, 3)],
    [2007, 7, 1, P(2007, 4)],
    [2007, 9, 30, P(2007, 4)],
    [2007, 10, 1, P(2008, 1)],
  ])("%i-%i-%i is %p", (y, m, d, expected) => {
    expect(periodOfDay(utcDay(y, m, d))).toEqual(expected);
    const us = `${String(m).padStart(2, "0")}/${String(d).padStart(2, "0")}/${y}`;
    expect(parsePeriod(us)).toEqual(expected);
    expect(parsePeriod(serial1900(y, m, d))).toEqual(expected);
    expect(parsePeriod(serial1904(y, m, d), true)).toEqual(expected);
    expect(parsePeriod(new Date(y, m - 1, d))).toEqual(expected);
  });
});

describe("leap days", () => {
  test.each<[string, string | number, FiscalPeriod | RegExp]>([
    ["29 Feb 2008 is real", "02/29/2008", P(2008, 2)],
    ["29 Feb 2000 is real (divisible by 400)", "2000-02-29", P(2000, 2)],
    ["29 Feb 2007 is impossible", "02/29/2007", /not a reporting period/],
    ["29 Feb 1900 is impossible (divisible by 100)", "02/29/1900", /not a reporting period/],
    ["serial 60, Excel's fake 29 Feb 1900, is rejected", 60, /60 is not a date/],
    ["serial 39507 is 29 Feb 2008", 39507, P(2008, 2)],
  ])("%s", (_name, input, expected) => {
    if (expected instanceof RegExp) expect(() => parsePeriod(input)).toThrow(expected);
    else expect(parsePeriod(input)).toEqual(expected);
  });
});

describe("periodFromTitle", () => {
  test.each<[string, FiscalPeriod | undefined]>([
    [SEED_TITLE, P(2007, 3)],
    ["ICE Human Trafficking Outreach Quarterly Report 10/01/06 to 12/31/06 SAC Miami", P(2007, 1)],
    ["Quarterly Report 01/01/08 to 03/31/08", P(2008, 2)],
    ["Quarterly Report 07/01/2007 to 09/30/2007", P(2007, 4)],
    ["Quarterly Report 07/01/07 through 09/30/07", P(2007, 4)],
    ["Quarterly Report 07/01/07-09/30/07", P(2007, 4)],
    ["ICE Human Trafficking Outreach Quarterly Report SAC/Attaché", undefined],
  ])("%p -> %p", (title, expected) => {
    expect(periodFromTitle(title)).toEqual(expected);
  });

  test.each<[string, RegExp]>([
    ["Report 04/01/07 to 07/31/07", /"04\/01\/07 to 07\/31\/07" are not one fiscal quarter/],
    ["Report 04/02/07 to 06/30/07", /not one fiscal quarter \(such as 04\/01\/07 to 06\/30\/07\)/],
    ["Report 04/01/07 to 06/29/07", /not one fiscal quarter/],
    ["Report 01/01/07 to 06/30/07", /not one fiscal quarter/],
    ["Report 10/01/06 to 09/30/07", /not one fiscal quarter/],
    ["Report 02/30/07 to 03/31/07", /"02\/30\/07 to 03\/31\/07" are not real dates/],
  ])("%p is rejected", (title, message) => {
    expect(() => periodFromTitle(title)).toThrow(PeriodError);
    expect(() => periodFromTitle(title)).toThrow(message);
  });
});

describe("titleWithPeriod", () => {
  test.each<[string, FiscalPeriod, string]>([
    [
      SEED_TITLE,
      P(2008, 1),
      "ICE Human Trafficking Outreach Quarterly Report 10/01/07 to 12/31/07 SAC/Attaché",
    ],
    [SEED_TITLE, P(2007, 3), SEED_TITLE],
    [
      SEED_TITLE,
      P(2008, 2),
      "ICE Human Trafficking Outreach Quarterly Report 01/01/08 to 03/31/08 SAC/Attaché",
    ],
    ["Quarterly Report ", P(2007, 4), "Quarterly Report 07/01/07 to 09/30/07"],
  ])("%p with %p", (title, p, expected) => {
    expect(titleWithPeriod(title, p)).toBe(expected);
  });

  test("a title written for any quarter reads back as that quarter", () => {
    for (const fy of [2007, 2008, 2012, 2030]) {
      for (const q of [1, 2, 3, 4] as const) {
        expect(periodFromTitle(titleWithPeriod(SEED_TITLE, P(fy, q)))).toEqual(P(fy, q));
      }
    }
  });
});

describe("period helpers", () => {
  test.each<[FiscalPeriod, string, string, FiscalPeriod]>([
    [P(2007, 3), "FY2007 Q3", "04/01/07 to 06/30/07", P(2007, 2)],
    [P(2007, 1), "FY2007 Q1", "10/01/06 to 12/31/06", P(2006, 4)],
    [P(2008, 2), "FY2008 Q2", "01/01/08 to 03/31/08", P(2008, 1)],
  ])("%p", (p, canonical, range, previous) => {
    expect(formatPeriod(p)).toBe(canonical);
    expect(parsePeriod(canonical)).toEqual(p);
    expect(formatPeriodRange(p)).toBe(range);
    expect(previousPeriod(p)).toEqual(previous);
    expect(samePeriod(p, previous)).toBe(false);
    expect(samePeriod(p, { ...p })).toBe(true);
  });
});
