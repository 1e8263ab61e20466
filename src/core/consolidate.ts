/**
 * HQ consolidation: the offices' returned reports in, the national report out, in one step that
 * cannot silently lose or double-count anything.
 *
 * - Every file given gets exactly one status; every roster office with no return gets "missing".
 * - An office counts once: its newest return for the period wins (the time it records as
 *   submitted, else the file's modification time); its other returns are "superseded", never
 *   summed.
 * - Only winning returns that are valid (no error findings) count: their log rows make the
 *   combined log, each once, and the national figures are the sum of their figures.
 * - Cross-checks (hand-entered chart vs own log; cumulative below last quarter's) are notes: they
 *   never change a figure, they say where to look.
 *
 * Pure: the workbook reading is in src/app/consolidate.ts.
 */
import {
  CHART_LINE,
  ChartFigures,
  Figures,
  LINE_KEYS,
  LineKey,
  addFigures,
  zeroFigures,
} from "./chart";
import { EntryTable } from "./entry-table";
import { Finding } from "./findings";
import { CellValue, LogEntry } from "./log";
import { CombinedSheets, TablesAnalysis, TablesFigures, combineTables } from "./office-tables";
import { FiscalPeriod, formatPeriod, samePeriod } from "./period";
import { Report } from "./report";
import { countInQuarter } from "./tally";
import { closestMatch } from "./spelling";

