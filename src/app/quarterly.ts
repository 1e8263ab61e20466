/**
 * The quarterly report over any workbook: find its period, office, chart and log; compute the
 * figures, findings and narrative; and fill the cells the add-in owns. The command line and the
 * task pane both call this, through their own adapter.
 */
import { Figures, LINE_KEYS } from "../core/chart";
import { Day, dayFromSerial, usDate } from "../core/dates";
import { CellValue, ParsedLog, isBlank, readLog } from "../core/log";
import { OutsideFiscalYear, checkLog, outsideFiscalYear } from "../core/checks";
import { Finding } from "../core/findings";
import { Narrative, ProspectiveTraining, buildNarrative } from "../core/narrative";
import {
  FiscalPeriod,
  PERIOD_NOTATIONS,
  formatPeriod,
  parsePeriod,
  periodFromTitle,
  titleWithPeriod,
} from "../core/period";
import { Report, analyze } from "../core/report";
import { SETTING, decodeOpening, openingKey } from "../core/settings";
import {
  ChartLayout,
  LogLocation,
  OFFICE_PLACEHOLDER,
  findChart,
  findLog,
  findProspective,
  findReportSheet,
} from "../workbook/layout";
import { CellWrite, SheetGrid, WorkbookPort } from "../workbook/port";
import { REPORT_PRINT } from "../workbook/print-setup";
import { fiscalYearText } from "../workbook/seed-layout";
import {
  BLOCK_NAME_PREFIX,
  Block,
  BlockStep,
  FigureBlock,
  planBlocks,
} from "../workbook/ownership";
import { loadTables, reportBlocks } from "./tables";
import { tablesFigures } from "../core/office-tables";

/** The workbook names no period and none was given. */
export class NoPeriodError extends Error {
  override name = "NoPeriodError";
  constructor() {
    super(
      `the workbook does not say which quarter it reports (no period in its title or settings): give one, such as ${PERIOD_NOTATIONS}.`
    );
  }
}

export interface QuarterlyOptions {
  /** Any notation of the spec; otherwise the workbook's settings, then its title. */
  readonly period?: string;
  readonly office?: string;
  readonly today?: Day;
}

export interface Quarterly {
  readonly period: FiscalPeriod;
  readonly office?: string;
  readonly reportGrid: SheetGrid;
  readonly chart: ChartLayout;
  readonly log: LogLocation;
  readonly report: Report;
  readonly narrative: Narrative;
  readonly opening?: Partial<Figures>;
}

async function resolvePeriod(
  port: WorkbookPort,
  chart: ChartLayout,
  given?: string
): Promise<FiscalPeriod> {
  const date1904 = await port.date1904();
  if (given !== undefined && given.trim() !== "") return parsePeriod(given, date1904);
  const saved = await port.getSetting(SETTING.period);
  if (saved) return parsePeriod(saved, date1904);
  const fromTitle = chart.title ? periodFromTitle(chart.title.text) : undefined;
  if (fromTitle) return fromTitle;
  throw new NoPeriodError();
}

async function resolveOffice(
  port: WorkbookPort,
  chart: ChartLayout,
  given?: string
): Promise<string | undefined> {
  if (given?.trim()) return given.trim();
  const fromCell = chart.office?.text.trim();
  if (fromCell && fromCell !== OFFICE_PLACEHOLDER) return fromCell;
  return (await port.getSetting(SETTING.office))?.trim() || undefined;
}

function prospectiveEntries(
  rows: CellValue[][] | undefined,
  date1904: boolean
): ProspectiveTraining[] {
  const text = (v: CellValue): string => {
    if (typeof v === "number") {
      const d = dayFromSerial(v, date1904);
      return d.ok ? usDate(d.day) : String(v);
    }
    return isBlank(v) ? "" : String(v).trim();
  };
  return (rows ?? []).map((r) => ({
    tentativeDate: text(r[0]),
    event: text(r[1]),
    audience: text(r[2]),
    agenda: text(r[3]),
    logistics: text(r[4]),
    hqParticipation: text(r[5]),
  }));
}

/** Everything the report needs from a workbook. Throws LayoutError, PeriodError, NoPeriodError. */
export async function loadQuarterly(
  port: WorkbookPort,
  options: QuarterlyOptions = {}
): Promise<Quarterly> {
  const reportGrid = await findReportSheet(port);
  const chart = findChart(reportGrid);
  const log = await findLog(port);
  const period = await resolvePeriod(port, chart, options.period);
  const office = await resolveOffice(port, chart, options.office);
  const openingText = await port.getSetting(openingKey(period.fiscalYear));
  const opening = openingText
    ? decodeOpening(openingText, openingKey(period.fiscalYear))
    : undefined;
  const report = analyze({ log: log.grid, period, opening, today: options.today });
  let narrative: Narrative | undefined;
  const prospective = prospectiveEntries(await findProspective(port), await port.date1904());
  return {
    period,
    office,
    reportGrid,
    chart,
    log,
    report,
    // Built on first use: filling needs the bullets, a report of the figures does not.
    get narrative(): Narrative {
      return (narrative ??= buildNarrative(report.log.entries, period, prospective));
    },
    ...(opening ? { opening } : {}),
  };
}

export interface LogCheck {
  readonly log: LogLocation;
  readonly parsed: ParsedLog;
  readonly findings: Finding[];
  readonly errors: number;
  /** The period the workbook or the user named, if any: its fiscal year is the one reported. */
  readonly period?: FiscalPeriod;
  /** The rows of other fiscal years (only with a period). */
  readonly outsideFiscalYear?: OutsideFiscalYear;
}

