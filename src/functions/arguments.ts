/**
 * Excel's arguments -> the engine's input, for the custom functions. Each function here either
 * returns what the engine takes or throws an ArgumentError whose message tells the user what to
 * fix; functions.ts turns that into #VALUE! (the only Office-specific step, kept at the edge).
 *
 * What Excel hands a custom function: a range parameter (`any[][]`) is a fresh 2-D array of the
 * cells' values; dates are serial numbers; an empty cell is `null` (Excel on the web) or `0` / `""`
 * (Excel desktop). No Office global is touched here, so jest tests call it directly.
 */
import {
  CHART_LINES,
  LINE_KEYS,
  LineKey,
  SECTION,
  lineKeyFromName,
  normalizeLabel,
} from "../core/chart";
import { Day, dayFromSerial, dayFromText } from "../core/dates";
import { CellValue, LogGrid, ParsedLog, isBlank } from "../core/log";
import { FiscalPeriod, PERIOD_NOTATIONS, PeriodError, parsePeriod } from "../core/period";
import { TableGrid } from "../core/table";
import { LOG_COLUMNS } from "../core/vocabulary";
import { closestMatch } from "../core/spelling";

/** A wrong argument: the message says what to fix. Shown as #VALUE! with that message. */
export class ArgumentError extends Error {
  override name = "ArgumentError";
}

/** The largest serial number Excel shows as a date (31 Dec 9999 in the 1900 date system). */
export const MAX_SERIAL = 2958465;

const LOG_HELP =
  "select the log with its header row, e.g. OutreachLog[#All] or 'Outreach Log'!A1:L500";

// ---- The log range ----------------------------------------------------------------------------

/** Where a range starts on its sheet (1-based), for worksheet rows in messages. */
export interface RangeOrigin {
  readonly top: number;
  readonly left: number;
}

const A1_START = /^\$?([A-Z]{1,3})?\$?(\d+)?/i;

/**
 * The first cell of a range address as `invocation.parameterAddresses` gives it: "Sheet1!A1:L500",
 * "'Outreach Log'!$B$3:$M$90", "[Book1]Log!A:L". Row 1 / column A when the address is absent or
 * unreadable (then worksheet rows are counted from the range's first row).
 */
export function originFromAddress(address: string | undefined): RangeOrigin {
  if (typeof address !== "string") return { top: 1, left: 1 };
  const ref = address.slice(address.lastIndexOf("!") + 1).trim();
  const m = A1_START.exec(ref);
  let left = 1;
  if (m?.[1]) {
    left = 0;
    for (const ch of m[1].toUpperCase()) left = left * 26 + (ch.charCodeAt(0) - 64);
  }
  const top = m?.[2] ? Number(m[2]) : 1;
  return { top: top >= 1 ? top : 1, left };
}

const isArray = Array.isArray;

/**
 * True when `range` is rows of cells, as Excel passes a range. A plain loop over a module constant
 * (0.2 ms for 100,000 rows in a vm context, where `every(Array.isArray)` took 0.85 ms).
 */
function isRange(range: unknown): range is unknown[][] {
  if (!isArray(range)) return false;
  for (let i = 0; i < range.length; i++) if (!isArray(range[i])) return false;
  return true;
}

/**
 * A log range -> the engine's LogGrid. The first row is taken as the header when it names log
 * columns, otherwise the columns are in the spec's order (readLog's `header: "auto"`); empty
 * cells may be null, 0 or "" (`zeroIsBlank`).
 */
export function logGridFromRange(
  range: unknown,
  date1904: boolean,
  origin: RangeOrigin = { top: 1, left: 1 }
): LogGrid {
  if (!isRange(range)) {
    throw new ArgumentError(`The log must be a range of cells: ${LOG_HELP}.`);
  }
  if (range.every((row: unknown[]) => row.length === 0)) {
    throw new ArgumentError(`The log range is empty: ${LOG_HELP}.`);
  }
  return {
    values: range as CellValue[][],
    top: origin.top,
    left: origin.left,
    date1904,
    header: "auto",
    zeroIsBlank: true,
  };
}

/**
 * A table range (Victim Leads, Materials Distributed, Media Canvass) -> the engine's TableGrid:
 * its first row is the header row (a table is found by its headers). An empty cell that Excel
 * desktop hands in as 0 is blank, as in the log (`zeroIsBlank`): no cell of these tables is
 * rightly 0 (a Quantity must be at least 1).
 */
export function tableGridFromRange(range: unknown, date1904: boolean, what: string): TableGrid {
  const help = `select the ${what} table with its header row, e.g. the table's [#All]`;
  if (!isRange(range)) {
    throw new ArgumentError(`The ${what} must be a range of cells: ${help}.`);
  }
  const values = (range as CellValue[][]).map((row) => row.map((v) => (v === 0 ? null : v)));
  if (values.every((row) => row.every((v) => isBlank(v, true)))) {
    throw new ArgumentError(`The ${what} range is empty: ${help}.`);
  }
  return { values, date1904 };
}

/** The log columns a range without a header row must have, in the spec's order. */
const REQUIRED_COLUMNS = LOG_COLUMNS.filter((c) => !c.optional).length;

/**
 * What readLog cannot call an error but a function must refuse: a range with nothing in it, and a
 * range without a header row that is too narrow to hold the log's columns in the spec's order.
 */
