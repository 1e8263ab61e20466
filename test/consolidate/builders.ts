/**
 * Builders for the consolidation tests: log rows as an office types them, returns analysed by the
 * engine for their own period, and the files HQ receives.
 */
import { ChartFigures, LINE_KEYS, Figures } from "../../src/core/chart";
import { ReturnedReport, WrittenChart } from "../../src/core/consolidate";
import { dayFromYmd, serialFromDay } from "../../src/core/dates";
import { CellValue } from "../../src/core/log";
import { FiscalPeriod, parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import { LOG_HEADERS } from "../../src/core/vocabulary";

export const Q3 = parsePeriod("FY2007 Q3");
export const Q2 = parsePeriod("FY2007 Q2");

export const serial = (y: number, m: number, d: number): number =>
  serialFromDay(dayFromYmd(y, m, d), false);

export type Row = (string | number | null)[];

/** Rows in LOG_HEADERS order. */
export const ngoNew = (date: number, agency = "Houston Shelter"): Row => [
  date,
  "NGO",
  null,
  "New Contact",
  agency,
  "Ann Lee",
  "Director",
  null,
  null,
  null,
  "Intro to ICE TIPS",
  "N",
];
export const leFollow = (date: number, level = "Local", agency = "Houston PD"): Row => [
  date,
  "Law Enforcement",
  level,
  "Follow Up Contact",
  agency,
  null,
  null,
  null,
  null,
  null,
  "Referral protocol",
  null,
];
export const leNew = (date: number, level = "State", agency = "Houston PD"): Row => [
  date,
  "LE",
  level,
  "New Contact",
  agency,
  "Sgt Diaz",
  "Sergeant",
  null,
  null,
  null,
  "Met the vice unit",
  null,
];
export const training = (
  date: number,
  sector: "NGO" | "Law Enforcement",
  counts: [number, number, number],
  agency = "Training Host"
): Row => [
  date,
  sector,
  sector === "NGO" ? null : "Federal",
  "Training/Seminar",
  agency,
  null,
  null,
  counts[0],
  counts[1],
  counts[2],
  "Indicators of trafficking",
  "Y",
];
/** A row with an error: Agency missing. */
export const broken = (date: number): Row => [
  date,
  "NGO",
  null,
  "Requested Services",
  null,
  null,
  null,
  null,
  null,
  null,
  "Shelter beds",
  null,
];

export interface ReturnSpec {
  file: string;
  office?: string;
  period?: FiscalPeriod;
  rows: Row[];
  modified?: number;
  submitted?: string;
  written?: WrittenChart;
  opening?: Partial<Figures>;
}

export function returned(spec: ReturnSpec): ReturnedReport {
  const period = spec.period ?? Q3;
  const values: CellValue[][] = [[...LOG_HEADERS], ...spec.rows.map((r) => [...r])];
  const report = analyze({
    log: { values, top: 1, left: 1, header: "required" },
    period,
    ...(spec.opening ? { opening: spec.opening } : {}),
  });
  return {
    kind: "report",
    file: spec.file,
    modified: spec.modified ?? Date.UTC(2007, 6, 5),
    ...(spec.office !== undefined ? { office: spec.office } : {}),
    period,
    report,
    ...(spec.written ? { written: spec.written } : {}),
    ...(spec.submitted !== undefined ? { submitted: spec.submitted } : {}),
    ...(spec.opening ? { opening: spec.opening } : {}),
  };
}

/** The chart as an office would hand-fill it from these figures. */
export function writtenFrom(figures: ChartFigures): WrittenChart {
  return Object.fromEntries(
    LINE_KEYS.map((k) => [k, { quarter: figures.quarter[k], cumulative: figures.cumulative[k] }])
  );
}
