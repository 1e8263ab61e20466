/**
 * The checks of the log: the row errors come from the rules in log.ts; here are the warnings,
 * which look across rows or at the period being reported. A warning never stops a row counting.
 */
import { Day, LATEST_PLAUSIBLE, usDate } from "./dates";
import { Finding, FindingCode, FINDING_SEVERITY, sortFindings } from "./findings";
import { columnLetters } from "./cell-address";
import { LogEntry, ParsedLog } from "./log";
import type { TableGrid } from "./table";
import { FiscalPeriod, fiscalYearEnd, fiscalYearStart, periodOfDay } from "./period";
import { ACTIVITIES, ColumnKey, LOG_COLUMN } from "./vocabulary";
import { agencyKey } from "./words";

export interface CheckOptions {
  /** Today, for the "date in the future" warning; no such warning when absent. */
  readonly today?: Day;
}

/** A count above these in one row is probably a typing slip (an extra zero). */
export const IMPLAUSIBLE_COUNT = { presentations: 50, agencies: 500, attendees: 5000 } as const;

/** Text that a spreadsheet would take for a formula if it were typed in. */
export const FORMULA_LIKE = /^[=+\-@\t\r]/;
const TEXT_COLUMNS: readonly ColumnKey[] = ["agency", "pocName", "pocTitle", "content"];
/**
 * FORMULA_LIKE's first characters, by character code (a look-up per text cell of the log), taken
 * from the pattern itself so that the two cannot drift apart (it names ASCII characters only).
 * checkLog over 100,000 rows: 33-37 ms with it, 38-43 ms testing the pattern on every text cell.
 */
const FORMULA_START: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (FORMULA_LIKE.test(String.fromCharCode(c))) table[c] = 1;
  return table;
})();

function warning(
  entry: { row: number },
  column: string,
  code: FindingCode,
  message: string,
  cell?: string
): Finding {
  return {
    row: entry.row,
    column,
    severity: FINDING_SEVERITY[code],
    code,
    message,
    ...(cell ? { cell } : {}),
  };
}

/**
 * Rows of other fiscal years than the one being reported: history, not mistakes (a log spans
 * years). They are said once, as this summary, never as a warning per row. The shape is what
 * `tips check --json` and `tips report --json` print as "outsideFiscalYear".
 */
export interface OutsideFiscalYear {
  /** The fiscal year being reported, "FY2007". */
  readonly fiscalYear: string;
  /** Counted rows (no errors) dated outside it. */
  readonly rows: number;
  /** Those rows by their own fiscal year, earliest first: {"FY2006": 2, "FY2008": 55}. */
  readonly byFiscalYear: Readonly<Record<string, number>>;
}

const fiscalYearName = (fy: number): string => `FY${fy}`;

