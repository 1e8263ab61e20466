import {
  FAKE_LEAP_DAY_SERIAL,
  dayFromDate,
  dayFromSerial,
  dayFromText,
  expandYear,
  isPlausible,
  isoDate,
  realDay,
  serialFromDay,
  usDate,
  usShortDate,
} from "../../src/core/dates";
import { serial1900, serial1904, utcDay } from "./builders";

type Ymd = [number, number, number];

describe("Excel serials, 1900 date system", () => {
  test.each<[number, Ymd]>([
    [1, [1900, 1, 1]],
    [2, [1900, 1, 2]],
    [31, [1900, 1, 31]],
    [59, [1900, 2, 28]],
    [61, [1900, 3, 1]],
    [366, [1900, 12, 31]],
    [367, [1901, 1, 1]],
    [25569, [1970, 1, 1]],
    [36526, [2000, 1, 1]],
    [36585, [2000, 2, 29]],
    [39173, [2007, 4, 1]],
    [39172, [2007, 3, 31]],
    [39507, [2008, 2, 29]],
    [39508, [2008, 3, 1]],
    [39356, [2007, 10, 1]],
  ])("serial %i is %p", (serial, ymd) => {
    expect(dayFromSerial(serial, false)).toEqual({ ok: true, day: utcDay(...ymd) });
    expect(serialFromDay(utcDay(...ymd), false)).toBe(serial);
  });

  test("serial 60 is the fake 29 Feb 1900 and is refused", () => {
    expect(FAKE_LEAP_DAY_SERIAL).toBe(60);
    expect(dayFromSerial(60, false)).toEqual({ ok: false, reason: "fake-leap-day" });
    expect(dayFromSerial(60.5, false)).toEqual({ ok: false, reason: "fake-leap-day" });
  });

  test.each([0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])("%p is not a date", (serial) => {
    expect(dayFromSerial(serial, false)).toEqual({ ok: false, reason: "not-a-date" });
  });

  test.each<[number, Ymd]>([
    [39173.0001, [2007, 4, 1]],
    [39173.5, [2007, 4, 1]],
    [39173.999988, [2007, 4, 1]],
    [59.9, [1900, 2, 28]],
  ])("the time of day is dropped: %p is %p", (serial, ymd) => {
    expect(dayFromSerial(serial, false)).toEqual({ ok: true, day: utcDay(...ymd) });
  });

  test("every serial from 1 to 80000 except 60 round-trips, each one day after the last", () => {
    const wrong: number[] = [];
    let previous = Number.NaN;
    for (let s = 1; s <= 80000; s++) {
      if (s === 60) continue; // so 61 (1 Mar 1900) is the day after 59 (28 Feb 1900)
      const r = dayFromSerial(s, false);
      if (!r.ok || serialFromDay(r.day, false) !== s || (s > 1 && r.day !== previous + 1)) {
        wrong.push(s);
      }
      previous = r.ok ? r.day : Number.NaN;
    }
    expect(wrong).toEqual([]);
  });
});

describe("Excel serials, 1904 date system", () => {
  test.each<[number, Ymd]>([
    [0, [1904, 1, 1]],
    [1, [1904, 1, 2]],
    [59, [1904, 2, 29]], // 1904 is a real leap year
    [60, [1904, 3, 1]],
    [365, [1904, 12, 31]],
    [366, [1905, 1, 1]],
    [34334, [1998, 1, 1]],
    [37711, [2007, 4, 1]],
    [37710, [2007, 3, 31]],
    [38045, [2008, 2, 29]],
  ])("serial %i is %p", (serial, ymd) => {
    expect(dayFromSerial(serial, true)).toEqual({ ok: true, day: utcDay(...ymd) });
    expect(serialFromDay(utcDay(...ymd), true)).toBe(serial);
  });

  test("37711 = 39173 - 1462: the two systems are 1462 days apart", () => {
    expect(serial1904(2007, 4, 1)).toBe(37711);
    for (const ymd of [
      [1904, 1, 1],
      [1999, 12, 31],
      [2007, 4, 1],
      [2099, 12, 31],
    ] as Ymd[]) {
      const d = utcDay(...ymd);
      expect(serialFromDay(d, false) - serialFromDay(d, true)).toBe(1462);
    }
  });

  test.each([-1, -0.5, Number.NaN])("%p is not a date", (serial) => {
    expect(dayFromSerial(serial, true)).toEqual({ ok: false, reason: "not-a-date" });
  });

  test("the time of day is dropped", () => {
    expect(dayFromSerial(37711.75, true)).toEqual({ ok: true, day: utcDay(2007, 4, 1) });
  });

  test("every serial from 0 to 70000 round-trips", () => {
    const wrong: number[] = [];
    for (let s = 0; s <= 70000; s++) {
      const r = dayFromSerial(s, true);
      if (!r.ok || serialFromDay(r.day, true) !== s) wrong.push(s);
    }
    expect(wrong).toEqual([]);
  });
});