export const RETURN_STATUSES = [
  "received",
  "nothing-to-report",
  "superseded",
  "other-period",
  "invalid",
  "not-a-return",
  "missing",
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** What each status means, for the Return Status sheet and the help text. */
export const STATUS_MEANING: Readonly<Record<ReturnStatus, string>> = {
  received: "counted: the office's return for the period",
  "nothing-to-report": "counted: a valid return with no activity in the quarter",
  superseded: "not counted: the office sent a newer return for the period",
  "other-period": "not counted: the return is for another period",
  invalid: "not counted: the return cannot be used as it is (see the reason)",
  "not-a-return": "not counted: the file is not an office's quarterly return",
  missing: "no return: the office is on the roster but sent nothing for the period",
};

/** The statuses whose rows are in the national figures and the combined log. */
export const COUNTED: ReadonlySet<ReturnStatus> = new Set(["received", "nothing-to-report"]);

/** How many of an invalid return's findings the status lists. */
export const FIRST_FINDINGS = 3;

/** The office of the national workbook, in its Office cell and settings. */
export const NATIONAL_OFFICE = "National";
/** A custom property every national workbook carries, so it is never taken for a return. */
export const NATIONAL_MARK = "TIPS.National";

/**
 * The rule for a file that cannot be read as a return, in one place. It is "not-a-return" when we
 * can tell it is not an office's return: not a workbook at all, a workbook with no chart or no
 * log, or a national workbook. It is "invalid" when it is, or may be, a return that cannot be used
 * as it is: a damaged or password-protected workbook (the office must send it again), a file that
 * cannot be read at all (permissions), a chart missing a line, a log whose header lacks a column, a
 * period or opening balance that cannot be read, no office name.
 */
export type UnreadableKind =
  | "not-a-workbook"
  | "no-chart-or-log"
  | "national-workbook"
  | "corrupt"
  | "password-protected"
  | "unreadable-file"
  | "unreadable-return";

export const UNREADABLE_STATUS: Readonly<Record<UnreadableKind, "invalid" | "not-a-return">> = {
  "not-a-workbook": "not-a-return",
  "no-chart-or-log": "not-a-return",
  "national-workbook": "not-a-return",
  corrupt: "invalid",
  "password-protected": "invalid",
  "unreadable-file": "invalid",
  "unreadable-return": "invalid",
};

export interface ReturnFile {
  /** The file's name as given (a path on the command line, a name in the task pane). */
  readonly file: string;
  /** The file's modification time, ms since 1970. */
  readonly modified: number;
}

/** The figures written in a return's chart, as its cells hold them (any line may be absent). */
export type WrittenChart = Readonly<
  Partial<Record<LineKey, { readonly quarter: CellValue; readonly cumulative: CellValue }>>
>;

/** A return that was read: its office, period and the engine's analysis of its log. */
export interface ReturnedReport extends ReturnFile {
  readonly kind: "report";
  /** The name in its Office cell (or settings); undefined when it names none. */
  readonly office?: string;
  /** The return's own period (from its settings or title). */
  readonly period: FiscalPeriod;
  /** The analysis of its log for its own period (figures include its opening balance). */
  readonly report: Report;
  /** The Quarter and Cumulative cells of its chart as the office left them. */
  readonly written?: WrittenChart;
  /** When the workbook records being submitted (SETTING.submitted): ISO date-time text. */
  readonly submitted?: string;
  /** The opening balance the office recorded for the fiscal year, if any. */
  readonly opening?: Partial<Figures>;
  /**
   * Its Victim Leads, Materials Distributed and Media Canvass tables, analysed for its period
   * (absent or empty: it has none, and contributes nothing to them). A table error makes the
   * return invalid, as a log error does.
   */
  readonly tables?: TablesAnalysis;
}

/** A file that could not be read as a return, and why. */
export interface UnreadableReturn extends ReturnFile {
  readonly kind: UnreadableKind;
  readonly reason: string;
  /** The office it names, when that much could be read. */
  readonly office?: string;
}

export type ReturnInput = ReturnedReport | UnreadableReturn;

/** Cumulative figures per office from the previous quarter's national workbook. */
export interface PreviousNational {
  readonly period: FiscalPeriod;
  /** The workbook's name, for the notes. */
  readonly file?: string;
  readonly offices: readonly { readonly office: string; readonly cumulative: Partial<Figures> }[];
}

export interface ConsolidateOptions {
  /** The offices expected to return (names as in the roster file). */
  readonly roster?: readonly string[];
  readonly previous?: PreviousNational;
}

/** One line of the Return Status table: one per file given, one per missing roster office. */
export interface StatusRow {
  /** The file's position among the files given (undefined for a missing office). */
  readonly index?: number;
  readonly office?: string;
  /** Undefined only for a missing office. */
  readonly file?: string;
  readonly status: ReturnStatus;
  /** The log's non-blank rows (0 when it has no log or was not read). */
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  /** The return's own period, when it was read. */
  readonly period?: FiscalPeriod;
  readonly modified?: number;
  /** The time "newest" is judged by: submitted when recorded, else modified. */
  readonly time?: number;
  readonly submitted?: string;
  /** Why it has this status, cross-check results, anything HQ should look at. */
  readonly notes: readonly string[];
  /** The first few error findings of an invalid return. */
  readonly findings: readonly Finding[];
}

/** A counted office's figures (a row of the "By Office" table). */
export interface OfficeFigures {
  readonly office: string;
  readonly file: string;
  readonly status: "received" | "nothing-to-report";
  readonly figures: ChartFigures;
  readonly rows: number;
}

/** A row of the combined log: the entry, and where it came from. */
export interface ConsolidatedRow {
  readonly entry: LogEntry;
  readonly office: string;
  readonly file: string;
}

/** One counted return's rows in the combined log. */
export interface CombinedPart {
  readonly office: string;
  readonly file: string;
  readonly entries: EntryTable;
}

/** The counted offices' log rows, office by office, in each log's order. */
export class CombinedLog {
  /** The number of rows. */
  readonly length: number;

  constructor(readonly parts: readonly CombinedPart[]) {
    this.length = parts.reduce((n, p) => n + p.entries.length, 0);
  }

  /** Calls `fn` with every row, in order (each entry a new object). */
  forEach(fn: (entry: LogEntry, office: string, file: string) => void): void {
    for (const { office, file, entries } of this.parts) {
      for (let i = 0; i < entries.length; i++) fn(entries.entry(i), office, file);
    }
  }

  /** Every row as an object, in order. */
  rows(): ConsolidatedRow[] {
    const out: ConsolidatedRow[] = [];
    this.forEach((entry, office, file) => out.push({ entry, office, file }));
    return out;
  }
}

/** The national workbook's sheets of the combined table rows (tips report finds them there). */
export const COMBINED_TABLE_SHEETS: CombinedSheets = {
  leads: "Combined Leads",
  materials: "Combined Materials",
  media: "Combined Media Canvass",
};

/** One counted return's optional tables (its rows go on the combined sheets). */
export interface CombinedTablesPart {
  readonly office: string;
  readonly file: string;
  readonly tables: TablesAnalysis;
}

export interface NationalReport {
  readonly period: FiscalPeriod;
  /** Quarter = sum of the counted offices' quarters; Cumulative = sum of their cumulatives. */
  readonly figures: ChartFigures;
  /** The sum of the counted offices' opening balances (so that the log re-tallies to figures). */
  readonly opening: Figures;
  readonly offices: readonly OfficeFigures[];
  readonly statuses: readonly StatusRow[];
  readonly log: CombinedLog;
  /** The counted returns that have any of the optional tables, in office order. */
  readonly tableParts: readonly CombinedTablesPart[];
  /**
   * The national figures of those tables: lines and open leads summed over the counted returns,
   * the medians from the combined rows. A table no counted return has is absent.
   */
  readonly tables: TablesFigures;
  /** Notes about the whole consolidation (not about one file). */
  readonly notes: readonly string[];
}

// ---- Office names -------------------------------------------------------------------------------

/** Offices are matched by name with case and spacing ignored. */
export function officeKey(name: string): string {
  return name.normalize("NFC").toLowerCase().replace(/\s+/g, "");
}

/** The roster name an unknown office's name is probably a misspelling of. */
function closestOffice(name: string, roster: readonly string[]): string | undefined {
  return closestMatch(name, roster, officeKey, 5);
}

// ---- Small helpers ------------------------------------------------------------------------------

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A line's name as the tables print it: "NGO New Contact", "LE Training Presentations". */
export function lineName(key: LineKey): string {
  const l = CHART_LINE[key];
  const section = l.section === "ngo" ? "NGO" : "LE";
  if (!l.training) return `${section} ${l.label}`;
  const what = key.endsWith("presentations")
    ? "Presentations"
    : key.endsWith("agencies")
      ? "Agencies"
      : "Attendees";
  return `${section} Training ${what}`;
}

/** A cell of a hand-filled chart as a number, or undefined when blank or not a number. */
function writtenNumber(v: CellValue): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const t = v.trim().replace(/,/g, "");
    if (t === "") return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : NaN;
  }
  return NaN;
}

function isBlankCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Where the hand-entered chart and the figures from the return's own log disagree. */
export function chartMismatches(written: WrittenChart, figures: ChartFigures): string[] {
  const out: string[] = [];
  for (const key of LINE_KEYS) {
    const cells = written[key];
    if (!cells) continue;
    for (const column of ["quarter", "cumulative"] as const) {
      const cell = cells[column];
      const expected = figures[column][key];
      const n = writtenNumber(cell);
      if (n === expected || (n === undefined && expected === 0)) continue;
      const shown = n === undefined ? "blank" : Number.isNaN(n) ? `"${String(cell)}"` : String(n);
      out.push(
        `${lineName(key)} ${column === "quarter" ? "Quarter" : "Cumulative"}: chart ${shown}, log ${expected}`
      );
    }
  }
  return out;
}

function chartNotes(written: WrittenChart | undefined, figures: ChartFigures): string[] {
  if (!written) return [];
  const all = LINE_KEYS.flatMap((k) => [written[k]?.quarter, written[k]?.cumulative]);
  if (all.every((v) => isBlankCell(v ?? null))) {
    return ["its chart was left blank: the figures are taken from its log"];
  }
  const diffs = chartMismatches(written, figures);
  if (diffs.length === 0) return [];
  const shown = diffs.slice(0, 4).join("; ");
  const more = diffs.length > 4 ? `; and ${diffs.length - 4} more` : "";
  return [
    `its hand-entered chart differs from its own log in ${plural(diffs.length, "cell")} (the log's figures are used): ${shown}${more}`,
  ];
}

