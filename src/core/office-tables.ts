/**
 * The three optional tables of an office's workbook (victim leads, materials, media canvass)
 * together: their cells and the log's valid rows in, each table's findings and, for a period,
 * its figures out. A table the workbook does not have is absent from the result: a workbook
 * without them reports exactly as before.
 */
import { Finding, sortFindings } from "./findings";
import { LeadFigures, ParsedLeads, checkLeads, leadFigures, readLeads } from "./leads";
import {
  MaterialFigures,
  ParsedMaterials,
  checkMaterials,
  materialFigures,
  readMaterials,
} from "./materials";
import { MediaFigures, ParsedMedia, checkMedia, mediaFigures, readMedia } from "./media";
import { Contact, OutreachPartners } from "./partners";
import { FiscalPeriod } from "./period";
import { TableGrid } from "./table";
import { FigureRow, figureRows } from "./table-figures";
import { LEADS_BLOCK_HEADING, LEAD_LINES } from "./leads";
import { MATERIALS_BLOCK_HEADING, MATERIAL_LINES } from "./materials";
import { MEDIA_BLOCK_HEADING, MEDIA_LINES } from "./media";

export interface TablesInput {
  readonly leads?: TableGrid;
  readonly materials?: TableGrid;
  readonly media?: TableGrid;
  /** The outreach log's valid rows (LogEntry has agency and date): the agency matches use them. */
  readonly log: readonly Contact[];
  /** The period reported: without one there are no figures and no period warnings. */
  readonly period?: FiscalPeriod;
  /** The workbook's lead response threshold (settings.ts decodeLeadResponseDays). */
  readonly leadResponseDays: number;
}

/** One table's result: what was read, every finding, and the figures when a period was given. */
export interface TableAnalysis<P, F> {
  readonly parsed: P;
  readonly findings: Finding[];
  readonly errors: number;
  readonly figures?: F;
}

export interface TablesAnalysis {
  readonly leads?: TableAnalysis<ParsedLeads, LeadFigures>;
  readonly materials?: TableAnalysis<ParsedMaterials, MaterialFigures>;
  readonly media?: TableAnalysis<ParsedMedia, MediaFigures>;
  /** Every table's findings, in sheet order (leads, materials, media), each naming its sheet. */
  readonly findings: Finding[];
  readonly errors: number;
  readonly warnings: number;
}

function result<P, F>(parsed: P, findings: Finding[], figures?: F): TableAnalysis<P, F> {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { parsed, findings, errors, ...(figures !== undefined ? { figures } : {}) };
}

/** Read, check and count every table given. Throws TableLayoutError for a broken header row. */
export function analyzeTables(input: TablesInput): TablesAnalysis {
  const { period } = input;
  const partners = new OutreachPartners(input.log);
  let leads: TablesAnalysis["leads"];
  let materials: TablesAnalysis["materials"];
  let media: TablesAnalysis["media"];
  if (input.leads) {
    const parsed = readLeads(input.leads);
    const findings = checkLeads(parsed, { period, responseDays: input.leadResponseDays });
    leads = result(parsed, findings, period && leadFigures(parsed.entries, period, partners));
  }
  if (input.materials) {
    const parsed = readMaterials(input.materials);
    materials = result(
      parsed,
      checkMaterials(parsed, partners),
      period && materialFigures(parsed.entries, period)
    );
  }
  if (input.media) {
    const parsed = readMedia(input.media);
    media = result(parsed, checkMedia(parsed), period && mediaFigures(parsed.entries, period));
  }
  const findings = [leads, materials, media].flatMap((t) => (t ? sortFindings(t.findings) : []));
  const errors = findings.filter((f) => f.severity === "error").length;
  return {
    ...(leads ? { leads } : {}),
    ...(materials ? { materials } : {}),
    ...(media ? { media } : {}),
    findings,
    errors,
    warnings: findings.length - errors,
  };
}

export type TableKey = "leads" | "materials" | "media";

/** A table's block of the report: its heading and its lines with both figures, in order. */
export interface TableBlock {
  readonly table: TableKey;
  /** "Victim Leads", "Outreach Materials", "Media Canvass". */
  readonly heading: string;
  /** The sheet the rows came from. */
  readonly sheet: string;
  readonly rows: FigureRow<string>[];
}

/** The blocks of the tables that have figures (a period was given), in the report's order. */
export function tableBlocks(analysis: TablesAnalysis): TableBlock[] {
  const blocks: TableBlock[] = [];
  const { leads, materials, media } = analysis;
  if (leads?.figures)
    blocks.push({
      table: "leads",
      heading: LEADS_BLOCK_HEADING,
      sheet: leads.parsed.sheet,
      rows: figureRows(leads.figures, LEAD_LINES),
    });
  if (materials?.figures)
    blocks.push({
      table: "materials",
      heading: MATERIALS_BLOCK_HEADING,
      sheet: materials.parsed.sheet,
      rows: figureRows(materials.figures, MATERIAL_LINES),
    });
  if (media?.figures)
    blocks.push({
      table: "media",
      heading: MEDIA_BLOCK_HEADING,
      sheet: media.parsed.sheet,
      rows: figureRows(media.figures, MEDIA_LINES),
    });
  return blocks;
}
