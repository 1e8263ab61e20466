/**
 * The one call every face makes: a log's cells and a period in, the chart's figures, the
 * findings and the narrative out. If two faces disagree on a figure, the bug is not here.
 */
import { ChartFigures, Figures } from "./chart";
import { OutsideFiscalYear, checkLog, outsideFiscalYear } from "./checks";
import { Day } from "./dates";
import { Finding } from "./findings";
import { LogGrid, ParsedLog, readLog } from "./log";
import { FiscalPeriod } from "./period";
import { tally } from "./tally";

export interface ReportInput {
  readonly log: LogGrid;
  readonly period: FiscalPeriod;
  /** The office's opening balance for the period's fiscal year, if one is recorded. */
  readonly opening?: Partial<Figures>;
  readonly today?: Day;
}

export interface Report {
  readonly period: FiscalPeriod;
  readonly figures: ChartFigures;
  readonly findings: Finding[];
  readonly errors: number;
  readonly warnings: number;
  /** The counted rows of other fiscal years: said once, not a warning per row. */
  readonly outsideFiscalYear: OutsideFiscalYear;
  readonly log: ParsedLog;
}

export function analyze(input: ReportInput): Report {
  const log = readLog(input.log);
  return analyzeParsed(log, input);
}

/** The same, over a log already read (custom functions cache the parsed log). */
export function analyzeParsed(log: ParsedLog, input: Omit<ReportInput, "log">): Report {
  const findings = checkLog(log, { today: input.today });
  const errors = findings.filter((f) => f.severity === "error").length;
  return {
    period: input.period,
    figures: tally(log.entries, input.period, input.opening),
    findings,
    errors,
    warnings: findings.length - errors,
    outsideFiscalYear: outsideFiscalYear(log.entries, input.period),
    log,
  };
}