/** Parse the recorded submission time; undefined (and a note) when it is not a date-time. */
function submittedTime(text: string | undefined, notes: string[]): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const t = Date.parse(text.trim());
  if (Number.isNaN(t)) {
    notes.push(
      `its recorded submission time "${text}" is not a date-time: the file's time is used`
    );
    return undefined;
  }
  return t;
}

/** A finding in one line, for the Return Status table: "row 14, Date (A14): Date is missing." */
export function findingLine(f: Finding): string {
  const where = f.row > 0 ? `row ${f.row}` : "the log";
  const column = f.column ? `, ${f.column}${f.cell ? ` (${f.cell})` : ""}` : "";
  return `${where}${column}: ${f.message}`;
}

// ---- One return, as the consolidation keeps it -----------------------------------------------

/**
 * What is kept of one file: small, so that a hundred returns of thousands of rows do not keep
 * their cells alive (only the entries of returns that may count are kept).
 */
interface Record_ {
  readonly index: number;
  readonly file: string;
  readonly modified: number;
  readonly time: number;
  readonly submitted?: string;
  readonly kind: "report" | UnreadableKind;
  readonly office?: string;
  readonly key?: string;
  readonly period?: FiscalPeriod;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  readonly entries: EntryTable;
  readonly inQuarter: number;
  readonly figures?: ChartFigures;
  readonly opening?: Partial<Figures>;
  /** The optional tables, kept (like the entries) only where they may count. */
  readonly tables?: TablesAnalysis;
  /** Of `errors`, those in the optional tables. */
  readonly tableErrors: number;
  readonly findings: readonly Finding[];
  /** Notes true whatever the status (the unreadable reason, the submission time...). */
  readonly notes: readonly string[];
  /** The hand-entered chart vs its own log: said only for a counted return. */
  readonly chartNotes: readonly string[];
}

function recordOf(input: ReturnInput, index: number, period: FiscalPeriod): Record_ {
  const office = input.office?.trim() || undefined;
  const key = office ? officeKey(office) : undefined;
  if (input.kind !== "report") {
    return {
      index,
      file: input.file,
      modified: input.modified,
      time: input.modified,
      kind: input.kind,
      ...(office ? { office, key } : {}),
      rows: 0,
      errors: 0,
      warnings: 0,
      entries: EntryTable.EMPTY,
      inQuarter: 0,
      tableErrors: 0,
      findings: [],
      notes: [input.reason],
      chartNotes: [],
    };
  }
  const notes: string[] = [];
  const submitted = submittedTime(input.submitted, notes);
  const { report, tables } = input;
  const tableErrors = tables?.errors ?? 0;
  const errors = [...report.findings, ...(tables?.findings ?? [])].filter(
    (f) => f.severity === "error"
  );
  const mayCount = errors.length === 0 && office !== undefined && samePeriod(input.period, period);
  return {
    index,
    file: input.file,
    modified: input.modified,
    time: submitted ?? input.modified,
    ...(input.submitted !== undefined ? { submitted: input.submitted } : {}),
    kind: "report",
    ...(office ? { office, key } : {}),
    period: input.period,
    rows: report.log.dataRows,
    errors: report.errors + tableErrors,
    warnings: report.warnings + (tables?.warnings ?? 0),
    // Entries are kept only where they may count: a valid return for the period, with an office.
    entries: mayCount ? EntryTable.of(report.log.entries) : EntryTable.EMPTY,
    ...(mayCount && tables ? { tables } : {}),
    tableErrors,
    inQuarter: countInQuarter(report.log.entries, input.period),
    figures: report.figures,
    ...(input.opening ? { opening: input.opening } : {}),
    findings: errors.slice(0, FIRST_FINDINGS),
    notes,
    chartNotes: chartNotes(input.written, report.figures),
  };
}

