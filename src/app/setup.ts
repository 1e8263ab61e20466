/**
 * "Set up this workbook": look at what a workbook has (report chart, log, Prospective Training
 * table, the Victim Leads, Materials Distributed and Media Canvass tables, settings) and add what is missing, in the seed's layout, without touching what is there;
 * then the LES/FOUO marking in every sheet's header and footer where it is missing and free.
 */
import { readLog } from "../core/log";
import { FiscalPeriod, formatPeriod, periodFromTitle, tryParsePeriod } from "../core/period";
import { SETTING } from "../core/settings";
import {
  LOG_SHEET,
  LOG_TABLE,
  LayoutError,
  OFFICE_PLACEHOLDER,
  OPTIONAL_TABLES,
  OptionalTable,
  TableLocation,
  findOptionalTables,
  PROSPECTIVE_SHEET,
  PROSPECTIVE_TABLE,
  REPORT_SHEET,
  findChart,
  findLog,
  findReportSheet,
  sameName,
} from "../workbook/layout";
import { MarkSheetsResult } from "../workbook/marking";
import { WorkbookPort } from "../workbook/port";
import {
  TableRowValues,
  leadsSheet,
  logSheet,
  materialsSheet,
  mediaSheet,
  prospectiveSheet,
  reportSheet,
} from "../workbook/seed-layout";
import { SheetSpec } from "../workbook/sheet-spec";
import { assessmentSheet } from "../workbook/assessment-layout";
import { ASSESSMENT_SHEET } from "../core/assessment";
import { findSurvey } from "./survey";

/** The sheet `tips init` and Set up make for each optional table. */
export const OPTIONAL_SHEETS: Readonly<
  Record<OptionalTable, (rows?: readonly TableRowValues[], name?: string) => SheetSpec>
> = { leads: leadsSheet, materials: materialsSheet, media: mediaSheet };

export interface WorkbookState {
  readonly sheetNames: string[];
  /** The sheet holding the chart. */
  readonly report?: string;
  /** The log; `rows`: its rows that are not blank (as `tips check` counts them), when readable. */
  readonly log?: { readonly sheet: string; readonly table?: string; readonly rows?: number };
  readonly prospective: boolean;
  /** The optional tables the workbook has (victim leads, materials, media canvass), and where. */
  readonly optional: Partial<
    Record<OptionalTable, { readonly sheet: string; readonly table?: string }>
  >;
  /** From the settings, else the report's Office cell. */
  readonly office?: string;
  /** From the settings, else the report's title. */
  readonly period?: FiscalPeriod;
  /** What is there but cannot be used as it is (said plainly, to be fixed by hand). */
  readonly problems: string[];
}

/** What the workbook has. Never throws for a missing part: that is what setting up is for. */
export async function inspectWorkbook(port: WorkbookPort): Promise<WorkbookState> {
  const sheetNames = await port.sheetNames();
  const problems: string[] = [];
  let report: string | undefined;
  let titlePeriod: FiscalPeriod | undefined;
  let officeCell: string | undefined;
  try {
    const grid = await findReportSheet(port);
    report = grid.sheet;
    const chart = findChart(grid);
    titlePeriod = chart.title ? tryTitle(chart.title.text) : undefined;
    officeCell = chart.office?.text.trim() || undefined;
  } catch (e) {
    if (!(e instanceof LayoutError)) throw e;
    // A sheet with the chart's header but not all its lines: there, but not usable.
    if (report) problems.push(`The report sheet "${report}": ${e.message}`);
  }
  let log: WorkbookState["log"];
  try {
    const found = await findLog(port);
    log = { sheet: found.sheet, ...(found.table ? { table: found.table } : {}) };
    // Read as the check reads it (rows counted alike); a header it cannot use is a problem.
    if (found.grid.values.length > 0) log = { ...log, rows: readLog(found.grid).dataRows };
  } catch (e) {
    if (!(e instanceof Error) || !/Layout/.test(e.name)) throw e;
    if (log) problems.push(`The outreach log on sheet "${log.sheet}": ${e.message}`);
  }
  const tables = await port.tables();
  const prospective =
    tables.some((t) => sameName(t.name, PROSPECTIVE_TABLE)) ||
    sheetNames.some((n) => sameName(n, PROSPECTIVE_SHEET));
  const optional: WorkbookState["optional"] = {};
  for (const [key, found] of Object.entries(await findOptionalTables(port)) as [
    OptionalTable,
    TableLocation,
  ][]) {
    optional[key] = { sheet: found.sheet, ...(found.table ? { table: found.table } : {}) };
  }
  const savedOffice = (await port.getSetting(SETTING.office))?.trim();
  const savedPeriod = await port.getSetting(SETTING.period);
  const period = (savedPeriod ? tryParsePeriod(savedPeriod) : undefined) ?? titlePeriod;
  const office =
    savedOffice || (officeCell && officeCell !== OFFICE_PLACEHOLDER ? officeCell : undefined);
  return {
    sheetNames,
    ...(report ? { report } : {}),
    ...(log ? { log } : {}),
    prospective,
    optional,
    ...(office ? { office } : {}),
    ...(period ? { period } : {}),
    problems,
  };
}

