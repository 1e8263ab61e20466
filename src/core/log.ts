/**
 * The log: one row = one outreach activity. Cells in, typed entries and row errors out.
 *
 * The rules live in two kinds of functions: a coercer per column (what a cell may hold) and
 * `rowRules` (how the fields of a row must agree). `logRowSchema` is the zod schema built from
 * exactly those functions (the task pane's form validates with it); `readLog` is the fast path
 * over a whole range, calling the same functions directly and checking each distinct cell value
 * once, because a schema library per row is too slow for 100,000 rows.
 */
import { z } from "zod";
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
import { Finding, FindingCode, FINDING_SEVERITY } from "./findings";
import { columnLetters } from "./cell-address";
import { closestMatch } from "./spelling";
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
  SIGNIFICANT_WORDS,
  Sector,
  TRAINING,
  columnOfHeader,
  normalizeWord,
} from "./vocabulary";

/** A cell as any workbook reader hands it over. */
export type CellValue = string | number | boolean | Date | null | undefined;

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

// ---- Blank cells ------------------------------------------------------------------------------

export function isBlank(v: CellValue, zeroIsBlank = false): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") {
    // Most text has no surrounding space: look before trimming, which allocates.
    return v.length === 0 || (v.charCodeAt(0) <= 32 && v.trim() === "");
  }
  return zeroIsBlank && v === 0;
}

// ---- Column coercers: one cell -> one field ---------------------------------------------------

/** Why a cell cannot be read: the finding's code and message. */
class CoercionFailure {
  constructor(
    readonly code: FindingCode,
    readonly message: string
  ) {}
}

/**
 * A cell's field, or why it cannot be read. A good cell's field is returned as it is, with no
 * wrapper object (readLog coerces about a million cells for 100,000 rows).
 */
type Coerced<T> = T | CoercionFailure;

const ok = <T>(value: T): Coerced<T> => value;
const fail = <T>(code: FindingCode, message: string): Coerced<T> =>
  new CoercionFailure(code, message);

/**
 * Every field is a primitive (a Day, a string, a number, a boolean), so an object is a failure.
 * (Not `instanceof`: under tsx's keepNames it is several times slower in readLog's loop.)
 */
const isFailure = (r: Coerced<unknown>): r is CoercionFailure => typeof r === "object";
/** A cell as a message quotes it (an invalid Date must not throw on its way to a message). */
const shown = (v: CellValue): string =>
  v instanceof Date
    ? Number.isNaN(v.getTime())
      ? "(invalid date)"
      : v.toISOString().slice(0, 10)
    : String(v).trim();

function coerceDate(v: CellValue, date1904: boolean): Coerced<Day> {
  let day: Day;
  if (typeof v === "number") {
    const r = dayFromSerial(v, date1904);
    if (!r.ok) {
      return r.reason === "fake-leap-day"
        ? fail(
            "date-impossible",
            "Date is 29 Feb 1900, a day that does not exist: enter the real date."
          )
        : fail("date-unreadable", `Date ${v} is not a date: enter it as MM/DD/YYYY.`);
    }
    day = r.day;
  } else if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail("date-unreadable", "Date is not a valid date.");
    day = dayFromDate(v);
  } else if (typeof v === "string") {
    const r = dayFromText(v);
    if (!r.ok) {
      return r.reason === "impossible"
        ? fail("date-impossible", `Date "${v.trim()}" does not exist on the calendar.`)
        : fail("date-unreadable", `Date "${v.trim()}" cannot be read: enter it as MM/DD/YYYY.`);
    }
    day = r.day;
  } else {
    return fail("date-unreadable", `Date "${shown(v)}" is not a date: enter it as MM/DD/YYYY.`);
  }
  if (!isPlausible(day)) {
    return fail(
      "date-implausible",
      `Date ${usDate(day)} is outside ${usDate(EARLIEST_PLAUSIBLE)} to ${usDate(LATEST_PLAUSIBLE)}: check the year.`
    );
  }
  return ok(day);
}

function coerceWord<T extends string>(
  name: string,
  words: ReadonlyMap<string, T>,
  allowed: readonly string[],
  code: FindingCode
): (v: CellValue) => Coerced<T> {
  return (v) => {
    const value = words.get(normalizeWord(shown(v)));
    return value !== undefined
      ? ok(value)
      : fail(code, `${name} "${shown(v)}" is not one of: ${allowed.join(", ")}.`);
  };
}

