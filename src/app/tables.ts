/**
 * The optional tables of an office's workbook (Victim Leads, Materials Distributed, Media
 * Canvass) over any workbook port: find them, read the lead response setting, and compute their
 * findings and, for a period, their figures. The command line, the task pane and the report's
 * fill all call this. A workbook without the tables gives an empty result, and nothing else in
 * the report changes.
 */
import { Contact } from "../core/partners";
import { FiscalPeriod } from "../core/period";
import { SETTING, decodeLeadResponseDays } from "../core/settings";
import { TablesAnalysis, analyzeTables } from "../core/office-tables";
import { OptionalTable, TableLocation, findOptionalTables } from "../workbook/layout";
import { WorkbookPort } from "../workbook/port";

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
  /** The outreach log's valid rows (a ParsedLog's entries). */
  readonly log: readonly Contact[];
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
  const analysis = analyzeTables({
    ...(locations.leads ? { leads: locations.leads.grid } : {}),
    ...(locations.materials ? { materials: locations.materials.grid } : {}),
    ...(locations.media ? { media: locations.media.grid } : {}),
    log: options.log,
    ...(options.period ? { period: options.period } : {}),
    leadResponseDays,
  });
  return { locations, leadResponseDays, analysis };
}
