/**
 * Calendar days, Excel serial dates (both date systems) and the date texts office staff type.
 *
 * A day is a whole number of days since 1970-01-01 (UTC): no time zones, no hours, so that
 * "which quarter is this row in" never depends on where the machine is.
 */

export type Day = number;

const MS_PER_DAY = 86_400_000;

/** The plausible range for an outreach date: the program began in 2007. */
export const EARLIEST_PLAUSIBLE: Day = dayFromYmd(2000, 1, 1);
export const LATEST_PLAUSIBLE: Day = dayFromYmd(2099, 12, 31);

export function dayFromYmd(year: number, month: number, day: number): Day {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The day, or undefined when the year/month/day do not name a real date (30 Feb). */
export function realDay(year: number, month: number, day: number): Day | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = dayFromYmd(year, month, day);
  const back = ymdFromDay(d);
  return back.year === year && back.month === month && back.day === day ? d : undefined;
}

export function ymdFromDay(d: Day): { year: number; month: number; day: number } {
  const date = new Date(d * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function dayFromDate(date: Date): Day {
  // A cell's Date carries the wall-clock day it shows: take the calendar fields, not the instant.
  return dayFromYmd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** 2007-04-15 */
export function isoDate(d: Day): string {
  const { year, month, day } = ymdFromDay(d);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** 04/15/2007, as the form's readers write dates. */
export function usDate(d: Day): string {
  const { year, month, day } = ymdFromDay(d);
  return `${pad2(month)}/${pad2(day)}/${year}`;
}

/** 04/15/07, as the seed's title writes its period. */
export function usShortDate(d: Day): string {
  const { year, month, day } = ymdFromDay(d);
  return `${pad2(month)}/${pad2(day)}/${pad2(year % 100)}`;
}

// ---- Excel serial numbers -------------------------------------------------------------------

/** Serial 25569 is 1970-01-01 in the 1900 system; 1904-01-01 is serial 0 in the 1904 system. */
const SERIAL_1900_EPOCH = 25569;
const SERIAL_1904_EPOCH = -dayFromYmd(1904, 1, 1);
/** Serial 60 is 29 Feb 1900, a day that never was: Lotus 1-2-3's bug, kept by Excel. */
export const FAKE_LEAP_DAY_SERIAL = 60;

export type SerialResult =
  { ok: true; day: Day } | { ok: false; reason: "fake-leap-day" | "not-a-date" };

/** The day an Excel serial number shows (its fraction, the time of day, is dropped). */
export function dayFromSerial(serial: number, date1904: boolean): SerialResult {
  if (!Number.isFinite(serial)) return { ok: false, reason: "not-a-date" };
  const whole = Math.floor(serial);
  if (date1904) {
    return whole < 0
      ? { ok: false, reason: "not-a-date" }
      : { ok: true, day: whole - SERIAL_1904_EPOCH };
  }
  if (whole < 1) return { ok: false, reason: "not-a-date" };
  if (whole === FAKE_LEAP_DAY_SERIAL) return { ok: false, reason: "fake-leap-day" };
  // Before the fake leap day, serials are one day "ahead" of the true calendar.
  return {
    ok: true,
    day: whole < FAKE_LEAP_DAY_SERIAL ? whole - SERIAL_1900_EPOCH + 1 : whole - SERIAL_1900_EPOCH,
  };
}

export function serialFromDay(d: Day, date1904: boolean): number {
  if (date1904) return d + SERIAL_1904_EPOCH;
  const serial = d + SERIAL_1900_EPOCH;
  // Up to 28 Feb 1900 (which lands on 60 here) serials are one less: 60 is the fake 29 Feb.
  return serial <= FAKE_LEAP_DAY_SERIAL ? serial - 1 : serial;
}

// ---- Date text --------------------------------------------------------------------------------

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Excel's two-digit-year rule: 00-29 are 2000-2029, 30-99 are 1930-1999. */
export function expandYear(y: number, digits: number): number {
  if (digits > 2) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

function monthFromName(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
}

export type TextDateResult =
  { ok: true; day: Day } | { ok: false; reason: "impossible" | "unreadable" };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/;
const US = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const DAY_MONTH_NAME_YEAR = /^(\d{1,2})[\s-]([a-z]{3,9})\.?[\s-],?\s*(\d{2}|\d{4})$/i;
const MONTH_NAME_DAY_YEAR = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i;

/**
 * A date typed as text: 2007-04-15, 04/15/2007, 4/15/07, 15-Apr-2007, April 15, 2007.
 * Slashes are month/day/year, as in the form ("04/01/07 to 06/30/07").
 */
export function dayFromText(text: string): TextDateResult {
  const s = text.trim();
  let y: number, m: number | undefined, d: number;
  let match: RegExpExecArray | null;
  if ((match = ISO.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = US.exec(s))) {
    [m, d, y] = [Number(match[1]), Number(match[2]), expandYear(Number(match[3]), match[3].length)];
  } else if ((match = DAY_MONTH_NAME_YEAR.exec(s))) {
    [d, m, y] = [
      Number(match[1]),
      monthFromName(match[2]),
      expandYear(Number(match[3]), match[3].length),
    ];
  } else if ((match = MONTH_NAME_DAY_YEAR.exec(s))) {
    [m, d, y] = [monthFromName(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return { ok: false, reason: "unreadable" };
  }
  if (m === undefined) return { ok: false, reason: "unreadable" };
  const day = realDay(y, m, d);
  return day === undefined ? { ok: false, reason: "impossible" } : { ok: true, day };
}

export function isPlausible(d: Day): boolean {
  return d >= EARLIEST_PLAUSIBLE && d <= LATEST_PLAUSIBLE;
}
