/**
 * The federal fiscal calendar: FY N runs from 1 October of N-1 to 30 September of N.
 * Q1 = Oct-Dec, Q2 = Jan-Mar, Q3 = Apr-Jun, Q4 = Jul-Sep.
 */
import {
  Day,
  EARLIEST_PLAUSIBLE,
  LATEST_PLAUSIBLE,
  dayFromDate,
  dayFromSerial,
  dayFromText,
  dayFromYmd,
  isPlausible,
  isoDate,
  realDay,
  usDate,
  usShortDate,
  ymdFromDay,
} from "./dates";

export type Quarter = 1 | 2 | 3 | 4;

export interface FiscalPeriod {
  readonly fiscalYear: number;
  readonly quarter: Quarter;
}

export class PeriodError extends Error {
  override name = "PeriodError";
}

/** The notations a user may write, as help text in messages. */
export const PERIOD_NOTATIONS = "FY2007 Q3, FY07 Q3, 2007Q3, 2007-Q3, Q3 FY2007 or a date";

/** Canonical notation: "FY2007 Q3". */
export function formatPeriod(p: FiscalPeriod): string {
  return `FY${p.fiscalYear} Q${p.quarter}`;
}

export function periodOfDay(d: Day): FiscalPeriod {
  const { year, month } = ymdFromDay(d);
  if (month >= 10) return { fiscalYear: year + 1, quarter: 1 };
  return { fiscalYear: year, quarter: (Math.floor((month - 1) / 3) + 2) as Quarter };
}

/** First day of the quarter. */
export function quarterStart(p: FiscalPeriod): Day {
  const month = ((p.quarter + 2) % 4) * 3 + 1; // Q1 -> 10, Q2 -> 1, Q3 -> 4, Q4 -> 7
  const year = p.quarter === 1 ? p.fiscalYear - 1 : p.fiscalYear;
  return dayFromYmd(year, month, 1);
}

/** Last day of the quarter. */
export function quarterEnd(p: FiscalPeriod): Day {
  const next: FiscalPeriod =
    p.quarter === 4
      ? { fiscalYear: p.fiscalYear + 1, quarter: 1 }
      : { fiscalYear: p.fiscalYear, quarter: (p.quarter + 1) as Quarter };
  return quarterStart(next) - 1;
}

export function fiscalYearStart(fiscalYear: number): Day {
  return dayFromYmd(fiscalYear - 1, 10, 1);
}

export function fiscalYearEnd(fiscalYear: number): Day {
  return dayFromYmd(fiscalYear, 9, 30);
}

export function samePeriod(a: FiscalPeriod, b: FiscalPeriod): boolean {
  return a.fiscalYear === b.fiscalYear && a.quarter === b.quarter;
}

export function previousPeriod(p: FiscalPeriod): FiscalPeriod {
  return p.quarter === 1
    ? { fiscalYear: p.fiscalYear - 1, quarter: 4 }
    : { fiscalYear: p.fiscalYear, quarter: (p.quarter - 1) as Quarter };
}

/** The ISO bounds printed by `tips report --json`. */
export function periodBounds(p: FiscalPeriod): { start: string; end: string } {
  return { start: isoDate(quarterStart(p)), end: isoDate(quarterEnd(p)) };
}

/** "04/01/07 to 06/30/07", as in the seed's title. */
export function formatPeriodRange(p: FiscalPeriod): string {
  return `${usShortDate(quarterStart(p))} to ${usShortDate(quarterEnd(p))}`;
}

const FY_FIRST = /^FY\s*(\d{4}|\d{2})\s*[-/ ]?\s*Q\s*([1-4])$/;
const YEAR_FIRST = /^(\d{4})\s*-?\s*Q\s*([1-4])$/;
const QUARTER_FIRST = /^Q\s*([1-4])\s*[-/ ]?\s*FY\s*(\d{4}|\d{2})$/;

/**
 * A date names a period only inside the log's plausible range: a year typed alone (2007) is an
 * Excel serial for 29 Jun 1905, and must not quietly become FY1905 Q4.
 */
function periodOfPlausibleDay(d: Day, shown = usDate(d)): FiscalPeriod {
  if (!isPlausible(d)) {
    throw new PeriodError(
      `${shown} is not a date from ${usDate(EARLIEST_PLAUSIBLE)} to ${usDate(LATEST_PLAUSIBLE)}: give a period such as ${PERIOD_NOTATIONS}.`
    );
  }
  return periodOfDay(d);
}

function fromParts(year: string, quarter: string): FiscalPeriod {
  return {
    fiscalYear: year.length === 2 ? 2000 + Number(year) : Number(year),
    quarter: Number(quarter) as Quarter,
  };
}

/**
 * A period from any notation of the spec: FY2007 Q3, FY07 Q3, 2007Q3, 2007-Q3, Q3 FY2007, a date
 * text (the quarter that contains it), an Excel serial number or a Date.
 * Throws PeriodError with a message that says what is accepted.
 */
