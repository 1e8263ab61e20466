/**
 * The log: one row = one outreach activity. Cells in, typed entries and row errors out.
 *
 * The rules live in two kinds of functions: a coercer per column (what a cell may hold) and
 * `rowRules` (how the fields of a row must agree). `logRowSchema` is the zod schema built from
 * exactly those functions (the task pane's form validates with it); `readLog` is the fast path
 * over a whole range, calling the same functions directly and checking each distinct cell value
 * once, because a schema library per row is too slow for 100,000 rows.
 */
import type { Day } from "./dates";
import {
  CellValue,
  Coerced,
  Coercer,
  coerceText,
  countCoercer,
  dateCoercer,
  isBlank,
  isFailure,
  CoercionFailure,
  wordCoercer,
  yesNoCoercer,
} from "./cells";
import { Finding, FindingCode, FINDING_SEVERITY } from "./findings";
import { columnLetters } from "./cell-address";
import { TableGrid, TableLayoutError, rowSchema } from "./table";
import type { FiguresKey } from "./figures-key";
import {
  ACTIVITIES,
  ACTIVITY_WORDS,
  Activity,
  COLUMN_KEYS,
  ColumnKey,
  LAW_ENFORCEMENT,
  LEVELS,
  LEVEL_WORDS,
  LOG_COLUMN,
  LOG_COLUMNS,
  Level,
  NGO,
  SECTORS,
  SECTOR_WORDS,
  Sector,
  TRAINING,
  LOG_HEADER_WORDS,
} from "./vocabulary";

export type { CellValue } from "./cells";
export { isBlank } from "./cells";

/** The fields of one row, each undefined when its cell is blank. */
export interface RowFields {
  date?: Day;
  sector?: Sector;
  level?: Level;
  activity?: Activity;
  agency?: string;
  pocName?: string;
  pocTitle?: string;
  presentations?: number;
  agencies?: number;
  attendees?: number;
  content?: string;
  significant?: boolean;
}

/** A valid row of the log, ready to count. */
export interface LogEntry {
  /** The worksheet row. */
  readonly row: number;
  readonly date: Day;
  readonly sector: Sector;
  readonly level?: Level;
  readonly activity: Activity;
  readonly agency: string;
  readonly pocName: string;
  readonly pocTitle: string;
  readonly presentations: number;
  readonly agencies: number;
  readonly attendees: number;
  readonly content: string;
  readonly significant: boolean;
}

// ---- Column coercers: one cell -> one field (the rules of a cell are in cells.ts) -------------

const coerceDate = dateCoercer(LOG_COLUMN.date.header);
const coerceSector = wordCoercer("Sector", SECTOR_WORDS, SECTORS, "sector-unknown");
const coerceLevel = wordCoercer("Level", LEVEL_WORDS, LEVELS, "level-unknown");
const coerceActivity = wordCoercer("Activity", ACTIVITY_WORDS, ACTIVITIES, "activity-unknown");
const coerceSignificant = yesNoCoercer(LOG_COLUMN.significant.header, "significant-unknown");
const coerceCount = countCoercer;

/** What each column's cell may hold. Blank cells never reach a coercer. */
const COERCERS: { readonly [K in ColumnKey]: Coercer<Required<RowFields>[K]> } = {
  date: coerceDate,
  sector: coerceSector,
  level: coerceLevel,
  activity: coerceActivity,
  agency: coerceText,
  pocName: coerceText,
  pocTitle: coerceText,
  presentations: coerceCount(LOG_COLUMN.presentations.header),
  agencies: coerceCount(LOG_COLUMN.agencies.header),
  attendees: coerceCount(LOG_COLUMN.attendees.header),
  content: coerceText,
  significant: coerceSignificant,
};

/**
 * Columns that affect the figures only by being blank or not. Their coercer (coerceText) never
 * fails, whatever the cell holds; rowRules asks only whether they are filled; tally never reads
 * them. So two logs that differ only in the contents of these cells, each cell blank in both or
 * filled in both, have the same valid rows and the same figures. The figures key (figures-key.ts,
 * for the functions' cache) relies on this and test/core/presence.test.ts holds it: a rule that
 * comes to read one of these columns' text for the figures must take the column off this list.
 * Their text still matters to the findings (messages, duplicates) and to the narrative. The first
 * row is not covered: it is the header, or, read with `header: "auto"`, its text decides whether
 * it is one.
 */
