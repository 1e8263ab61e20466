/*
 * Custom functions (=TIPS.*). Each one is a few lines of argument handling around a core call:
 * arguments.ts turns Excel's arguments into the engine's input, cache.ts reads each log once, and
 * the figures are tally()'s, the same `analyze` gives `tips report`.
 *
 * The JSDoc `@customfunction` tags are the single source of the function metadata: at build time
 * CustomFunctionsMetadataPlugin generates dist/functions.json from them and appends the
 * `CustomFunctions.associate(id, fn)` calls to this module. Never write either by hand, and never
 * change a function id once shipped (workbooks store it): QUARTER, CUMULATIVE, CHART, CHECK,
 * FISCALPERIOD, LEADS, MATERIALS, MEDIA, ANNUAL.
 *
 * This file is loaded by the task pane page (shared runtime), by Excel's JavaScript-only functions
 * runtime (no DOM), and outside Excel by the browser-only mode and the bundle test: it must not
 * touch `window` or `document`. Every function is synchronous: it returns or throws at once, so no
 * cell is ever left at #BUSY!.
 */
import { FORM_ROWS } from "../core/chart";
import { outsideFiscalYearText } from "../core/checks";
import {
  LEAD_LINES,
  MEDIAN_DAYS_LABEL,
  OPEN_AT_END_LABEL,
  leadFigures,
  readLeads,
} from "../core/leads";
import { CellValue, LogGrid, LogLayoutError } from "../core/log";
import { MATERIAL_LINES, materialFigures, readMaterials } from "../core/materials";
import { MEDIA_LINES, mediaFigures, readMedia } from "../core/media";
import { OutreachPartners } from "../core/partners";
import { PeriodError, formatPeriod, parseFiscalYear, periodOfDay } from "../core/period";
import { TableLayoutError } from "../core/table";
import { FigureLine, TableFigures, figureRows } from "../core/table-figures";
import { LINE_KEYS } from "../core/chart";
import {
  ArgumentError,
  RangeOrigin,
  checkParsedRange,
  dayFromArgument,
  lineFromArgument,
  logGridFromRange,
  optionalPeriodFromArgument,
  originFromAddress,
  periodFromArgument,
  tableGridFromRange,
  READABLE_LINE_NAMES,
} from "./arguments";
import { CachedLog, LogCache, LookupOptions, TableCache } from "./cache";
import {
  WorkbookFactError,
  WorkbookFactsSource,
  excelFactsReader,
  excelRecalculate,
  openingFor,
} from "./workbook-facts";

/*
 * Outside Excel (browser-only mode) there is no `CustomFunctions` global. Give the generated
 * `associate` calls at the end of this module a harmless target so the page still loads.
 */
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

/** The parsed logs, by content (see cache.ts). Exported for the tests and the bench. */
export const logCache = new LogCache();
/** The parsed leads, materials and media tables, by content (see cache.ts). */
export const tableCache = new TableCache();

/**
 * The workbook's date system and opening balances (see workbook-facts.ts): read through the Excel
 * API where there is one (shared runtime), else the 1900 system and no opening balance.
 */
export const workbook = new WorkbookFactsSource(excelFactsReader(), excelRecalculate);
void workbook.refresh();

/** What a cell shows when TIPS.CHECK finds nothing. */
export const NO_PROBLEMS = "No problems found";

/** TIPS.CHECK's severity for its summary row: not a finding, nothing to fix. */
export const NOTE = "note";

/** A spilled result: numbers and text (never null, which Excel would show as 0). */
type ChartCells = (number | string)[][];

/**
 * The quarter figure of one line of the Human Trafficking Outreach chart, counted from the log.
 * @customfunction QUARTER
 * @param {any[][]} log The outreach log with its header row, e.g. OutreachLog[#All] or 'Outreach Log'!A1:L500.
 * @param {string} line The chart line: "NGO New Contact", "LE Local", "LE Attendees", or a key such as "le.local".
 * @param {any} period The reporting period: "FY2007 Q3", "FY07 Q3", "2007Q3", "Q3 FY2007", or a date in the quarter.
 * @returns {number} The line's figure for the quarter.
 */
export function quarter(log: any[][], line: string, period: any): number {
  return lineFigure("quarter", log, line, period);
}

