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
  isBlank as blankCell,
  isFailure as failedCell,
  wordCoercer,
  yesNoCoercer,
} from "./cells";
import { Finding, FindingCode, FINDING_SEVERITY } from "./findings";
import { columnLetters } from "./cell-address";
import { TableGrid, TableLayoutError, rowSchema } from "./table";
import { packedMap } from "./arrays";
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

// Read once: imported bindings can be getters in some module formats, too slow in row loops.
const TRAINING_ACTIVITY = TRAINING;
const LE = LAW_ENFORCEMENT;
const NGO_SECTOR = NGO;

// Read once: imported bindings can be getters in some module formats, too slow in row loops.
const isBlank = blankCell;
const isFailure = failedCell;

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
// Read once: imported bindings can be getters in some module formats, too slow in row loops.
const COUNT_HEADER: Record<CountKey, string> = {
  presentations: LOG_COLUMN.presentations.header,
  agencies: LOG_COLUMN.agencies.header,
  attendees: LOG_COLUMN.attendees.header,
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
  if (r.sector === LE && r.level === undefined) {
    report(
      "level",
      "level-missing",
      `Level is missing: a Law Enforcement row needs ${LEVELS.join(", ")}.`
    );
  }
  if (r.sector === NGO_SECTOR && r.level !== undefined) {
    report(
      "level",
      "level-not-for-ngo",
      "Level is only for Law Enforcement rows: leave it blank for NGO."
    );
  }
  if (r.sector === LE && r.activity === "Requested Services") {
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
  // The header is looked up only for a message (a keyed load per row and count is not free).
  if (activity === TRAINING_ACTIVITY) {
    if (n === undefined) {
      report(
        key,
        "count-missing",
        `${COUNT_HEADER[key]} is missing: a Training/Seminar row needs it.`
      );
    } else if (n < COUNT_MINIMUM[key]) {
      report(
        key,
        "count-too-small",
        `${COUNT_HEADER[key]} is ${n}: a Training/Seminar needs at least ${COUNT_MINIMUM[key]}.`
      );
    }
  } else if (n !== undefined && n !== 0 && activity !== undefined) {
    report(
      key,
      "count-not-for-activity",
      `${COUNT_HEADER[key]} is only for Training/Seminar rows, not ${activity}.`
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
  /** What the figures depend on, when asked for (see figures-key.ts). */
  readonly figuresKey?: FiguresKey;
}

export interface ReadOptions {
  /** Also record the figures key (figures-key.ts) while reading: a few per cent more. */
  readonly figuresKey?: boolean;
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

/** A row's fields with every key present, so that all rows share one object shape (speed). */
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

/** Each field's place in readLog's array of a row's fields. */
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

/** Distinct values per cached column that readLog tries with === before its Map. */
const RECENT_VALUES = 8;

/** True when String.prototype.trim would return `s` as it is: both ends printable ASCII. */
function trimmed(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/** Read every row of the log: the valid entries, and a finding for every broken rule. */
export function readLog(grid: LogGrid, options: ReadOptions = {}): ParsedLog {
  const top = grid.top ?? 1;
  const left = grid.left ?? 1;
  const date1904 = grid.date1904 ?? false;
  const zeroIsBlank = grid.zeroIsBlank ?? false;
  const values = grid.values;
  const hasHeader = grid.header !== "auto" || (values.length > 0 && looksLikeHeader(values[0]));
  if (hasHeader && values.length === 0) throw new LogLayoutError("the log has no header row.");
  const columns = hasHeader
    ? matchHeader(values[0], top)
    : Object.fromEntries(LOG_COLUMNS.map((c, i) => [c.key, i]));

  // Everything a cell needs, per column of the log, looked up once rather than once per cell.
  const keys = COLUMN_KEYS.filter((k) => columns[k] !== undefined);
  const width = keys.length;
  const indexes = packedMap(keys, (k) => columns[k] as number);
  const coercers = packedMap(keys, (k) => COERCERS[k]);
  const headers = packedMap(keys, (k) => LOG_COLUMN[k].header);
  const zeroBlank = packedMap(keys, (k) => zeroIsBlankIn(k, zeroIsBlank));
  const slots = packedMap(keys, (k) => SLOT[k]);
  const caches = packedMap(keys, (k) =>
    CACHED.has(k) ? new Map<CellValue, Coerced<unknown>>() : undefined
  );
  // The last value seen in each cached column and its coercion: neighbouring rows often agree.
  const lastRaw: CellValue[] = packedMap(keys, () => undefined);
  const lastCoerced: Coerced<unknown>[] = packedMap(keys, () => undefined);
  // The first few distinct values of each cached column, tried with === before the Map (which
  // must hash every fresh string of a range Excel hands over): a coded column has a handful.
  const recentRaw: CellValue[][] = packedMap(keys, () => []);
  const recentCoerced: Coerced<unknown>[][] = packedMap(keys, () => []);
  const plainText = packedMap(keys, (k) => COERCERS[k] === coerceText);
  const letters = packedMap(keys, (k) => columnLetters(left + (columns[k] as number)));
  const start = hasHeader ? 1 : 0;
  // The figures key's cells, when asked for: one store per cell of the log's columns, in the
  // order of `keys` (plain locals: the loop below must not read them through an object).
  const presenceOnly = packedMap(keys, (k) => PRESENCE_ONLY.has(k));
  const presenceCount = presenceOnly.filter(Boolean).length;
  const keyRows = Math.max(0, values.length - start);
  const keyed = options.figuresKey === true;
  const keyExact = keyed ? new Array<CellValue>(keyRows * (width - presenceCount)) : undefined;
  const keyFilled = keyed ? new Uint8Array(keyRows * presenceCount) : undefined;
  let e = 0;
  let f = 0;

  const entries: LogEntry[] = [];
  const findings: Finding[] = [];
  let dataRows = 0;
  let invalidRows = 0;

  // One report function for every row (not a closure per row): the row's state lives here.
  let row = 0;
  let errors = 0;
  let failed = 0; // bit per key index: that field already has a finding
  const report: ReportIssue = (column, code, message) => {
    const k = keys.indexOf(column);
    if (k >= 0 && failed & (1 << k)) return;
    errors++;
    const cell = k >= 0 ? `${letters[k]}${row}` : undefined;
    findings.push({
      row,
      column: LOG_COLUMN[column].header,
      severity: "error",
      code,
      message,
      ...(cell ? { cell } : {}),
    });
  };

  // The row's fields by SLOT (array stores, not a keyed property store per cell), then `fields`.
  const slot: unknown[] = packedMap(COLUMN_KEYS, () => undefined);
  const fields = emptyFields();
  for (let i = start; i < values.length; i++) {
    const cells = values[i];
    row = top + i;
    let blank = true;
    errors = 0;
    failed = 0;
    for (let k = 0; k < width; k++) {
      const raw = cells[indexes[k]];
      if (isBlank(raw, zeroBlank[k])) {
        slot[slots[k]] = undefined;
        if (keyExact !== undefined) {
          if (presenceOnly[k]) (keyFilled as Uint8Array)[f++] = 0;
          else keyExact[e++] = raw;
        }
        continue;
      }
      if (blank && !(zeroIsBlank && raw === 0)) blank = false;
      let r: Coerced<unknown>;
      const cache = caches[k];
      if (cache === undefined) {
        // coerceText, without the call, for text that trimming leaves as it is (most text).
        r =
          plainText[k] && typeof raw === "string" && trimmed(raw)
            ? raw
            : coercers[k](raw, date1904);
        if (keyExact !== undefined) {
          if (presenceOnly[k]) (keyFilled as Uint8Array)[f++] = 1;
          else keyExact[e++] = raw;
        }
      } else if (raw === lastRaw[k]) {
        r = lastCoerced[k];
        if (keyExact !== undefined) keyExact[e++] = lastRaw[k];
      } else {
        const recent = recentRaw[k];
        let j = 0;
        while (j < recent.length && recent[j] !== raw) j++;
        // The first object seen with this content: the figures key keeps one object per text.
        let kept = raw;
        if (j < recent.length) {
          r = recentCoerced[k][j];
          kept = recent[j];
        } else {
          r = cache.get(raw);
          if (r === undefined) {
            r = coercers[k](raw, date1904);
            cache.set(raw, r);
            if (recent.length < RECENT_VALUES) {
              recent.push(raw);
              recentCoerced[k].push(r);
            }
          }
        }
        lastRaw[k] = kept;
        lastCoerced[k] = r;
        if (keyExact !== undefined) keyExact[e++] = kept;
      }
      if (!isFailure(r)) {
        slot[slots[k]] = r;
      } else {
        slot[slots[k]] = undefined;
        const severity = FINDING_SEVERITY[r.code];
        if (severity === "error") {
          errors++;
          failed |= 1 << k;
        }
        findings.push({
          row,
          column: headers[k],
          severity,
          code: r.code,
          message: r.message,
          cell: `${letters[k]}${row}`,
        });
      }
    }
    if (blank) continue;
    dataRows++;
    fillFields(fields, slot);
    rowRules(fields, report);
    if (errors > 0) {
      invalidRows++;
      continue;
    }
    entries.push({
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
    });
  }
  return {
    entries,
    findings,
    columns,
    headerRow: hasHeader ? top : undefined,
    dataRows,
    invalidRows,
    grid,
    figuresKey:
      keyExact && keyFilled
        ? figuresKeyOf(values, start, presenceOnly, indexes, zeroBlank, keyExact, keyFilled)
        : undefined,
  };
}

const PRESENCE_ONLY: ReadonlySet<ColumnKey> = new Set(PRESENCE_ONLY_COLUMNS);

/** The figures key of these rows and columns of the log, with the cells readLog kept. */
function figuresKeyOf(
  values: readonly (readonly CellValue[])[],
  start: number,
  presenceOnly: readonly boolean[],
  indexes: readonly number[],
  zeroBlank: readonly boolean[],
  exact: CellValue[],
  filled: Uint8Array
): FiguresKey {
  const exactColumns: number[] = [];
  const presenceColumns: number[] = [];
  const presenceZeroBlank: boolean[] = [];
  presenceOnly.forEach((presence, q) => {
    if (presence) {
      presenceColumns.push(indexes[q]);
      presenceZeroBlank.push(zeroBlank[q]);
    } else {
      exactColumns.push(indexes[q]);
    }
  });
  return {
    rows: values.length,
    first: values.length > 0 ? [...values[0]] : [],
    start,
    exactColumns,
    presenceColumns,
    zeroBlank: presenceZeroBlank,
    exact,
    filled,
  };
}