export const PRESENCE_ONLY_COLUMNS: readonly ColumnKey[] = [
  "agency",
  "pocName",
  "pocTitle",
  "content",
];

/** Columns whose few distinct values make a per-value cache pay. */
const CACHED: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  "date",
  "sector",
  "level",
  "activity",
  "presentations",
  "agencies",
  "attendees",
  "significant",
]);

// ---- Row rules: how the fields of one row must agree --------------------------------------------

export type ReportIssue = (column: ColumnKey, code: FindingCode, message: string) => void;

type CountKey = "presentations" | "agencies" | "attendees";

const COUNT_MINIMUM: Record<CountKey, number> = {
  presentations: 1,
  agencies: 1,
  attendees: 0,
};

/**
 * The rules that tie a row's fields together (errors only: a row with any of these is not
 * counted). Fields that failed their own coercion arrive as undefined and are not reported again.
 */
export function rowRules(r: RowFields, report: ReportIssue): void {
  if (r.date === undefined) report("date", "date-missing", "Date is missing.");
  if (r.sector === undefined)
    report("sector", "sector-missing", `Sector is missing: ${SECTORS.join(" or ")}.`);
  if (r.activity === undefined) {
    report("activity", "activity-missing", `Activity is missing: ${ACTIVITIES.join(", ")}.`);
  }
  if (r.sector === LAW_ENFORCEMENT && r.level === undefined) {
    report(
      "level",
      "level-missing",
      `Level is missing: a Law Enforcement row needs ${LEVELS.join(", ")}.`
    );
  }
  if (r.sector === NGO && r.level !== undefined) {
    report(
      "level",
      "level-not-for-ngo",
      "Level is only for Law Enforcement rows: leave it blank for NGO."
    );
  }
  if (r.sector === LAW_ENFORCEMENT && r.activity === "Requested Services") {
    report(
      "activity",
      "activity-not-for-sector",
      "Requested Services is an NGO activity, not a Law Enforcement one."
    );
  }
  if (r.agency === undefined) report("agency", "agency-missing", "Agency is missing.");
  if (r.content === undefined)
    report("content", "content-missing", "Content (of the outreach provided) is missing.");
  if (r.activity === "New Contact") {
    if (r.pocName === undefined) {
      report(
        "pocName",
        "poc-missing",
        "POC Name is missing: a New Contact names its point of contact."
      );
    }
    if (r.pocTitle === undefined) {
      report(
        "pocTitle",
        "poc-missing",
        "POC Title is missing: a New Contact gives its point of contact's title."
      );
    }
  }
  countRule("presentations", r.presentations, r.activity, report);
  countRule("agencies", r.agencies, r.activity, report);
  countRule("attendees", r.attendees, r.activity, report);
}

/** A training count: on a Training/Seminar row required (at least its minimum), elsewhere absent. */
function countRule(
  key: CountKey,
  n: number | undefined,
  activity: Activity | undefined,
  report: ReportIssue
): void {
  if (activity === TRAINING) {
    if (n === undefined) {
      report(
        key,
        "count-missing",
        `${LOG_COLUMN[key].header} is missing: a Training/Seminar row needs it.`
      );
    } else if (n < COUNT_MINIMUM[key]) {
      report(
        key,
        "count-too-small",
        `${LOG_COLUMN[key].header} is ${n}: a Training/Seminar needs at least ${COUNT_MINIMUM[key]}.`
      );
    }
  } else if (n !== undefined && n !== 0 && activity !== undefined) {
    report(
      key,
      "count-not-for-activity",
      `${LOG_COLUMN[key].header} is only for Training/Seminar rows, not ${activity}.`
    );
  }
}

/**
 * Whether a 0 in this column is a blank cell, for a range read with `zeroIsBlank` (Excel desktop
 * hands empty cells as 0): everywhere but in the counts, where 0 is a real figure.
 */
export function zeroIsBlankIn(column: ColumnKey, zeroIsBlank: boolean): boolean {
  return zeroIsBlank && !(column in COUNT_MINIMUM);
}

// ---- The zod schema of one row, built from the same functions ---------------------------------

