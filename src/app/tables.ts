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
import { TablesAnalysis, analyzeTables, tableBlocks } from "../core/office-tables";
import { OptionalTable, TableLocation, findOptionalTables } from "../workbook/layout";
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

/**
 * The blocks `tips fill` writes below the narrative, one a table the workbook has: its lines,
 * and for the leads the median days to respond and the leads open at the period's end (a count
 * at one day: in the Cumulative column). A median no lead gives is left blank.
 */
export function reportBlocks(analysis: TablesAnalysis): FigureBlock[] {
  return tableBlocks(analysis).map((b) => {
    const lines: FigureBlock["lines"][number][] = b.rows.map((r) => ({
      label: r.label,
      quarter: r.quarter,
      cumulative: r.cumulative,
    }));
    const leads = b.table === "leads" ? analysis.leads?.figures : undefined;
    if (leads) {
      const { quarter, cumulative } = leads.medianDaysToRespond;
      lines.push({ label: MEDIAN_DAYS_LABEL, quarter, cumulative });
      lines.push({ label: OPEN_AT_END_LABEL, quarter: null, cumulative: leads.openAtPeriodEnd });
    }
    return { name: `${FIGURE_PREFIX}${b.table.toUpperCase()}`, heading: b.heading, lines };
  });
}