export function parsePeriod(input: string | number | Date, date1904 = false): FiscalPeriod {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new PeriodError("The period is not a valid date.");
    return periodOfPlausibleDay(dayFromDate(input));
  }
  if (typeof input === "number") {
    const r = dayFromSerial(input, date1904);
    if (!r.ok)
      throw new PeriodError(`${input} is not a date: give a period such as ${PERIOD_NOTATIONS}.`);
    return periodOfPlausibleDay(r.day, String(input));
  }
  const text = input.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = FY_FIRST.exec(text))) return fromParts(m[1], m[2]);
  if ((m = YEAR_FIRST.exec(text))) return fromParts(m[1], m[2]);
  if ((m = QUARTER_FIRST.exec(text))) return fromParts(m[2], m[1]);
  if (/^\d+(\.\d+)?$/.test(text)) return parsePeriod(Number(text), date1904);
  const date = dayFromText(text);
  if (date.ok) return periodOfPlausibleDay(date.day, input.trim());
  throw new PeriodError(
    `"${input.trim()}" is not a reporting period: write it as ${PERIOD_NOTATIONS}.`
  );
}

/**
 * A fiscal year: FY2007, FY07, 2007, or any notation of a period or date in it (its fiscal year).
 * Throws PeriodError.
 */
export function parseFiscalYear(input: string | number, date1904 = false): number {
  if (typeof input === "number" && Number.isInteger(input) && input >= 1900 && input <= 2999)
    return input;
  const m = typeof input === "string" ? /^\s*(?:FY\s*)?(\d{4}|\d{2})\s*$/i.exec(input) : null;
  if (m) return m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  try {
    return parsePeriod(input, date1904).fiscalYear;
  } catch (e) {
    if (!(e instanceof PeriodError)) throw e;
    throw new PeriodError(
      `"${String(input).trim()}" is not a fiscal year: write it as FY2007 (or a period or date in it).`
    );
  }
}

export function tryParsePeriod(
  input: string | number | Date,
  date1904 = false
): FiscalPeriod | undefined {
  try {
    return parsePeriod(input, date1904);
  } catch {
    return undefined;
  }
}

const RANGE =
  /(\d{1,2}\/\d{1,2}\/\d{2,4})\s*(?:to|-|–|through|thru)\s*(\d{1,2}\/\d{1,2}\/\d{2,4})/i;

/**
 * A title's MM/DD/YY date. A two-digit year in a title is 20YY, as in "FY07" (the program began in
 * 2007), not Excel's 1930-1999 for 30-99: a title written for FY2030 must read back as FY2030.
 */
function titleDay(text: string): { ok: true; day: Day } | { ok: false } {
  const [month, day, year] = text.split("/");
  const d = realDay(
    year.length === 2 ? 2000 + Number(year) : Number(year),
    Number(month),
    Number(day)
  );
  return d === undefined ? { ok: false } : { ok: true, day: d };
}

/**
 * The period named by a title such as "ICE Human Trafficking Outreach Quarterly Report 04/01/07 to
 * 06/30/07 SAC/Attaché". Undefined when the title holds no range; PeriodError when it holds a range
 * that is not exactly one fiscal quarter.
 */
export function periodFromTitle(title: string): FiscalPeriod | undefined {
  const m = RANGE.exec(title);
  if (!m) return undefined;
  const start = titleDay(m[1]);
  const end = titleDay(m[2]);
  if (!start.ok || !end.ok) {
    throw new PeriodError(`The title's dates "${m[0]}" are not real dates.`);
  }
  const p = periodOfDay(start.day);
  if (start.day !== quarterStart(p) || end.day !== quarterEnd(p)) {
    throw new PeriodError(
      `The title's dates "${m[0]}" are not one fiscal quarter (such as ${formatPeriodRange(p)}).`
    );
  }
  return p;
}

/** Replace the title's date range (or append one) so that it names the period. */
export function titleWithPeriod(title: string, p: FiscalPeriod): string {
  const range = formatPeriodRange(p);
  if (RANGE.test(title)) return title.replace(RANGE, range);
  return `${title.trimEnd()} ${range}`;
}

/**
 * The period itself, when a log could hold its dates: the whole quarter within the plausible
 * range of a log's dates (dates.ts, the rule the checks use); otherwise a PeriodError giving the
 * range. "FY1899 Q1" is a typing slip, not a quarter to report.
 */
export function plausiblePeriod(p: FiscalPeriod): FiscalPeriod {
  if (isPlausible(quarterStart(p)) && isPlausible(quarterEnd(p))) return p;
  const first = periodOfDay(EARLIEST_PLAUSIBLE);
  const last = periodOfDay(LATEST_PLAUSIBLE);
  // The range's quarters that lie wholly inside it.
  const from = isPlausible(quarterStart(first)) ? first : nextPeriod(first);
  const to = isPlausible(quarterEnd(last)) ? last : previousPeriod(last);
  throw new PeriodError(
    `${formatPeriod(p)} is outside the plausible range of a log's dates (${usDate(EARLIEST_PLAUSIBLE)} to ${usDate(LATEST_PLAUSIBLE)}): give a period from ${formatPeriod(from)} to ${formatPeriod(to)}.`
  );
}

function nextPeriod(p: FiscalPeriod): FiscalPeriod {
  return p.quarter === 4
    ? { fiscalYear: p.fiscalYear + 1, quarter: 1 }
    : { fiscalYear: p.fiscalYear, quarter: (p.quarter + 1) as Quarter };
}