function tryTitle(title: string): FiscalPeriod | undefined {
  try {
    return periodFromTitle(title);
  } catch {
    return undefined;
  }
}

/** A sheet name not yet taken: "Outreach Log", else "Outreach Log (2)", ... */
export function freeSheetName(base: string, taken: readonly string[]): string {
  if (!taken.some((n) => sameName(n, base))) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!taken.some((n) => sameName(n, name))) return name;
  }
}

export interface SetupOptions {
  readonly office?: string;
  readonly period?: FiscalPeriod;
  /** Rows for the log and the optional tables where their sheets are added (`tips demo`). */
  readonly rows?: Partial<Record<"log" | OptionalTable, readonly TableRowValues[]>>;
}

export interface SetupResult {
  /** Sheets added, in order. */
  readonly added: string[];
  /** Settings written, as "name: value". */
  readonly settings: string[];
  readonly problems: string[];
  /** The LES/FOUO marking, by sheet: the new sheets have it already. */
  readonly marks: MarkSheetsResult;
}

/**
 * Add what is missing; record the office and period given; mark every sheet LES/FOUO in its
 * header and footer where a section is free. Existing sheets' cells are not touched.
 */
export async function setUpWorkbook(
  port: WorkbookPort,
  options: SetupOptions = {}
): Promise<SetupResult> {
  const state = await inspectWorkbook(port);
  const taken = [...state.sheetNames];
  const added: string[] = [];
  const problems = [...state.problems];
  const office = options.office?.trim() || state.office;
  const period = options.period ?? state.period;
  const add = async (
    name: string,
    make: (name: string) => Parameters<WorkbookPort["addSheet"]>[0]
  ) => {
    const free = freeSheetName(name, taken);
    await port.addSheet(make(free));
    taken.push(free);
    added.push(free);
  };
  const tableNames = (await port.tables()).map((t) => t.name);
  if (!state.report) await add(REPORT_SHEET, (name) => reportSheet(period, office, name));
  if (!state.log) {
    if (tableNames.some((n) => sameName(n, LOG_TABLE))) {
      problems.push(
        `A table named "${LOG_TABLE}" exists but is not an outreach log: rename it, then set up again.`
      );
    } else await add(LOG_SHEET, (name) => logSheet(options.rows?.log, name));
  }
  if (!state.prospective) {
    if (tableNames.some((n) => sameName(n, PROSPECTIVE_TABLE))) {
      problems.push(`A table named "${PROSPECTIVE_TABLE}" exists: rename it, then set up again.`);
    } else await add(PROSPECTIVE_SHEET, (name) => prospectiveSheet(name));
  }
  for (const key of Object.keys(OPTIONAL_TABLES) as OptionalTable[]) {
    if (state.optional[key]) continue;
    const problem = tableNameTaken(key, tableNames);
    if (problem) problems.push(problem);
    else
      await add(OPTIONAL_TABLES[key].sheet, (name) =>
        OPTIONAL_SHEETS[key](options.rows?.[key], name)
      );
  }
  // The annual assessment, found (like the chart) by its question labels.
  if (!(await findSurvey(port)))
    await add(ASSESSMENT_SHEET, (name) => assessmentSheet(period?.fiscalYear, office, name));
  const settings: string[] = [];
  if (options.office?.trim() && options.office.trim() !== state.office) {
    await port.setSetting(SETTING.office, options.office.trim());
    settings.push(`office: ${options.office.trim()}`);
  }
  if (
    options.period &&
    (!state.period || formatPeriod(state.period) !== formatPeriod(options.period))
  ) {
    await port.setSetting(SETTING.period, formatPeriod(options.period));
    settings.push(`period: ${formatPeriod(options.period)}`);
  }
  const marks = await port.markSheets();
  return { added, settings, problems, marks };
}

/** An Excel table of another kind holds the optional table's name: said, never overwritten. */
function tableNameTaken(key: OptionalTable, tableNames: readonly string[]): string | undefined {
  const { table, sheet } = OPTIONAL_TABLES[key];
  return tableNames.some((n) => sameName(n, table))
    ? `A table named "${table}" exists but is not the ${sheet} table: rename it, then set up again.`
    : undefined;
}

/**
 * Add one optional table's sheet (a form found none), as Set up makes it: the Excel table with
 * its drop-downs and the LES/FOUO marking. The sheet's name (the one there, when it was added
 * meanwhile), or a LayoutError saying why not.
 */
export async function addOptionalSheet(port: WorkbookPort, key: OptionalTable): Promise<string> {
  const found = (await findOptionalTables(port))[key];
  if (found) return found.sheet;
  const problem = tableNameTaken(
    key,
    (await port.tables()).map((t) => t.name)
  );
  if (problem) throw new LayoutError(problem);
  const name = freeSheetName(OPTIONAL_TABLES[key].sheet, await port.sheetNames());
  await port.addSheet(OPTIONAL_SHEETS[key]([], name));
  return name;
}