/** The zod schema of one log row (keys are the column keys; values as a cell or a form holds them). */
export function logRowSchema(date1904 = false) {
  return rowSchema<ColumnKey, Required<RowFields>>(COLUMN_KEYS, COERCERS, rowRules, date1904);
}

// ---- The whole log ----------------------------------------------------------------------------

export class LogLayoutError extends TableLayoutError {
  override name = "LogLayoutError";
}

/** The log's cells, its header row first when it has one. */
export interface LogGrid extends TableGrid {
  /**
   * "required": values[0] must be the header row (a file's log); "auto": values[0] is taken as the
   * header when it names log columns, otherwise the columns are in the spec's order (a function's range).
   */
  readonly header?: "required" | "auto";
  /** Excel desktop hands empty cells to custom functions as 0. */
  readonly zeroIsBlank?: boolean;
}

export interface ParsedLog {
  /** The rows that pass every error rule, in worksheet order. */
  readonly entries: LogEntry[];
  /** Error findings (and the Significant warning) from the row rules, in worksheet order. */
  readonly findings: Finding[];
  /** Column key -> 0-based index into a row of values. */
  readonly columns: Readonly<Partial<Record<ColumnKey, number>>>;
  /** Worksheet row of the header, or undefined when the range has none. */
  readonly headerRow: number | undefined;
  /** Non-blank data rows, and how many of them have errors. */
  readonly dataRows: number;
  readonly invalidRows: number;
  readonly grid: LogGrid;
  /** Which cells the figures depend on (see figures-key.ts). */
  readonly figuresKey: FiguresKey;
}

/** Which column each header cell names; throws LogLayoutError naming any missing column. */
export function matchHeader(
  header: readonly CellValue[],
  headerRow: number
): Partial<Record<ColumnKey, number>> {
  return LOG_HEADER_WORDS.match(header, headerRow, "the log's", LogLayoutError);
}

/** True when a row's cells name at least three log columns: it is a header row. */
export function looksLikeHeader(row: readonly CellValue[]): boolean {
  return LOG_HEADER_WORDS.looksLikeHeader(row);
}

/**
 * Read every row of the log: the valid entries, and a finding for every broken rule. The steps:
 * locate the columns (by the header row), coerce each row's cells (column readers), apply the
 * row rules, build an entry of each valid row; note which cells the figures read (the key).
 */
export function readLog(grid: LogGrid): ParsedLog {
  const { columns, headerRow, start } = locateColumns(grid);
  const values = grid.values;
  const readers = COLUMN_KEYS.filter((k) => columns[k] !== undefined).map(
    (k) => new ColumnReader(k, columns[k] as number, grid)
  );
  const rows = new RowReader(readers, grid.zeroIsBlank ?? false);
  const entries: LogEntry[] = [];
  let dataRows = 0;
  let invalidRows = 0;
  for (let i = start; i < values.length; i++) {
    const fields = rows.read(values[i], (grid.top ?? 1) + i);
    if (fields === undefined) continue;
    dataRows++;
    if (rows.failed()) invalidRows++;
    else entries.push(entryOf(rows.row, fields));
  }
  return {
    entries,
    findings: rows.findings,
    columns,
    headerRow,
    dataRows,
    invalidRows,
    grid,
    figuresKey: figuresKeyOf(readers, start),
  };
}

/** Where each log column is: by the header row, or in the spec's order for a range without one. */
function locateColumns(grid: LogGrid): {
  columns: Partial<Record<ColumnKey, number>>;
  headerRow: number | undefined;
  start: number;
} {
  const values = grid.values;
  const top = grid.top ?? 1;
  const hasHeader = grid.header !== "auto" || (values.length > 0 && looksLikeHeader(values[0]));
  if (!hasHeader) {
    return {
      columns: Object.fromEntries(LOG_COLUMNS.map((c, i) => [c.key, i])),
      headerRow: undefined,
      start: 0,
    };
  }
  if (values.length === 0) throw new LogLayoutError("the log has no header row.");
  return { columns: matchHeader(values[0], top), headerRow: top, start: 1 };
}

/** Distinct values per cached column that a reader tries with === before its Map. */
const RECENT_VALUES = 8;