/** How many of the log's counted rows fall outside the period's fiscal year, by fiscal year. */
export function outsideFiscalYear(
  entries: readonly Pick<LogEntry, "date">[],
  period: FiscalPeriod
): OutsideFiscalYear {
  const fy = period.fiscalYear;
  const [start, end] = [fiscalYearStart(fy), fiscalYearEnd(fy)];
  const counts = new Map<number, number>();
  let rows = 0;
  for (const e of entries) {
    if (e.date >= start && e.date <= end) continue;
    rows++;
    const other = periodOfDay(e.date).fiscalYear;
    counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  const byFiscalYear: Record<string, number> = {};
  for (const y of [...counts.keys()].sort((a, b) => a - b))
    byFiscalYear[fiscalYearName(y)] = counts.get(y)!;
  return { fiscalYear: fiscalYearName(fy), rows, byFiscalYear };
}

/**
 * The summary in words, the same in every face; undefined when every row is in the fiscal year:
 * "57 rows fall outside FY2007 (2 in FY2006, 55 in FY2008) and are not counted in this report."
 */
export function outsideFiscalYearText(o: OutsideFiscalYear): string | undefined {
  if (o.rows === 0) return undefined;
  const one = o.rows === 1;
  const years = Object.entries(o.byFiscalYear)
    .map(([fy, n]) => `${n.toLocaleString("en-US")} in ${fy}`)
    .join(", ");
  return `${o.rows.toLocaleString("en-US")} ${one ? "row falls" : "rows fall"} outside ${o.fiscalYear} (${years}) and ${one ? "is" : "are"} not counted in this report.`;
}

/** Every finding for the log: the row errors and the warnings, in reading order. */
export function checkLog(parsed: ParsedLog, options: CheckOptions = {}): Finding[] {
  return sortFindings([...parsed.findings, ...warnings(parsed, options)]);
}

/**
 * The log's warnings. Its three fast paths (the counts by name, FirstRows, FORMULA_START) each
 * state their gain: checkLog over a 100,000-row sample log, medians of 15 calls, each variant
 * built alone and run interleaved four times. Consolidation's 2,000-row logs do not show them
 * (npm run bench -- consolidate); the report bench's 100,000 rows do: 540 ms with all three,
 * 555-565 ms without the counts by name and FORMULA_START.
 */
export function warnings(parsed: ParsedLog, options: CheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  const cellOf = (column: keyof typeof LOG_COLUMN, row: number): string | undefined => {
    const index = parsed.columns[column];
    return index === undefined
      ? undefined
      : `${columnLetters((parsed.grid.left ?? 1) + index)}${row}`;
  };
  const dateHeader = LOG_COLUMN.date.header;

  if (options.today !== undefined) {
    for (const e of parsed.entries) {
      if (e.date > options.today) {
        out.push(
          warning(
            e,
            dateHeader,
            "date-in-future",
            `Date ${usDate(e.date)} is in the future.`,
            cellOf("date", e.row)
          )
        );
      }
    }
  }
  const agency = agencyIds(parsed.entries);
  out.push(
    ...duplicates(parsed.entries, agency, cellOf),
    ...followUpsWithoutNewContact(parsed.entries, agency, cellOf)
  );
  const implausible = (e: LogEntry, key: CountKey): void => {
    out.push(
      warning(
        e,
        LOG_COLUMN[key].header,
        "count-implausible",
        `${LOG_COLUMN[key].header} is ${e[key]}: more than ${IMPLAUSIBLE_COUNT[key]} in one event is unusual; check for a typing slip.`,
        cellOf(key, e.row)
      )
    );
  };
  // Each count read by name: checkLog over 100,000 rows took 33-37 ms so, 40-44 ms with a loop
  // over the three keys (each a keyed load).
  for (const e of parsed.entries) {
    if (e.presentations > MAX_PRESENTATIONS) implausible(e, "presentations");
    if (e.agencies > MAX_AGENCIES) implausible(e, "agencies");
    if (e.attendees > MAX_ATTENDEES) implausible(e, "attendees");
  }
  out.push(...formulaLikeText(parsed));
  return out;
}

type CountKey = keyof typeof IMPLAUSIBLE_COUNT;
const MAX_PRESENTATIONS = IMPLAUSIBLE_COUNT.presentations;
const MAX_AGENCIES = IMPLAUSIBLE_COUNT.agencies;
const MAX_ATTENDEES = IMPLAUSIBLE_COUNT.attendees;

/**
 * Agencies are compared with case, spacing and punctuation ignored. Names repeat, so each is
 * normalised once and given a small number, which makes the cross-row keys cheap: the number of
 * each entry's agency, by the entry's index.
 */
function agencyIds(entries: readonly LogEntry[]): Int32Array {
  const byName = new Map<string, number>();
  const byKey = new Map<string, number>();
  const ids = new Int32Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const agency = entries[i].agency;
    let id = byName.get(agency);
    if (id === undefined) {
      const key = agencyKey(agency);
      id = byKey.get(key);
      if (id === undefined) byKey.set(key, (id = byKey.size));
      byName.set(agency, id);
    }
    ids[i] = id;
  }
  return ids;
}

const ACTIVITY_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  ACTIVITIES.map((a, i) => [a, i])
);
const DAYS_SPAN = LATEST_PLAUSIBLE + 1;

function duplicates(
  entries: LogEntry[],
  agency: Int32Array,
  cellOf: (c: "agency", row: number) => string | undefined
): Finding[] {
  const seen = new FirstRows(entries.length);
  const out: Finding[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    // date, agency and activity in one number: dates are below DAYS_SPAN, activities below 4.
    const key = (agency[i] * 4 + ACTIVITY_INDEX[e.activity]) * DAYS_SPAN + e.date;
    const first = seen.firstRow(key, e.row);
    if (first !== e.row) {
      out.push(
        warning(
          e,
          LOG_COLUMN.agency.header,
          "duplicate",
          `Same date, agency and activity as row ${first} (${usDate(e.date)}, ${e.agency}, ${e.activity}): logged twice?`,
          cellOf("agency", e.row)
        )
      );
    }
  }
  return out;
}