export function checkParsedRange(parsed: ParsedLog): void {
  if (parsed.headerRow !== undefined) return;
  const values = parsed.grid.values;
  if (parsed.dataRows === 0 && values.every((row) => row.every((v) => isBlank(v, true)))) {
    throw new ArgumentError(`The log range is empty: ${LOG_HELP}.`);
  }
  const width = values.reduce((w, row) => Math.max(w, row.length), 0);
  if (width < REQUIRED_COLUMNS) {
    const headers = (optional: boolean) =>
      LOG_COLUMNS.filter((c) => c.optional === optional).map((c) => c.header);
    throw new ArgumentError(
      `The log range has ${width} column${width === 1 ? "" : "s"} and its first row is not a ` +
        `header row: ${LOG_HELP}, or give its columns in the order ${headers(false).join(", ")} ` +
        `(then, if wanted, ${headers(true).join(", ")}).`
    );
  }
}

// ---- The chart line -----------------------------------------------------------------------------

const SECTION_SHORT = { ngo: "NGO", le: "LE" } as const;

/** A line's short readable name within its section: "Local", "Follow Up Contact", "Attendees". */
function shortLabel(key: LineKey): string {
  const l = CHART_LINES.find((x) => x.key === key);
  if (l === undefined || !l.training) return l?.label ?? key;
  const last = key.slice(key.lastIndexOf(".") + 1);
  return last[0].toUpperCase() + last.slice(1);
}

/** Every line by a readable name that lineKeyFromName accepts: "NGO New Contact", "LE Attendees". */
export const READABLE_LINE_NAMES: readonly string[] = LINE_KEYS.map(
  (k) => `${SECTION_SHORT[k.startsWith("ngo.") ? "ngo" : "le"]} ${shortLabel(k)}`
);

/** The valid names, compactly: "NGO: New Contact, ...; LE: New Contact, ...". */
function lineNamesHelp(): string {
  const bySection = (["ngo", "le"] as const).map((s) => {
    const labels = LINE_KEYS.filter((k) => k.startsWith(`${s}.`)).map(shortLabel);
    return `${SECTION_SHORT[s]} (${SECTION[s]}): ${labels.join(", ")}`;
  });
  return bySection.join("; ");
}

/** The key or readable name (as the user wrote it) closest to a misspelt one, if any is close. */
function closestLineName(name: string): string | undefined {
  const keyLike = /^\s*(ngo|le)\.\S+$/i.test(name);
  return closestMatch(name, keyLike ? LINE_KEYS : READABLE_LINE_NAMES, normalizeLabel, 4);
}

/** A chart line from its key ("le.local") or a readable name ("LE Local"), any case. */
export function lineFromArgument(line: unknown): LineKey {
  const help =
    `Name a line by its section and label, e.g. "LE Local" or "NGO Follow Up Contact", ` +
    `or by its key, e.g. "le.local". The lines are ${lineNamesHelp()}.`;
  if (typeof line !== "string" || line.trim() === "") {
    const what = isBlank(line as CellValue, true) ? "is missing" : `is ${String(line)}`;
    throw new ArgumentError(`The line ${what}. ${help}`);
  }
  const key = lineKeyFromName(line);
  if (key !== undefined) return key;
  const guess = closestLineName(line);
  throw new ArgumentError(
    `"${line.trim()}" is not a line of the chart${guess ? ` (did you mean "${guess}"?)` : ""}. ${help}`
  );
}

// ---- The period ---------------------------------------------------------------------------------

/** A period from any notation of the spec (FY2007 Q3, FY07 Q3, 2007Q3, ...) or a date. */
export function periodFromArgument(period: unknown, date1904: boolean): FiscalPeriod {
  if (isBlank(period as CellValue, true)) {
    throw new ArgumentError(`The period is missing: write it as ${PERIOD_NOTATIONS}.`);
  }
  if (typeof period !== "string" && typeof period !== "number") {
    throw new ArgumentError(`The period is ${String(period)}: write it as ${PERIOD_NOTATIONS}.`);
  }
  try {
    return parsePeriod(period, date1904);
  } catch (e) {
    throw e instanceof PeriodError ? new ArgumentError(e.message) : e;
  }
}

/** A period that may be left out (TIPS.CHECK's): a blank or omitted argument is none. */
export function optionalPeriodFromArgument(
  period: unknown,
  date1904: boolean
): FiscalPeriod | undefined {
  return isBlank(period as CellValue, true) ? undefined : periodFromArgument(period, date1904);
}

// ---- A date -------------------------------------------------------------------------------------

/** A single date: a serial number in the workbook's date system, or a date typed as text. */
export function dayFromArgument(date: unknown, date1904: boolean): Day {
  const help = "give a date, such as a cell holding 04/15/2007";
  if (isBlank(date as CellValue, true)) throw new ArgumentError(`The date is missing: ${help}.`);
  if (typeof date === "number") {
    if (date > MAX_SERIAL) throw new ArgumentError(`${date} is after 12/31/9999: ${help}.`);
    const r = dayFromSerial(date, date1904);
    if (r.ok) return r.day;
    throw new ArgumentError(
      r.reason === "fake-leap-day"
        ? "Serial 60 is 29 Feb 1900, a day that never was (a quirk of Excel's 1900 date system): give the real date."
        : `${date} is not a date: ${help}.`
    );
  }
  if (typeof date === "string") {
    const r = dayFromText(date);
    if (r.ok) return r.day;
    throw new ArgumentError(
      r.reason === "impossible"
        ? `"${date.trim()}" is not a day on the calendar: ${help}.`
        : `"${date.trim()}" is not a date: ${help}.`
    );
  }
  throw new ArgumentError(`${String(date)} is not a date: ${help}.`);
}