const coerceSector = coerceWord("Sector", SECTOR_WORDS, SECTORS, "sector-unknown");
const coerceLevel = coerceWord("Level", LEVEL_WORDS, LEVELS, "level-unknown");
const coerceActivity = coerceWord("Activity", ACTIVITY_WORDS, ACTIVITIES, "activity-unknown");

function coerceSignificant(v: CellValue): Coerced<boolean> {
  if (typeof v === "boolean") return ok(v);
  const yn = SIGNIFICANT_WORDS.get(normalizeWord(shown(v)));
  return yn === undefined
    ? fail("significant-unknown", `Significant "${shown(v)}" is not Y or N; it is taken as N.`)
    : ok(yn === "Y");
}

function coerceText(v: CellValue): Coerced<string> {
  return ok(v instanceof Date ? shown(v) : String(v).trim());
}

function coerceCount(header: string): (v: CellValue) => Coerced<number> {
  return (v) => {
    const n =
      typeof v === "number" ? v : typeof v === "string" ? Number(v.trim().replace(/,/g, "")) : NaN;
    if (!Number.isFinite(n))
      return fail("count-not-number", `${header} "${shown(v)}" is not a number.`);
    if (n < 0) return fail("count-negative", `${header} is ${n}: a count cannot be negative.`);
    if (!Number.isInteger(n))
      return fail("count-not-whole", `${header} is ${n}: a count is a whole number.`);
    return ok(n);
  };
}

type Coercer = (v: CellValue, date1904: boolean) => Coerced<RowFields[ColumnKey]>;

/** What each column's cell may hold. Blank cells never reach a coercer. */
const COERCERS: Record<ColumnKey, Coercer> = {
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

function fieldSchema(key: ColumnKey, date1904: boolean) {
  const coerce = COERCERS[key];
  return z.unknown().transform((raw, ctx) => {
    if (isBlank(raw as CellValue)) return undefined;
    const r = coerce(raw as CellValue, date1904);
    if (!isFailure(r)) return r;
    if (FINDING_SEVERITY[r.code] === "warning") return undefined;
    ctx.issues.push({ code: "custom", message: r.message, input: raw, params: { code: r.code } });
    return undefined; // as in readLog: a field that failed its coercion reaches rowRules as undefined
  });
}

/** The zod schema of one log row (keys are the column keys; values as a cell or a form holds them). */
export function logRowSchema(date1904 = false) {
  const shape = Object.fromEntries(
    COLUMN_KEYS.map((k) => [k, fieldSchema(k, date1904)])
  ) as unknown as {
    [K in ColumnKey]: z.ZodType<RowFields[K], unknown>;
  };
  // The row rules run even when a field failed (as readLog does), so the form shows every error
  // at once; a column that already has an issue is not reported again ("missing" after "unreadable").
  return z.object(shape).superRefine(
    (row, ctx) => {
      const failed = new Set(ctx.issues.map((i) => i.path?.[0]));
      rowRules(row as RowFields, (column, code, message) => {
        if (!failed.has(column)) {
          ctx.issues.push({
            code: "custom",
            message,
            path: [column],
            input: row,
            params: { code },
          });
        }
      });
    },
    { when: () => true }
  );
}

// ---- The whole log ----------------------------------------------------------------------------

export class LogLayoutError extends Error {
  override name = "LogLayoutError";
}

export interface LogGrid {
  /** The log's cells, its header row first when it has one. */
  readonly values: readonly (readonly CellValue[])[];
  /** Worksheet row of values[0] (default 1) and column of values[x][0] (default 1), for messages. */
  readonly top?: number;
  readonly left?: number;
  readonly date1904?: boolean;
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
  const columns: Partial<Record<ColumnKey, number>> = {};
  const unknown: string[] = [];
  header.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const key = columnOfHeader(String(cell));
    if (key === undefined) unknown.push(String(cell).trim());
    else if (columns[key] === undefined) columns[key] = i;
  });
  const missing = LOG_COLUMNS.filter((c) => !c.optional && columns[c.key] === undefined);
  if (missing.length > 0) {
    const what = missing
      .map((c) => {
        const guess = closestMatch(c.header, unknown, normalizeWord, 3);
        return guess
          ? `"${c.header}" column (is "${guess}" a misspelling?)`
          : `"${c.header}" column`;
      })
      .join("; no ");
    throw new LogLayoutError(`the log's header row (row ${headerRow}) has no ${what}.`);
  }
  return columns;
}

/** True when a row's cells name at least three log columns: it is a header row. */
export function looksLikeHeader(row: readonly CellValue[]): boolean {
  let named = 0;
  for (const cell of row)
    if (typeof cell === "string" && columnOfHeader(cell) !== undefined) named++;
  return named >= 3;
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