/**
 * The fiscal-year-to-date figure of one line of the chart: from 1 October through the end of the quarter, plus the opening balance recorded for the fiscal year, if any.
 * @customfunction CUMULATIVE
 * @param {any[][]} log The outreach log with its header row, e.g. OutreachLog[#All] or 'Outreach Log'!A1:L500.
 * @param {string} line The chart line: "NGO New Contact", "LE Local", "LE Attendees", or a key such as "le.local".
 * @param {any} period The reporting period: "FY2007 Q3", "FY07 Q3", "2007Q3", "Q3 FY2007", or a date in the quarter.
 * @returns {number} The line's figure from the start of the fiscal year through the quarter.
 */
export function cumulative(log: any[][], line: string, period: any): number {
  return lineFigure("cumulative", log, line, period);
}

/** One line's figure, Quarter or Cumulative (TIPS.QUARTER, TIPS.CUMULATIVE). */
function lineFigure(
  column: "quarter" | "cumulative",
  log: unknown,
  line: unknown,
  period: unknown
): number {
  return excelErrors(() => {
    const facts = workbook.current();
    const cached = logForFigures(log, facts.date1904);
    const p = periodFromArgument(period, facts.date1904);
    return cached.figures(p, openingFor(facts, p.fiscalYear))[column][lineFromArgument(line)];
  });
}

/**
 * The whole chart, Quarter and Cumulative, as 19 rows by 2 columns aligned with the form's rows from "Non-Government Organization" to the last "Members in attendance". Type it in the Quarter cell of the "Non-Government Organization" row.
 * @customfunction CHART
 * @param {any[][]} log The outreach log with its header row, e.g. OutreachLog[#All] or 'Outreach Log'!A1:L500.
 * @param {any} period The reporting period: "FY2007 Q3", "FY07 Q3", "2007Q3", "Q3 FY2007", or a date in the quarter.
 * @returns {any[][]} Quarter and Cumulative figures for the 15 lines; empty text on the 4 heading rows.
 */
export function chart(log: any[][], period: any): any[][] {
  return excelErrors((): ChartCells => {
    const facts = workbook.current();
    const cached = logForFigures(log, facts.date1904);
    const p = periodFromArgument(period, facts.date1904);
    const f = cached.figures(p, openingFor(facts, p.fiscalYear));
    return FORM_ROWS.map((row) =>
      row.kind === "heading" ? ["", ""] : [f.quarter[row.line.key], f.cumulative[row.line.key]]
    );
  });
}

/**
 * The problems in the outreach log, one per row: worksheet row, column, severity (error or warning) and what to fix. "No problems found" when there are none. With a period, a last row (severity "note") says how many rows of other fiscal years are not counted.
 * @customfunction CHECK
 * @param {any[][]} log The outreach log with its header row, e.g. OutreachLog[#All] or 'Outreach Log'!A1:L500.
 * @param {any} [period] Optional: the reporting period, "FY2007 Q3" or a date in the quarter; rows of other fiscal years are then counted once, in a note.
 * @param {CustomFunctions.Invocation} invocation Where the log range is, for worksheet row numbers.
 * @returns {any[][]} The findings: row, column, severity, message.
 * @requiresParameterAddresses
 */
export function check(log: any[][], period: any, invocation: CustomFunctions.Invocation): any[][] {
  return excelErrors((): ChartCells => {
    const origin = originFromAddress(invocation?.parameterAddresses?.[0]);
    const facts = workbook.current();
    const cached = logForFindings(log, facts.date1904, origin);
    const p = optionalPeriodFromArgument(period, facts.date1904);
    const rows: ChartCells = cached
      .findings()
      .map((f) => [f.row === 0 ? "" : f.row, f.column, f.severity, f.message]);
    const note = p && outsideFiscalYearText(cached.outsideFiscalYear(p));
    if (note) rows.push(["", "", NOTE, note]);
    return rows.length === 0 ? [[NO_PROBLEMS]] : rows;
  });
}

/**
 * The federal fiscal year and quarter of a date, such as "FY2007 Q3" for a date in April to June 2007. Fiscal year N runs from 1 October of N-1 to 30 September of N.
 * @customfunction FISCALPERIOD
 * @param {any} date A date, such as a cell holding 04/15/2007.
 * @returns {string} The fiscal period, such as "FY2007 Q3".
 */
