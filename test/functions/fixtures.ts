/**
 * A small outreach log as Excel hands it to a custom function: dates as serial numbers (either
 * date system), blanks as null (Excel on the web) or "" / 0 (Excel desktop). Serials are computed
 * here by hand (Date.UTC), independently of src/core/dates.ts.
 */
import { HEADERS } from "../core/builders";

/** The log's headers in the spec's order: the core tests' list, one for every test. */
export { HEADERS };

export type Cell = string | number | boolean | null;
export type Row = Cell[];

/** Excel's 1900-system serial of a date after 28 Feb 1900 (25569 is 1 Jan 1970). */
export function serial1900(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000 + 25569;
}

/** The same day in the 1904 system: 1462 days fewer (1 Jan 1904 is serial 0 there). */
export function serial1904(year: number, month: number, day: number): number {
  return serial1900(year, month, day) - 1462;
}

/** The column holding dates, and the columns a blank count cell may sit in. */
const DATE_COLUMN = 0;

type DateCell = [number, number, number] | string | null;

/** One log row: the date as [y, m, d] (a serial in the range), text, or blank. */
function row(
  date: DateCell,
  sector: Cell,
  level: Cell,
  activity: Cell,
  agency: Cell,
  poc: [Cell, Cell] = [null, null],
  counts: [Cell, Cell, Cell] = [null, null, null],
  content: Cell = "Outreach on the TIPS lead line.",
  significant: Cell = null
): (DateCell | Cell)[] {
  return [date, sector, level, activity, agency, poc[0], poc[1], ...counts, content, significant];
}

const JANE: [Cell, Cell] = ["Jane Doe", "Director"];
const BLANK_ROW: Cell[] = HEADERS.map(() => null);
const LT: [Cell, Cell] = ["James Carter", "Lieutenant"];

/**
 * The rows: FY2007 in every quarter, one row of FY2006 and one of FY2008, every line of the chart,
 * error rows (not counted), warning rows (counted), blank rows and a date typed as text.
 */
const ROWS: (DateCell | Cell)[][] = [
  row([2006, 9, 30], "NGO", null, "New Contact", "Old Shelter", JANE), // FY2006 Q4
  row([2006, 10, 1], "Law Enforcement", "Local", "Training/Seminar", "Houston PD", LT, [3, 4, 60]),
  row([2006, 12, 31], "NGO", null, "Training", "Tapestri", [null, null], [1, 1, 0]),
  row([2007, 2, 1], "NGO", null, "New Contact", "Polaris Project", JANE),
  row([2007, 3, 15], "LE", "Foreign", "New Contact", "Mexican Consulate", [
    "Carlos Reyes",
    "Consul",
  ]),
  row([2007, 4, 2], "NGO", null, "New Contact", "Houston Shelter", JANE, undefined, "Intro", "Y"),
  row([2007, 4, 20], "ngo", null, "follow-up contact", "Houston Shelter"),
  BLANK_ROW, // a blank row
  row(
    [2007, 5, 1],
    "Non-Government Organization",
    null,
    "Requested Services",
    "Catholic Charities"
  ),
  row([2007, 5, 15], "NGO", null, "Seminar", "Coalition", undefined, [2, 5, 40], "Training", "Y"),
  row([2007, 5, 20], "Law Enforcement", "local", "New Contact", "Houston PD", LT),
  row([2007, 6, 1], "Law Enforcement", "Local", "Follow Up Contact", "Houston PD"),
  row("04/25/2007", "Law Enforcement", "State", "Follow Up Contact", "Texas DPS"), // no New Contact: warning
  row([2007, 6, 10], "Law Enforcement", "State", "New Contact", "Texas DPS", [
    "Ana Morales",
    "Sgt",
  ]),
  row([2007, 6, 11], "le", "FEDERAL", "New Contact", "FBI Houston", ["David Kim", "SA"]),
  row([2007, 6, 11], "le", "FEDERAL", "New Contact", "FBI Houston", ["David Kim", "SA"]), // duplicate
  row([2007, 6, 12], "Law Enforcement", "Foreign", "Follow Up Contact", "Mexican Consulate"),
  row(
    [2007, 6, 30],
    "Law Enforcement",
    "Federal",
    "Training/Seminar",
    "FBI Houston",
    undefined,
    [1, 3, 25]
  ),
  row(
    [2007, 6, 30],
    "NGO",
    null,
    "Follow Up Contact",
    "Polaris Project",
    undefined,
    undefined,
    "=HYPERLINK(x)"
  ),
  row([2007, 7, 1], "NGO", null, "New Contact", "Safe Horizon", JANE), // FY2007 Q4
  row([2007, 10, 1], "NGO", null, "New Contact", "Safe Horizon", JANE), // FY2008 Q1
  // Errors: not counted.
  row([2007, 5, 2], "NGO", "Local", "New Contact", "Bad Level", JANE), // Level on an NGO row
  row([2007, 5, 3], "Law Enforcement", "Local", "Requested Services", "Bad Activity"),
  row(null, "NGO", null, "Follow Up Contact", "No Date"),
  row("2007-13-01", "NGO", null, "Follow Up Contact", "Bad Date"),
  row(
    [2007, 5, 4],
    "Law Enforcement",
    "Local",
    "Training/Seminar",
    "No counts",
    undefined,
    [0, 2, 9]
  ),
  row([2007, 5, 5], "NGO", null, "New Contact", "No POC"),
  BLANK_ROW, // a blank row at the end
];

export type BlankShape = "null" | "empty" | "zero";

/** How each host hands an empty cell to a custom function. */
const BLANK: Record<BlankShape, Cell> = { null: null, empty: "", zero: 0 };

export interface LogOptions {
  readonly date1904?: boolean;
  readonly blanks?: BlankShape;
  readonly header?: boolean;
}

/** The log range's values as Excel passes them: a fresh 2-D array on every call. */
export function logRange(options: LogOptions = {}): Row[] {
  const serial = options.date1904 ? serial1904 : serial1900;
  const blank = BLANK[options.blanks ?? "null"];
  const rows = ROWS.map((r) =>
    r.map((cell, column): Cell => {
      if (column === DATE_COLUMN && Array.isArray(cell)) return serial(cell[0], cell[1], cell[2]);
      return cell === null ? blank : (cell as Cell);
    })
  );
  return options.header === false ? rows : [[...HEADERS], ...rows];
}

/** The figures the rows above give, worked out by hand for FY2007 Q3. */
export const FY2007_Q3 = {
  quarter: {
    "ngo.newContact": 1,
    "ngo.followUpContact": 2,
    "ngo.requestedServices": 1,
    "ngo.training.presentations": 2,
    "ngo.training.agencies": 5,
    "ngo.training.attendees": 40,
    "le.newContact": 4,
    "le.followUpContact": 3,
    "le.local": 2,
    "le.state": 2,
    "le.federal": 2,
    "le.foreign": 1,
    "le.training.presentations": 1,
    "le.training.agencies": 3,
    "le.training.attendees": 25,
  },
  cumulative: {
    "ngo.newContact": 2,
    "ngo.followUpContact": 2,
    "ngo.requestedServices": 1,
    "ngo.training.presentations": 3,
    "ngo.training.agencies": 6,
    "ngo.training.attendees": 40,
    "le.newContact": 5,
    "le.followUpContact": 3,
    "le.local": 2,
    "le.state": 2,
    "le.federal": 2,
    "le.foreign": 2,
    "le.training.presentations": 4,
    "le.training.agencies": 7,
    "le.training.attendees": 85,
  },
} as const;