/** True when String.prototype.trim would return `s` as it is: both ends printable ASCII. */
function trimmed(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/**
 * One column of the log: where it is, and its cells' coercion, each distinct value coerced once
 * (a log has a handful of sectors, activities and counts, and dates repeat).
 */
class ColumnReader {
  readonly slot: number;
  readonly header: string;
  readonly letters: string;
  readonly zeroBlank: boolean;
  readonly presenceOnly: boolean;
  private readonly coerce: Coercer<unknown>;
  private readonly date1904: boolean;
  private readonly plainText: boolean;
  private readonly cache: Map<CellValue, Coerced<unknown>> | undefined;
  // The last value seen and its coercion: neighbouring rows often agree. With the first few
  // values below, `tips report`'s read of 100,000 rows came to 1.30-1.58x the file's read (median
  // 1.46 of 3), with the Map alone 1.46-2.16x (median 1.59 of 5; npm run bench -- report, a noisy
  // machine); in the functions' fresh copies the two measured the same.
  private lastRaw: CellValue = undefined;
  private lastCoerced: Coerced<unknown> = undefined;
  // The first few distinct values, tried with === before the Map (which must hash every fresh
  // string of a range Excel hands over): a coded column has a handful.
  private readonly recentRaw: CellValue[] = [];
  private readonly recentCoerced: Coerced<unknown>[] = [];

  constructor(
    readonly key: ColumnKey,
    readonly index: number,
    grid: LogGrid
  ) {
    this.slot = SLOT[key];
    this.header = LOG_COLUMN[key].header;
    this.letters = columnLetters((grid.left ?? 1) + index);
    this.zeroBlank = zeroIsBlankIn(key, grid.zeroIsBlank ?? false);
    this.presenceOnly = PRESENCE_ONLY.has(key);
    this.coerce = COERCERS[key];
    this.date1904 = grid.date1904 ?? false;
    this.plainText = this.coerce === coerceText;
    this.cache = CACHED.has(key) ? new Map() : undefined;
  }

  /** A filled cell's field, or the failure to report. */
  read(raw: CellValue): Coerced<unknown> {
    const cache = this.cache;
    if (cache === undefined) {
      // coerceText, without the call, for text that trimming leaves as it is (most text): a cold
      // TIPS.CHART of 100,000 rows took 38-40 ms with this test, 110-117 ms without it.
      return this.plainText && typeof raw === "string" && trimmed(raw)
        ? raw
        : this.coerce(raw, this.date1904);
    }
    if (raw === this.lastRaw) return this.lastCoerced;
    const recent = this.recentRaw;
    let j = 0;
    while (j < recent.length && recent[j] !== raw) j++;
    let r: Coerced<unknown>;
    if (j < recent.length) {
      r = this.recentCoerced[j];
    } else {
      r = cache.get(raw);
      if (r === undefined) {
        r = this.coerce(raw, this.date1904);
        cache.set(raw, r);
        if (recent.length < RECENT_VALUES) {
          recent.push(raw);
          this.recentCoerced.push(r);
        }
      }
    }
    this.lastRaw = raw;
    this.lastCoerced = r;
    return r;
  }
}

/**
 * One row at a time: its cells coerced into its fields, the findings of its cells and of the row
 * rules collected (in worksheet order), and whether the row has an error.
 */
class RowReader {
  readonly findings: Finding[] = [];
  /** The worksheet row being read. */
  row = 0;
  private errors = 0;
  /** Bit per reader: that field already has a finding (the row rules do not report it again). */
  private failedCells = 0;
  // The row's fields by SLOT (array stores, not a keyed property store per cell), then `fields`:
  // a cold TIPS.CHART of 100,000 rows took 39-41 ms so, 46-47 ms storing fields[reader.key].
  private readonly slots: unknown[] = COLUMN_KEYS.map(() => undefined);
  private readonly fields = emptyFields();
  /** One report function for every row (not a closure per row). */
  private readonly report: ReportIssue = (column, code, message) => {
    const k = this.readers.findIndex((r) => r.key === column);
    if (k >= 0 && this.failedCells & (1 << k)) return;
    this.errors++;
    this.findings.push({
      row: this.row,
      column: LOG_COLUMN[column].header,
      severity: "error",
      code,
      message,
      ...(k >= 0 ? { cell: `${this.readers[k].letters}${this.row}` } : {}),
    });
  };

  constructor(
    private readonly readers: readonly ColumnReader[],
    private readonly zeroIsBlank: boolean
  ) {}

  /** The row's fields, its findings collected; undefined when every cell is blank. */
  read(cells: readonly CellValue[], row: number): RowFields | undefined {
    this.row = row;
    this.errors = 0;
    this.failedCells = 0;
    let blank = true;
    const readers = this.readers;
    for (let k = 0; k < readers.length; k++) {
      const reader = readers[k];
      const raw = cells[reader.index];
      if (isBlank(raw, reader.zeroBlank)) {
        this.slots[reader.slot] = undefined;
        continue;
      }
      // A 0 where zeroes are blank is a count of 0: on its own it does not make a row.
      if (blank && !(this.zeroIsBlank && raw === 0)) blank = false;
      const r = reader.read(raw);
      if (isFailure(r)) {
        this.slots[reader.slot] = undefined;
        this.cellFinding(reader, k, r);
      } else {
        this.slots[reader.slot] = r;
      }
    }
    if (blank) return undefined;
    fillFields(this.fields, this.slots);
    rowRules(this.fields, this.report);
    return this.fields;
  }

  /** Whether the row just read has an error (and so is not counted). */
  failed(): boolean {
    return this.errors > 0;
  }

  private cellFinding(reader: ColumnReader, k: number, r: CoercionFailure): void {
    const severity = FINDING_SEVERITY[r.code];
    if (severity === "error") {
      this.errors++;
      this.failedCells |= 1 << k;
    }
    this.findings.push({
      row: this.row,
      column: reader.header,
      severity,
      code: r.code,
      message: r.message,
      cell: `${reader.letters}${this.row}`,
    });
  }
}

/** A row's fields with every key present, so that all rows share one object shape. */
function emptyFields(): RowFields {
  return {
    date: undefined,
    sector: undefined,
    level: undefined,
    activity: undefined,
    agency: undefined,
    pocName: undefined,
    pocTitle: undefined,
    presentations: undefined,
    agencies: undefined,
    attendees: undefined,
    content: undefined,
    significant: undefined,
  };
}

/** Each field's place in a RowReader's array of a row's fields. */
const SLOT = Object.fromEntries(COLUMN_KEYS.map((k, i) => [k, i])) as Record<ColumnKey, number>;

/** A row's fields from their slots, by name (one object shape, no keyed store per cell). */
function fillFields(f: RowFields, slot: readonly unknown[]): void {
  f.date = slot[SLOT.date] as Day | undefined;
  f.sector = slot[SLOT.sector] as Sector | undefined;
  f.level = slot[SLOT.level] as Level | undefined;
  f.activity = slot[SLOT.activity] as Activity | undefined;
  f.agency = slot[SLOT.agency] as string | undefined;
  f.pocName = slot[SLOT.pocName] as string | undefined;
  f.pocTitle = slot[SLOT.pocTitle] as string | undefined;
  f.presentations = slot[SLOT.presentations] as number | undefined;
  f.agencies = slot[SLOT.agencies] as number | undefined;
  f.attendees = slot[SLOT.attendees] as number | undefined;
  f.content = slot[SLOT.content] as string | undefined;
  f.significant = slot[SLOT.significant] as boolean | undefined;
}

/** The entry of a row that passed every rule. */
function entryOf(row: number, fields: RowFields): LogEntry {
  return {
    row,
    date: fields.date as Day,
    sector: fields.sector as Sector,
    level: fields.level,
    activity: fields.activity as Activity,
    agency: fields.agency as string,
    pocName: fields.pocName ?? "",
    pocTitle: fields.pocTitle ?? "",
    presentations: fields.presentations ?? 0,
    agencies: fields.agencies ?? 0,
    attendees: fields.attendees ?? 0,
    content: fields.content as string,
    significant: fields.significant ?? false,
  };
}

const PRESENCE_ONLY: ReadonlySet<ColumnKey> = new Set(PRESENCE_ONLY_COLUMNS);

/** The figures key (figures-key.ts): the log's columns, by whether the figures read their text. */
function figuresKeyOf(readers: readonly ColumnReader[], start: number): FiguresKey {
  const presence = readers.filter((r) => r.presenceOnly);
  return {
    start,
    exactColumns: readers.filter((r) => !r.presenceOnly).map((r) => r.index),
    presenceColumns: presence.map((r) => r.index),
    zeroBlank: presence.map((r) => r.zeroBlank),
  };
}