export function fiscalPeriod(date: any): string {
  return excelErrors(() =>
    formatPeriod(periodOfDay(dayFromArgument(date, workbook.current().date1904)))
  );
}

/**
 * The Victim Leads block of the report, as 15 rows of label, Quarter, Cumulative: a line per source, Total, Interview requests, Responded to, Cases opened, From outreach partners, then Median days to respond and Open at period end (Quarter column). Rows with errors are not counted.
 * @customfunction LEADS
 * @param {any[][]} leads The Victim Leads table with its header row, e.g. VictimLeads[#All].
 * @param {any[][]} [log] Optional: the outreach log with its header row, for "From outreach partners" (leads whose Referring Agency the log reached on or before the lead came in); without it that line is 0.
 * @param {any} [period] The reporting period, needed for the figures (left out: #VALUE!, as in TIPS.QUARTER): "FY2007 Q3", "FY07 Q3", "2007Q3", "Q3 FY2007", or a date in the quarter.
 * @returns {any[][]} Label, Quarter and Cumulative for each line of the block.
 */
export function leads(leads: any[][], log: any[][], period: any): any[][] {
  return excelErrors((): ChartCells => {
    const facts = workbook.current();
    const parsed = readTableRange(leads, facts.date1904, "leads", "Victim Leads", readLeads);
    // An omitted argument arrives as null: no log, no lead from an outreach partner.
    const contacts =
      log === null || log === undefined ? [] : logForText(log, facts.date1904).parsed.entries;
    const p = periodFromArgument(period, facts.date1904);
    const f = leadFigures(parsed.entries, p, new OutreachPartners(contacts));
    const m = f.medianDaysToRespond;
    return [
      ...blockCells(f, LEAD_LINES),
      [MEDIAN_DAYS_LABEL, m.quarter ?? "", m.cumulative ?? ""],
      [OPEN_AT_END_LABEL, f.openAtPeriodEnd, ""],
    ];
  });
}

/**
 * The Outreach Materials block of the report, as 10 rows of label, Quarter, Cumulative: the quantities handed out, wallet cards by language, then each material. Rows with errors are not counted.
 * @customfunction MATERIALS
 * @param {any[][]} materials The Materials Distributed table with its header row, e.g. MaterialsDistributed[#All].
 * @param {any} [period] The reporting period, needed for the figures (left out: #VALUE!, as in TIPS.QUARTER): "FY2007 Q3", "FY07 Q3", "2007Q3", "Q3 FY2007", or a date in the quarter.
 * @returns {any[][]} Label, Quarter and Cumulative for each line of the block.
 */
export function materials(materials: any[][], period: any): any[][] {
  return excelErrors((): ChartCells => {
    const facts = workbook.current();
    const parsed = readTableRange(
      materials,
      facts.date1904,
      "materials",
      "Materials Distributed",
      readMaterials
    );
    return blockCells(
      materialFigures(parsed.entries, periodFromArgument(period, facts.date1904)),
      MATERIAL_LINES
    );
  });
}

/**
 * The Media Canvass block of the report, as 6 rows of label, Quarter, Cumulative: ads offering labor, education and travel, the total, translated, sent to HQ. Rows with errors are not counted.
 * @customfunction MEDIA
 * @param {any[][]} media The Media Canvass table with its header row, e.g. MediaCanvass[#All].
 * @param {any} [period] The reporting period, needed for the figures (left out: #VALUE!, as in TIPS.QUARTER): "FY2007 Q3", "FY07 Q3", "2007Q3", "Q3 FY2007", or a date in the quarter.
 * @returns {any[][]} Label, Quarter and Cumulative for each line of the block.
 */
export function media(media: any[][], period: any): any[][] {
  return excelErrors((): ChartCells => {
    const facts = workbook.current();
    const parsed = readTableRange(media, facts.date1904, "media", "Media Canvass", readMedia);
    return blockCells(
      mediaFigures(parsed.entries, periodFromArgument(period, facts.date1904)),
      MEDIA_LINES
    );
  });
}

/**
 * The year's chart lines: each of the 15 lines' fiscal-year cumulative (of Q4, which is that of the latest quarter the log reaches), with the opening balance recorded for the year, as 15 rows of the line's name and its figure.
 * @customfunction ANNUAL
 * @param {any[][]} log The outreach log with its header row, e.g. OutreachLog[#All] or 'Outreach Log'!A1:L500.
 * @param {any} [fy] The fiscal year: "FY2007", 2007, or a period or date in it. Left out: the fiscal year of the log's latest dated row.
 * @returns {any[][]} 15 rows: the line's name and its figure for the year.
 */