/**
 * The first row seen with each key (a whole number below 2^53), in a table sized once for the
 * log, where a Map grows and rehashes as it fills: checkLog over 100,000 rows took 34-41 ms with
 * this table, 60-65 ms with a Map.
 */
class FirstRows {
  private readonly keys: Float64Array;
  private readonly rows: Int32Array;
  private readonly mask: number;

  constructor(count: number) {
    let size = 16;
    while (size < 2 * count) size *= 2;
    this.keys = new Float64Array(size);
    this.rows = new Int32Array(size); // 0: empty (worksheet rows start at 1)
    this.mask = size - 1;
  }

  /** The row first seen with `key`; `row` (now recorded) when the key is new. */
  firstRow(key: number, row: number): number {
    // Mix the high and low bits: keys differ mostly in their low bits (the date).
    let h =
      (Math.imul((key % 0x40000000) ^ Math.floor(key / 0x40000000), 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const r = this.rows[h];
      if (r === 0) {
        this.keys[h] = key;
        this.rows[h] = row;
        return row;
      }
      if (this.keys[h] === key) return r;
      h = (h + 1) & this.mask;
    }
  }
}

function followUpsWithoutNewContact(
  entries: LogEntry[],
  agency: Int32Array,
  cellOf: (c: "activity", row: number) => string | undefined
): Finding[] {
  // The earliest New Contact per agency (by its number, below the entries' count; -1 for none):
  // a follow-up needs one on or before its own date.
  const firstContact = new Int32Array(entries.length).fill(-1);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.activity !== "New Contact") continue;
    const d = firstContact[agency[i]];
    if (d < 0 || e.date < d) firstContact[agency[i]] = e.date;
  }
  const out: Finding[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.activity !== "Follow Up Contact") continue;
    const d = firstContact[agency[i]];
    if (d < 0 || d > e.date) {
      out.push(
        warning(
          e,
          LOG_COLUMN.activity.header,
          "follow-up-without-new-contact",
          `Follow Up Contact with ${e.agency}, but the log has no earlier New Contact with that agency.`,
          cellOf("activity", e.row)
        )
      );
    }
  }
  return out;
}

/** Text cells that start like a formula: stored as text, but worth a look. */
function formulaLikeText(parsed: ParsedLog): Finding[] {
  // Free text only: a coded column (Sector, Activity, ...) holding "=..." is already an error.
  const keyed = TEXT_COLUMNS.filter((k) => parsed.columns[k] !== undefined);
  return formulaLikeFindings(
    parsed.grid,
    parsed.headerRow === undefined ? 0 : 1,
    keyed.map((k) => ({ index: parsed.columns[k] as number, header: LOG_COLUMN[k].header }))
  );
}

/**
 * The formula-like-text warning over any table's free-text columns (`index` into a row of the
 * grid's values), from its `start`th row of values. `sheet` goes into the findings when given.
 */
export function formulaLikeFindings(
  grid: TableGrid,
  start: number,
  columns: readonly { readonly index: number; readonly header: string }[],
  sheet?: string
): Finding[] {
  const out: Finding[] = [];
  const { values } = grid;
  const top = grid.top ?? 1;
  const left = grid.left ?? 1;
  const indexes = columns.map((c) => c.index);
  for (let i = start; i < values.length; i++) {
    const cells = values[i];
    for (let k = 0; k < indexes.length; k++) {
      const v = cells[indexes[k]];
      if (typeof v !== "string") continue;
      // Indexes inside the table only ("" gives NaN): a typed array read outside it is slow.
      const first = v.charCodeAt(0);
      if (!(first < 128) || FORMULA_START[first] !== 1) continue;
      if (v.trim() === "") continue; // a cell of tabs or line breaks is blank, not a formula
      const row = top + i;
      const header = columns[k].header;
      const finding = warning(
        { row },
        header,
        "formula-like-text",
        `${header} begins with "${v[0] === "\t" ? "tab" : v[0] === "\r" ? "CR" : v[0]}": it is kept as text, never run as a formula.`,
        `${columnLetters(left + indexes[k])}${row}`
      );
      out.push(sheet === undefined ? finding : { sheet, ...finding });
    }
  }
  return out;
}