/** Check the log. Needs no chart: a workbook that is only a log can be checked. */
export async function checkWorkbook(
  port: WorkbookPort,
  options: QuarterlyOptions = {}
): Promise<LogCheck> {
  const log = await findLog(port);
  let period: FiscalPeriod | undefined;
  if (options.period?.trim()) period = parsePeriod(options.period, await port.date1904());
  else {
    const saved = await port.getSetting(SETTING.period);
    if (saved) period = parsePeriod(saved, await port.date1904());
    else {
      const grid = await findReportSheet(port).catch(() => undefined);
      const title = grid ? findChart(grid).title : undefined;
      period = title ? periodFromTitle(title.text) : undefined;
    }
  }
  const parsed = readLog(log.grid);
  const findings = checkLog(parsed, { today: options.today });
  const errors = findings.filter((f) => f.severity === "error").length;
  return {
    log,
    parsed,
    findings,
    errors,
    ...(period ? { period, outsideFiscalYear: outsideFiscalYear(parsed.entries, period) } : {}),
  };
}

/** The title with the period's dates and the office's name in place of the placeholder. */
export function filledTitle(title: string, period: FiscalPeriod, office?: string): string {
  const dated = titleWithPeriod(title, period);
  if (!office) return dated;
  if (dated.includes(OFFICE_PLACEHOLDER)) return dated.replace(OFFICE_PLACEHOLDER, office);
  // A title filled before: whatever follows the date range is the office's name.
  const m = /^(.*\d{1,2}\/\d{1,2}\/\d{2,4})(.*)$/.exec(dated);
  return m ? `${m[1]} ${office}` : dated;
}

/** The cells filling writes around the chart: figures, title, fiscal year and office. */
export function fillWrites(q: Quarterly): CellWrite[] {
  const { chart, report } = q;
  const writes: CellWrite[] = [];
  for (const key of LINE_KEYS) {
    const row = chart.lineRows[key];
    writes.push({ row, col: chart.quarterCol, value: report.figures.quarter[key] });
    writes.push({ row, col: chart.cumulativeCol, value: report.figures.cumulative[key] });
  }
  if (chart.title) {
    writes.push({
      row: chart.title.row,
      col: chart.title.col,
      value: filledTitle(chart.title.text, q.period, q.office),
    });
  }
  if (chart.fiscalYear)
    writes.push({
      row: chart.fiscalYear.row,
      col: chart.fiscalYear.col,
      value: fiscalYearText(q.period),
    });
  if (chart.office && q.office)
    writes.push({ row: chart.office.row, col: chart.office.col, value: q.office });
  return writes;
}

/**
 * The steps that rewrite the add-in's own blocks of bullets (ownership.ts): where the workbook
 * records them, or, in a workbook an earlier version filled, where its hard-wrapped bullets are.
 */
export async function planFillBlocks(
  port: WorkbookPort,
  q: Quarterly,
  figureBlocks: readonly FigureBlock[] = []
): Promise<BlockStep[]> {
  const names = await port.namedRanges(BLOCK_NAME_PREFIX);
  const blocks: Record<string, Block> = {};
  for (const { name, range: r } of names) {
    if (r && r.sheet.toUpperCase() === q.chart.sheet.toUpperCase())
      blocks[name.toUpperCase()] = { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  }
  const legacy = names.length === 0 && (await port.getSetting(SETTING.period)) !== undefined;
  const columns = Object.values(q.chart.narrative).map((r) => r.col);
  const columnWidths = new Map<number, number>();
  if (columns.length > 0) {
    const from = Math.min(...columns);
    const widths = await port.columnWidths(
      q.chart.sheet,
      from,
      Math.max(q.chart.cumulativeCol, ...columns)
    );
    widths.forEach((w, i) => columnWidths.set(from + i, w));
  }
  return planBlocks({
    grid: q.reportGrid,
    chart: q.chart,
    blocks,
    legacy,
    bullets: q.narrative,
    columnWidths,
    figureBlocks,
  });
}

export class FillRefusedError extends Error {
  override name = "FillRefusedError";
}

export interface FillResult {
  readonly cells: number;
  /** Rows left out because they have errors (only with force). */
  readonly leftOut: number;
  /** Errors in the optional tables (their rows are left out of the blocks' figures). */
  readonly tableErrors: number;
}

/** Fill the workbook's report. Refuses while the log has errors, unless forced. */
export async function fillQuarterly(
  port: WorkbookPort,
  q: Quarterly,
  options: { force?: boolean } = {}
): Promise<FillResult> {
  if (q.report.errors > 0 && !options.force) {
    throw new FillRefusedError(
      `the log has ${q.report.errors} error${q.report.errors === 1 ? "" : "s"} in ${q.report.log.invalidRows} row${q.report.log.invalidRows === 1 ? "" : "s"}: fix them, or fill anyway leaving those rows out.`
    );
  }
  const writes = fillWrites(q);
  // The optional tables' blocks; their rows with errors are left out of the figures, as the
  // report and the check say (they do not stop the chart being filled).
  const tables = await loadTables(port, { period: q.period, log: q.report.log.entries });
  const steps = await planFillBlocks(port, q, reportBlocks(tablesFigures(tables.analysis)));
  await port.writeCells(q.chart.sheet, writes);
  await port.applyBlockSteps(q.chart.sheet, steps);
  await port.applyPrintSetup(q.chart.sheet, REPORT_PRINT);
  await port.setSetting(SETTING.period, formatPeriod(q.period));
  if (q.office) await port.setSetting(SETTING.office, q.office);
  const blockCells = steps.reduce((n, st) => n + (st.kind === "write" ? st.writes.length : 0), 0);
  return {
    cells: writes.length + blockCells,
    leftOut: q.report.log.invalidRows,
    tableErrors: tables.analysis.errors,
  };
}