// ---- Resolution: the status of every file ----------------------------------------------------

interface Resolved {
  readonly statuses: StatusRow[];
  readonly winners: Record_[];
  readonly notes: string[];
}

const byTimeThenName = (a: Record_, b: Record_): number =>
  b.time - a.time || (a.file < b.file ? 1 : a.file > b.file ? -1 : 0) || b.index - a.index;

function sameCounts(a: Record_, b: Record_): boolean {
  return (
    a.rows === b.rows &&
    a.figures !== undefined &&
    b.figures !== undefined &&
    LINE_KEYS.every(
      (k) =>
        a.figures!.quarter[k] === b.figures!.quarter[k] &&
        a.figures!.cumulative[k] === b.figures!.cumulative[k]
    )
  );
}

function resolve(
  period: FiscalPeriod,
  records: readonly Record_[],
  options: ConsolidateOptions
): Resolved {
  const rosterByKey = new Map<string, string>();
  const notes: string[] = [];
  for (const name of options.roster ?? []) {
    const trimmed = name.trim();
    if (trimmed === "") continue;
    const k = officeKey(trimmed);
    const seen = rosterByKey.get(k);
    if (seen !== undefined)
      notes.push(`the roster lists "${seen}" twice ("${trimmed}"): once is enough`);
    else rosterByKey.set(k, trimmed);
  }
  const roster = [...rosterByKey.values()];
  const displayName = (r: Record_): string | undefined =>
    r.key !== undefined ? (rosterByKey.get(r.key) ?? r.office) : undefined;

  const status = new Map<Record_, ReturnStatus>();
  const extra = new Map<Record_, string[]>();
  const note = (r: Record_, text: string): void => {
    const list = extra.get(r) ?? [];
    list.push(text);
    extra.set(r, list);
  };

  // Candidates for an office's return for the period: read returns with an office, for the
  // period. A return with no office cannot stand for any office.
  const groups = new Map<string, Record_[]>();
  for (const r of records) {
    if (r.kind !== "report") {
      status.set(r, UNREADABLE_STATUS[r.kind]);
      continue;
    }
    if (!samePeriod(r.period!, period)) {
      status.set(r, "other-period");
      note(r, `it is for ${formatPeriod(r.period!)}, not ${formatPeriod(period)}`);
      continue;
    }
    if (r.key === undefined) {
      status.set(r, "invalid");
      note(r, `it names no office: fill in the cell right of "Office:" and send it again`);
      continue;
    }
    const group = groups.get(r.key) ?? [];
    group.push(r);
    groups.set(r.key, group);
  }

  const winners: Record_[] = [];
  for (const group of groups.values()) {
    group.sort(byTimeThenName);
    const [winner, ...others] = group;
    if (winner.errors > 0) {
      status.set(winner, "invalid");
      const logErrors = winner.errors - winner.tableErrors;
      const where = [
        ...(logErrors > 0 ? [`its log has ${plural(logErrors, "error")}`] : []),
        ...(winner.tableErrors > 0
          ? [`its leads, materials or media tables have ${plural(winner.tableErrors, "error")}`]
          : []),
      ].join(" and ");
      note(
        winner,
        `${where}: its rows are not counted until the office fixes them and sends it again`
      );
    } else {
      status.set(winner, winner.inQuarter === 0 ? "nothing-to-report" : "received");
      winners.push(winner);
    }
    for (const other of others) {
      status.set(other, "superseded");
      const tie = other.time === winner.time;
      note(
        other,
        `${sameCounts(other, winner) ? "a duplicate of" : "replaced by"} the newer return ${winner.file}` +
          (tie
            ? ` (both dated ${new Date(winner.time).toISOString()}: the later file name wins)`
            : "")
      );
      if (tie) {
        note(winner, `${other.file} has the same time; this one was taken (the later file name)`);
      }
    }
    if (others.length > 0 && winner.errors > 0 && others.some((o) => o.errors === 0)) {
      note(
        winner,
        `an older valid return was not used instead: the newest return of an office is its return`
      );
    }
    if (roster.length > 0 && !rosterByKey.has(winner.key!)) {
      const guess = closestOffice(winner.office!, roster);
      note(
        winner,
        `"${winner.office}" is not on the roster` +
          (guess ? ` (is it "${guess}"?)` : "") +
          (winner.errors === 0 ? `: it is counted` : "")
      );
    }
  }

  // Cross-check against the previous quarter's national cumulative figures.
  const previous = options.previous;
  if (previous) {
    const where = previous.file ? ` (${previous.file})` : "";
    if (
      previous.period.fiscalYear === period.fiscalYear &&
      previous.period.quarter < period.quarter
    ) {
      const prior = new Map(previous.offices.map((o) => [officeKey(o.office), o]));
      for (const w of winners) {
        const p = prior.get(w.key!);
        if (!p) continue;
        const lower = LINE_KEYS.filter(
          (k) => p.cumulative[k] !== undefined && w.figures!.cumulative[k] < p.cumulative[k]!
        ).map((k) => `${lineName(k)} ${w.figures!.cumulative[k]} (was ${p.cumulative[k]})`);
        if (lower.length > 0) {
          note(
            w,
            `its cumulative is lower than in ${formatPeriod(previous.period)}${where} on ${plural(lower.length, "line")}: ${lower.join("; ")}`
          );
        }
      }
      const now = new Set(winners.map((w) => w.key));
      for (const o of previous.offices) {
        const k = officeKey(o.office);
        if (!now.has(k) && !rosterByKey.has(k) && !groups.has(k)) {
          notes.push(
            `${o.office} reported in ${formatPeriod(previous.period)}${where} but has no return for ${formatPeriod(period)}`
          );
        }
      }
    } else if (previous.period.fiscalYear < period.fiscalYear) {
      notes.push(
        `the previous national workbook${where} is for ${formatPeriod(previous.period)}: cumulative figures start again each fiscal year, so they were not compared`
      );
    } else {
      notes.push(
        `the previous national workbook${where} is for ${formatPeriod(previous.period)}, not a quarter before ${formatPeriod(period)}: not compared`
      );
    }
  }

  const rows: StatusRow[] = records.map((r) => {
    const s = status.get(r)!;
    const office = displayName(r);
    return {
      index: r.index,
      ...(office !== undefined ? { office } : {}),
      file: r.file,
      status: s,
      rows: r.rows,
      errors: r.errors,
      warnings: r.warnings,
      ...(r.period ? { period: r.period } : {}),
      modified: r.modified,
      time: r.time,
      ...(r.submitted !== undefined ? { submitted: r.submitted } : {}),
      notes: [...r.notes, ...(COUNTED.has(s) ? r.chartNotes : []), ...(extra.get(r) ?? [])],
      findings: s === "invalid" ? r.findings : [],
    };
  });
  for (const [k, name] of rosterByKey) {
    if (groups.has(k)) continue;
    const elsewhere = records.filter((r) => r.key === k);
    const why = elsewhere.length
      ? `only ${elsewhere.map((r) => `${r.file} (${statusOf(status.get(r)!, r)})`).join(", ")}`
      : "no file names this office";
    rows.push({
      office: name,
      status: "missing",
      rows: 0,
      errors: 0,
      warnings: 0,
      notes: [`no return for ${formatPeriod(period)}: ${why}`],
      findings: [],
    });
  }
  return { statuses: sortStatuses(rows), winners, notes };
}

