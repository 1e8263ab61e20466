/**
 * One cell to one field: what a cell of any of the workbook's tables (the log, the victim leads,
 * the materials, the media canvass) may hold. A coercer returns the field, or why the cell cannot
 * be read (a finding's code and message). Blank cells never reach a coercer.
 */
import {
  Day,
  dayFromDate,
  dayFromSerial,
  dayFromText,
  isPlausible,
  usDate,
  EARLIEST_PLAUSIBLE,
  LATEST_PLAUSIBLE,
} from "./dates";
import { FindingCode } from "./findings";
import { YES_NO_WORDS, normalizeWord } from "./words";

/** A cell as any workbook reader hands it over. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** A range's cells, row after row, as handed over (never changed by what reads them). */
export type CellRows = readonly (readonly CellValue[])[];

export function isBlank(v: CellValue, zeroIsBlank = false): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") {
    // Most text has no surrounding space: look before trimming, which allocates.
    return v.length === 0 || (v.charCodeAt(0) <= 32 && v.trim() === "");
  }
  return zeroIsBlank && v === 0;
}

/** Why a cell cannot be read: the finding's code and message. */
export class CoercionFailure {
  constructor(
    readonly code: FindingCode,
    readonly message: string
  ) {}
}

/**
 * A cell's field, or why it cannot be read. A good cell's field is returned as it is, with no
 * wrapper object (readLog coerces about a million cells for 100,000 rows).
 */
export type Coerced<T> = T | CoercionFailure;

/** What a column's cell may hold; date1904 is the workbook's date system. */
export type Coercer<T> = (v: CellValue, date1904: boolean) => Coerced<T>;

const fail = <T>(code: FindingCode, message: string): Coerced<T> =>
  new CoercionFailure(code, message);

/**
 * Every field is a primitive (a Day, a string, a number, a boolean), so an object is a failure.
 */
export const isFailure = (r: Coerced<unknown>): r is CoercionFailure => typeof r === "object";

/** A cell as a message quotes it (an invalid Date must not throw on its way to a message). */
export const shown = (v: CellValue): string =>
  v instanceof Date
    ? Number.isNaN(v.getTime())
      ? "(invalid date)"
      : v.toISOString().slice(0, 10)
    : String(v).trim();

/**
 * A date column (`header` names it in messages): Excel serials in both date systems, real dates,
 * and text dates, in the plausible range.
 */
export function dateCoercer(header: string): Coercer<Day> {
  return (v, date1904) => {
    let day: Day;
    if (typeof v === "number") {
      const r = dayFromSerial(v, date1904);
      if (!r.ok) {
        return r.reason === "fake-leap-day"
          ? fail(
              "date-impossible",
              `${header} is 29 Feb 1900, a day that does not exist: enter the real date.`
            )
          : fail("date-unreadable", `${header} ${v} is not a date: enter it as MM/DD/YYYY.`);
      }
      day = r.day;
    } else if (v instanceof Date) {
      if (Number.isNaN(v.getTime()))
        return fail("date-unreadable", `${header} is not a valid date.`);
      day = dayFromDate(v);
    } else if (typeof v === "string") {
      const r = dayFromText(v);
      if (!r.ok) {
        return r.reason === "impossible"
          ? fail("date-impossible", `${header} "${v.trim()}" does not exist on the calendar.`)
          : fail(
              "date-unreadable",
              `${header} "${v.trim()}" cannot be read: enter it as MM/DD/YYYY.`
            );
      }
      day = r.day;
    } else {
      return fail(
        "date-unreadable",
        `${header} "${shown(v)}" is not a date: enter it as MM/DD/YYYY.`
      );
    }
    if (!isPlausible(day)) {
      return fail(
        "date-implausible",
        `${header} ${usDate(day)} is outside ${usDate(EARLIEST_PLAUSIBLE)} to ${usDate(LATEST_PLAUSIBLE)}: check the year.`
      );
    }
    return day;
  };
}

/** A coded column: the value its synonyms name (case, spacing and punctuation ignored). */
export function wordCoercer<T extends string>(
  name: string,
  words: ReadonlyMap<string, T>,
  allowed: readonly string[],
  code: FindingCode
): Coercer<T> {
  return (v) => {
    const value = words.get(normalizeWord(shown(v)));
    return value !== undefined
      ? value
      : fail(code, `${name} "${shown(v)}" is not one of: ${allowed.join(", ")}.`);
  };
}

/** A Y/N column: Y, Yes, True, X, 1 / N, No, False, 0; anything else is `code`, taken as N. */
export function yesNoCoercer(header: string, code: FindingCode): Coercer<boolean> {
  return (v) => {
    if (typeof v === "boolean") return v;
    const yn = YES_NO_WORDS.get(normalizeWord(shown(v)));
    return yn === undefined
      ? fail(code, `${header} "${shown(v)}" is not Y or N; it is taken as N.`)
      : yn === "Y";
  };
}

/** Free text, trimmed (a date cell in a text column reads as its ISO date). */
export function coerceText(v: CellValue): Coerced<string> {
  return v instanceof Date ? shown(v) : String(v).trim();
}

/** A whole number >= 0 (commas allowed in text: "1,200"). */
export function countCoercer(header: string): Coercer<number> {
  return (v) => {
    const n =
      typeof v === "number" ? v : typeof v === "string" ? Number(v.trim().replace(/,/g, "")) : NaN;
    if (!Number.isFinite(n))
      return fail("count-not-number", `${header} "${shown(v)}" is not a number.`);
    if (n < 0) return fail("count-negative", `${header} is ${n}: a count cannot be negative.`);
    if (!Number.isInteger(n))
      return fail("count-not-whole", `${header} is ${n}: a count is a whole number.`);
    return n;
  };
}
