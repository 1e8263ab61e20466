/**
 * The optional tables of an office's workbook (Victim Leads, Materials Distributed, Media
 * Canvass) over any workbook port: find them, read the lead response setting, and compute their
 * findings and, for a period, their figures. The command line, the task pane and the report's
 * fill all call this. A workbook without the tables gives an empty result, and nothing else in
 * the report changes.
 */
import { NATIONAL_MARK, officeKey } from "../core/consolidate";
import { CellValue } from "../core/log";
import { Contact, OfficeContact, OfficePartners } from "../core/partners";
import { FiscalPeriod } from "../core/period";
import { SETTING, decodeLeadResponseDays } from "../core/settings";
import {
  TablesAnalysis,
  TablesFigures,
  TablesInput,
  analyzeTables,
  figureBlocks,
} from "../core/office-tables";
import { OptionalTable, TableLocation, findLog, findOptionalTables } from "../workbook/layout";
import { WorkbookPort } from "../workbook/port";
import { FIGURE_PREFIX, FigureBlock } from "../workbook/ownership";
import { MEDIAN_DAYS_LABEL, OPEN_AT_END_LABEL } from "../core/leads";

export interface OfficeTables {
  /** Where each table the workbook has was found. */
  readonly locations: Partial<Record<OptionalTable, TableLocation>>;
  /** The workbook's TIPS.LeadResponseDays, or its default. */
  readonly leadResponseDays: number;
  readonly analysis: TablesAnalysis;
}

export interface TablesOptions {
  /** The period reported: without one, findings only (no figures, no period warnings). */
  readonly period?: FiscalPeriod;
  /** The outreach log's valid rows (a ParsedLog's entries: each with its worksheet row). */
  readonly log: readonly (Contact & { readonly row: number })[];
}

/** The header of the provenance column every combined sheet of the national workbook has. */
const OFFICE_HEADER = "office";

/**
 * Each row's office in a combined sheet of the national workbook (its "Office" column), by
 * worksheet row; undefined when the sheet has no such column.
 */
function officeOfRow(grid: {
  readonly values: readonly (readonly CellValue[])[];
  readonly top?: number;
}): ((row: number) => string | undefined) | undefined {
  const top = grid.top ?? 1;
  const header = grid.values[0] ?? [];
  const col = header.findIndex(
    (v) => typeof v === "string" && v.trim().toLowerCase() === OFFICE_HEADER
  );
  if (col < 0) return undefined;
  return (row) => {
    const v = grid.values[row - top]?.[col];
    return typeof v === "string" && v.trim() !== "" ? officeKey(v) : undefined;
  };
}

/**
 * In the national workbook, each combined lead and materials row is matched to the log rows of
 * its own office (the Office columns), so that its figures are the sums of the offices' own.
 * Undefined for an office's workbook, or a national one without the Office columns.
 */
async function nationalPartners(
  port: WorkbookPort,
  locations: Partial<Record<OptionalTable, TableLocation>>,
  log: TablesOptions["log"]
): Promise<TablesInput["partners"]> {
  if ((await port.getSetting(NATIONAL_MARK)) === undefined) return undefined;
  const logOffice = officeOfRow((await findLog(port)).grid);
  if (!logOffice) return undefined;
  const contacts: OfficeContact[] = [];
  for (const c of log) {
    const office = logOffice(c.row);
    if (office !== undefined) contacts.push({ agency: c.agency, date: c.date, office });
  }
  const none = (): undefined => undefined;
  const scoped = (l?: TableLocation) =>
    new OfficePartners(contacts, (l && officeOfRow(l.grid)) || none);
  return { leads: scoped(locations.leads), materials: scoped(locations.materials) };
}

/** True when the workbook has at least one of the tables. */
export function hasTables(tables: OfficeTables): boolean {
  return Object.keys(tables.locations).length > 0;
}

/**
 * Find the tables and analyse them. Throws TableLayoutError when a table's header row misses a
 * column, SettingError when TIPS.LeadResponseDays is not a whole number of days.
 */
export async function loadTables(
  port: WorkbookPort,
  options: TablesOptions
): Promise<OfficeTables> {
  const locations = await findOptionalTables(port);
  const leadResponseDays = locations.leads
    ? decodeLeadResponseDays(await port.getSetting(SETTING.leadResponseDays))
    : decodeLeadResponseDays(undefined);
  const partners = await nationalPartners(port, locations, options.log);
  const analysis = analyzeTables({
    ...(locations.leads ? { leads: locations.leads.grid } : {}),
    ...(locations.materials ? { materials: locations.materials.grid } : {}),
    ...(locations.media ? { media: locations.media.grid } : {}),
    log: options.log,
    ...(options.period ? { period: options.period } : {}),
    leadResponseDays,
    ...(partners ? { partners } : {}),
  });
  return { locations, leadResponseDays, analysis };
}

/**
 * The blocks `tips fill` writes below the narrative, one a table the workbook has: its lines,
 * and for the leads the median days to respond and the leads open at the period's end (a count
 * at one day: in the Cumulative column). A median no lead gives is left blank.
 */
export function reportBlocks(tables: TablesFigures): FigureBlock[] {
  return figureBlocks(tables).map((b) => {
    const lines: FigureBlock["lines"][number][] = b.rows.map((r) => ({
      label: r.label,
      quarter: r.quarter,
      cumulative: r.cumulative,
    }));
    const leads = b.table === "leads" ? tables.leads?.figures : undefined;
    if (leads) {
      const { quarter, cumulative } = leads.medianDaysToRespond;
      lines.push({ label: MEDIAN_DAYS_LABEL, quarter, cumulative });
      lines.push({ label: OPEN_AT_END_LABEL, quarter: null, cumulative: leads.openAtPeriodEnd });
    }
    return { name: `${FIGURE_PREFIX}${b.table.toUpperCase()}`, heading: b.heading, lines };
  });
}