function statusOf(s: ReturnStatus, r: Record_): string {
  return s === "other-period" && r.period ? `for ${formatPeriod(r.period)}` : s;
}

const STATUS_ORDER: Readonly<Record<ReturnStatus, number>> = Object.fromEntries(
  RETURN_STATUSES.map((s, i) => [s, i])
) as Record<ReturnStatus, number>;

/** By office (offices that name none last), the counted return first, then by file name. */
function sortStatuses(rows: StatusRow[]): StatusRow[] {
  const name = (r: StatusRow): string => r.office?.toLowerCase() ?? "\uffff";
  return rows.sort(
    (a, b) =>
      (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (b.time ?? 0) - (a.time ?? 0) ||
      (a.file ?? "").localeCompare(b.file ?? "")
  );
}

// ---- The consolidation ------------------------------------------------------------------------

/**
 * Returns are added one by one (the task pane shows the status table as it fills); `statuses()`
 * is the table so far, `finish()` the national report. `consolidate()` does all at once.
 */
export class Consolidation {
  private readonly records: Record_[] = [];

  constructor(
    readonly period: FiscalPeriod,
    readonly options: ConsolidateOptions = {}
  ) {}

  /** Add one file. Its status, as things stand, is in `statuses()` (resolved only when asked). */
  add(input: ReturnInput): void {
    this.records.push(recordOf(input, this.records.length, this.period));
  }

  get count(): number {
    return this.records.length;
  }

  /** The Return Status table as it stands after the files added so far. */
  statuses(): StatusRow[] {
    return resolve(this.period, this.records, this.options).statuses;
  }

  finish(): NationalReport {
    const { statuses, winners, notes } = resolve(this.period, this.records, this.options);
    const statusOfWinner = new Map(
      statuses.filter((s) => COUNTED.has(s.status)).map((s) => [s.index, s])
    );
    const quarter = zeroFigures();
    const cumulative = zeroFigures();
    const opening = zeroFigures();
    const offices: OfficeFigures[] = [];
    const log: CombinedPart[] = [];
    const tableParts: CombinedTablesPart[] = [];
    // Office order as the status table: by name.
    const ordered = [...winners].sort((a, b) =>
      a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : a.index - b.index
    );
    for (const w of ordered) {
      const row = statusOfWinner.get(w.index)!;
      const office = row.office!;
      addFigures(quarter, w.figures!.quarter);
      addFigures(cumulative, w.figures!.cumulative);
      if (w.opening) addFigures(opening, w.opening);
      offices.push({
        office,
        file: w.file,
        status: row.status as OfficeFigures["status"],
        figures: w.figures!,
        rows: w.rows,
      });
      log.push({ office, file: w.file, entries: w.entries });
      if (w.tables && (w.tables.leads || w.tables.materials || w.tables.media))
        tableParts.push({ office, file: w.file, tables: w.tables });
    }
    return {
      period: this.period,
      figures: { quarter, cumulative },
      opening,
      offices,
      statuses,
      log: new CombinedLog(log),
      tableParts,
      tables: combineTables(
        tableParts.map((p) => p.tables),
        this.period,
        COMBINED_TABLE_SHEETS
      ),
      notes,
    };
  }
}

/** The national report from every file given, at once. */
export function consolidate(
  period: FiscalPeriod,
  inputs: readonly ReturnInput[],
  options: ConsolidateOptions = {}
): NationalReport {
  const c = new Consolidation(period, options);
  for (const input of inputs) c.add(input);
  return c.finish();
}

/** "3 received, 1 missing, ...": the counts of each status, in the statuses' order. */
export function statusSummary(statuses: readonly StatusRow[]): string {
  const counts = RETURN_STATUSES.map(
    (s) => [s, statuses.filter((r) => r.status === s).length] as const
  ).filter(([, n]) => n > 0);
  return counts.length === 0 ? "no returns" : counts.map(([s, n]) => `${n} ${s}`).join(", ");
}

/** True when something needs HQ's attention: a file not counted that is not simply superseded. */
export function needsAttention(statuses: readonly StatusRow[]): boolean {
  return statuses.some(
    (s) => s.status === "invalid" || s.status === "not-a-return" || s.status === "missing"
  );
}