export function annual(log: any[][], fy?: any): any[][] {
  return excelErrors((): ChartCells => {
    const facts = workbook.current();
    const cached = logForFigures(log, facts.date1904);
    const year = fiscalYearFromArgument(fy, facts.date1904, cached);
    const p = { fiscalYear: year, quarter: 4 as const };
    const f = cached.figures(p, openingFor(facts, year)).cumulative;
    return LINE_KEYS.map((k, i) => [READABLE_LINE_NAMES[i], f[k]]);
  });
}

/** TIPS.ANNUAL's year: the argument's, else that of the log's latest valid row. */
function fiscalYearFromArgument(fy: unknown, date1904: boolean, log: CachedLog): number {
  if (fy === undefined || fy === null || fy === "") {
    const entries = log.parsed.entries;
    if (entries.length === 0)
      throw new ArgumentError('The log has no dated rows: give the fiscal year, e.g. "FY2007".');
    let latest = entries[0].date;
    for (const e of entries) if (e.date > latest) latest = e.date;
    return periodOfDay(latest).fiscalYear;
  }
  if (typeof fy !== "string" && typeof fy !== "number")
    throw new ArgumentError(`The fiscal year is ${String(fy)}: write it as "FY2007".`);
  try {
    return parseFiscalYear(fy, date1904);
  } catch (e) {
    throw e instanceof PeriodError ? new ArgumentError(e.message) : e;
  }
}

// ---- The edge: Excel's range in, CustomFunctions.Error out ---------------------------------------

/** The log for figures (QUARTER, CUMULATIVE, CHART): a copy whose free text differs is the same. */
function logForFigures(log: unknown, date1904: boolean): CachedLog {
  return readRange(logGridFromRange(log, date1904), { match: "figures" });
}

/** The log for findings (CHECK), which quote the text and name worksheet rows. */
function logForFindings(log: unknown, date1904: boolean, origin: RangeOrigin): CachedLog {
  return readRange(logGridFromRange(log, date1904, origin), { match: "cells", samePosition: true });
}

/** The log for what reads its text (TIPS.LEADS matches agencies by name): every cell the same. */
function logForText(log: unknown, date1904: boolean): CachedLog {
  return readRange(logGridFromRange(log, date1904), { match: "cells" });
}

/** A table range, read once per distinct content (see cache.ts). Throws TableLayoutError. */
function readTableRange<P>(
  range: unknown,
  date1904: boolean,
  kind: string,
  what: string,
  read: (grid: ReturnType<typeof tableGridFromRange>) => P
): P {
  const grid = tableGridFromRange(range, date1904, what);
  return tableCache.get(kind, range as CellValue[][], date1904, () =>
    read({ ...grid, sheet: what })
  );
}

/** A block's lines as label, Quarter, Cumulative cells. */
function blockCells<K extends string>(
  figures: TableFigures<K>,
  lines: readonly FigureLine<K>[]
): ChartCells {
  return figureRows(figures, lines).map((r) => [r.label, r.quarter, r.cumulative]);
}

/** The log range, read once per distinct content (see cache.ts), refused when unusable. */
function readRange(grid: LogGrid, options: LookupOptions): CachedLog {
  const cached = logCache.get(grid, options);
  checkParsedRange(cached.parsed);
  return cached;
}

/** Run a function's body; anything thrown becomes an Excel error with a message. */
function excelErrors<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw excelError(e);
  }
}

function excelError(e: unknown): CustomFunctions.Error {
  const { Error: ExcelError, ErrorCode } = CustomFunctions;
  if (e instanceof ArgumentError || e instanceof PeriodError || e instanceof WorkbookFactError) {
    return new ExcelError(ErrorCode.invalidValue, e.message);
  }
  if (e instanceof LogLayoutError || e instanceof TableLayoutError) {
    return new ExcelError(ErrorCode.invalidValue, e.message[0].toUpperCase() + e.message.slice(1));
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new ExcelError(ErrorCode.notAvailable, `TIPS could not compute this: ${detail}`);
}