describe("date text", () => {
  test.each<[string, Ymd]>([
    ["04/15/2007", [2007, 4, 15]],
    ["4/15/2007", [2007, 4, 15]],
    ["2007-04-15", [2007, 4, 15]],
    ["2007-4-5", [2007, 4, 5]],
    ["4/15/07", [2007, 4, 15]],
    ["04-15-2007", [2007, 4, 15]],
    ["04.15.2007", [2007, 4, 15]],
    ["  04/15/2007  ", [2007, 4, 15]],
    ["2007-04-15T00:00:00Z", [2007, 4, 15]],
    ["2007-04-15 13:45", [2007, 4, 15]],
    ["15-Apr-2007", [2007, 4, 15]],
    ["15 April 2007", [2007, 4, 15]],
    ["April 15, 2007", [2007, 4, 15]],
    ["apr 15 2007", [2007, 4, 15]],
    ["02/29/2008", [2008, 2, 29]],
    ["02/29/2000", [2000, 2, 29]],
    ["1/1/29", [2029, 1, 1]], // Excel: 00-29 are 2000-2029
    ["1/1/30", [1930, 1, 1]], // ... and 30-99 are 1930-1999
    ["12/31/99", [1999, 12, 31]],
  ])("%p is %p", (text, ymd) => {
    expect(dayFromText(text)).toEqual({ ok: true, day: utcDay(...ymd) });
  });

  test.each<[string, "impossible" | "unreadable"]>([
    ["02/30/2007", "impossible"],
    ["02/29/2007", "impossible"],
    ["02/29/1900", "impossible"],
    ["04/31/2007", "impossible"],
    ["13/01/2007", "impossible"],
    ["00/10/2007", "impossible"],
    ["2007-02-30", "impossible"],
    ["31-Jun-2007", "impossible"],
    ["2007/04/15", "unreadable"],
    ["someday", "unreadable"],
    ["", "unreadable"],
    ["15-Foo-2007", "unreadable"],
    ["04/15", "unreadable"],
    ["39187", "unreadable"],
  ])("%p is %s", (text, reason) => {
    expect(dayFromText(text)).toEqual({ ok: false, reason });
  });

  test.each([
    [5, 2, 2005],
    [29, 2, 2029],
    [30, 2, 1930],
    [99, 2, 1999],
    [2007, 4, 2007],
  ])("expandYear(%i, %i digits) = %i", (y, digits, expected) => {
    expect(expandYear(y, digits)).toBe(expected);
  });
});

describe("calendar days", () => {
  test("a Date gives the day it shows, whatever the time of day", () => {
    expect(dayFromDate(new Date(2007, 3, 15))).toBe(utcDay(2007, 4, 15));
    expect(dayFromDate(new Date(2007, 3, 15, 23, 59, 59))).toBe(utcDay(2007, 4, 15));
    expect(dayFromDate(new Date(2008, 1, 29, 0, 0, 1))).toBe(utcDay(2008, 2, 29));
  });

  test.each<[Ymd, boolean]>([
    [[2008, 2, 29], true],
    [[2000, 2, 29], true],
    [[2007, 2, 29], false],
    [[1900, 2, 29], false],
    [[2007, 4, 31], false],
    [[2007, 13, 1], false],
    [[2007, 0, 1], false],
    [[2007, 1, 0], false],
    [[2007, 12, 31], true],
  ])("realDay(%p) is real: %p", (ymd, real) => {
    expect(realDay(...ymd)).toBe(real ? utcDay(...ymd) : undefined);
  });

  test.each<[Ymd, string, string, string]>([
    [[2007, 4, 15], "2007-04-15", "04/15/2007", "04/15/07"],
    [[2006, 10, 1], "2006-10-01", "10/01/2006", "10/01/06"],
    [[2000, 1, 9], "2000-01-09", "01/09/2000", "01/09/00"],
  ])("%p prints as %s, %s, %s", (ymd, iso, us, short) => {
    const d = utcDay(...ymd);
    expect(isoDate(d)).toBe(iso);
    expect(usDate(d)).toBe(us);
    expect(usShortDate(d)).toBe(short);
    expect(dayFromText(us)).toEqual({ ok: true, day: d });
    expect(dayFromText(iso)).toEqual({ ok: true, day: d });
  });

  test.each<[Ymd, boolean]>([
    [[1999, 12, 31], false],
    [[2000, 1, 1], true],
    [[2007, 4, 15], true],
    [[2099, 12, 31], true],
    [[2100, 1, 1], false],
  ])("%p is plausible: %p", (ymd, plausible) => {
    expect(isPlausible(utcDay(...ymd))).toBe(plausible);
  });

  test("serial1900 in the builders agrees with hand-checked serials", () => {
    expect(serial1900(2007, 4, 1)).toBe(39173);
    expect(serial1900(2000, 1, 1)).toBe(36526);
  });
});
