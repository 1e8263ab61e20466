/**
 * The three optional tables of an office's workbook (victim leads, materials, media canvass)
 * together: their cells and the log's valid rows in, each table's findings and, for a period,
 * its figures out. A table the workbook does not have is absent from the result: a workbook
 * without them reports exactly as before.
 */
import { Finding, sortFindings } from "./findings";
import {
  Lead,
  LeadFigures,
  ParsedLeads,
  checkLeads,
  combineLeadFigures,
  leadFigures,
  readLeads,
} from "./leads";
import {
  MATERIAL_LINE_KEYS,
  MaterialFigures,
  MaterialsEntry,
  ParsedMaterials,
  checkMaterials,
  materialFigures,
  readMaterials,
} from "./materials";
import {
  MEDIA_LINE_KEYS,
  MediaFigures,
  ParsedMedia,
  checkMedia,
  mediaFigures,
  readMedia,
} from "./media";
import { Contact, OutreachPartners, Partners } from "./partners";
import { FiscalPeriod } from "./period";
import { TableGrid } from "./table";
import { FigureRow, figureRows, sumTableFigures } from "./table-figures";
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
  /**
   * Who reached whom, when it is not simply `log` (the national workbook: each combined row is
   * matched to its own office's log, partners.ts OfficePartners).
   */
  readonly partners?: {
    readonly leads: Partners<Lead>;
    readonly materials: Partners<MaterialsEntry>;
  };
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
  // The log's agencies are indexed only for a workbook with leads or materials to match.
  let own: OutreachPartners | undefined;
  const partners = (): OutreachPartners => (own ??= new OutreachPartners(input.log));
  const leadPartners = () => input.partners?.leads ?? partners();
  const materialPartners = () => input.partners?.materials ?? partners();
  let leads: TablesAnalysis["leads"];
  let materials: TablesAnalysis["materials"];
  let media: TablesAnalysis["media"];
  if (input.leads) {
    const parsed = readLeads(input.leads);
    const findings = checkLeads(parsed, { period, responseDays: input.leadResponseDays });
    leads = result(parsed, findings, period && leadFigures(parsed.entries, period, leadPartners()));
  }
  if (input.materials) {
    const parsed = readMaterials(input.materials);
    materials = result(
      parsed,
      checkMaterials(parsed, materialPartners()),
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

/** The tables' figures, each with the sheet its rows are on (absent: no such table). */
export interface TablesFigures {
  readonly leads?: { readonly sheet: string; readonly figures: LeadFigures };
  readonly materials?: { readonly sheet: string; readonly figures: MaterialFigures };
  readonly media?: { readonly sheet: string; readonly figures: MediaFigures };
}

/** The figures of an analysis's tables (those that have figures: a period was given). */
export function tablesFigures(analysis: TablesAnalysis): TablesFigures {
  const out: { -readonly [K in keyof TablesFigures]: TablesFigures[K] } = {};
  const { leads, materials, media } = analysis;
  if (leads?.figures) out.leads = { sheet: leads.parsed.sheet, figures: leads.figures };
  if (materials?.figures)
    out.materials = { sheet: materials.parsed.sheet, figures: materials.figures };
  if (media?.figures) out.media = { sheet: media.parsed.sheet, figures: media.figures };
  return out;
}

/** The blocks of the tables that have figures, in the report's order. */
export function figureBlocks(tables: TablesFigures): TableBlock[] {
  const blocks: TableBlock[] = [];
  const { leads, materials, media } = tables;
  if (leads)
    blocks.push({
      table: "leads",
      heading: LEADS_BLOCK_HEADING,
      sheet: leads.sheet,
      rows: figureRows(leads.figures, LEAD_LINES),
    });
  if (materials)
    blocks.push({
      table: "materials",
      heading: MATERIALS_BLOCK_HEADING,
      sheet: materials.sheet,
      rows: figureRows(materials.figures, MATERIAL_LINES),
    });
  if (media)
    blocks.push({
      table: "media",
      heading: MEDIA_BLOCK_HEADING,
      sheet: media.sheet,
      rows: figureRows(media.figures, MEDIA_LINES),
    });
  return blocks;
}

/** The blocks of the tables that have figures (a period was given), in the report's order. */
export function tableBlocks(analysis: TablesAnalysis): TableBlock[] {
  return figureBlocks(tablesFigures(analysis));
}

/** The sheets of the national workbook the combined rows go on, by table. */
export type CombinedSheets = Readonly<Record<TableKey, string>>;

/**
 * The national figures of the offices' analyses (each with figures for the same period): lines
 * summed, open leads summed, the medians recomputed from the combined rows. A table no office
 * has is absent, so that returns without the tables consolidate exactly as before.
 */
export function combineTables(
  parts: readonly TablesAnalysis[],
  period: FiscalPeriod,
  sheets: CombinedSheets
): TablesFigures {
  const leads = parts.flatMap((p) =>
    p.leads?.figures ? [{ entries: p.leads.parsed.entries, figures: p.leads.figures }] : []
  );
  const materials = parts.flatMap((p) => (p.materials?.figures ? [p.materials.figures] : []));
  const media = parts.flatMap((p) => (p.media?.figures ? [p.media.figures] : []));
  return {
    ...(leads.length
      ? { leads: { sheet: sheets.leads, figures: combineLeadFigures(leads, period) } }
      : {}),
    ...(materials.length
      ? {
          materials: {
            sheet: sheets.materials,
            figures: sumTableFigures(MATERIAL_LINE_KEYS, materials),
          },
        }
      : {}),
    ...(media.length
      ? { media: { sheet: sheets.media, figures: sumTableFigures(MEDIA_LINE_KEYS, media) } }
      : {}),
  };
}
