/**
 * Return workbooks as offices send them, made with the project's own seed layout and .xlsx
 * adapter, and what their parts hold.
 */
import { strFromU8, unzipSync } from "fflate";
import { FiscalPeriod, formatPeriod } from "../../src/core/period";
import { SETTING } from "../../src/core/settings";
import { fillQuarterly, loadQuarterly } from "../../src/app/quarterly";
import { CellWrite } from "../../src/workbook/port";
import {
  leadsSheet,
  logSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { Q3, Row } from "./builders";

export interface WorkbookSpec {
  office?: string;
  /** null: the workbook names no period (no dates in its title, no setting). */
  period?: FiscalPeriod | null;
  rows: Row[];
  /** Fill the chart from the log, as `tips fill` does (the office's hand-entered figures). */
  fill?: boolean;
  /** Cells of the report sheet to overwrite after filling (a hand-edited chart). */
  edits?: CellWrite[];
  settings?: Record<string, string>;
  /** Rows of a Victim Leads table (in LEAD_HEADERS order), when the return has one. */
  leads?: readonly (readonly (string | number | null)[])[];
}

export async function returnWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const period = spec.period === null ? undefined : (spec.period ?? Q3);
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(period, spec.office));
  await book.addSheet(logSheet(spec.rows));
  await book.addSheet(prospectiveSheet());
  if (spec.leads) await book.addSheet(leadsSheet(spec.leads));
  if (spec.fill && period) {
    const q = await loadQuarterly(book, { period: formatPeriod(period) });
    await fillQuarterly(book, q, { force: true });
  }
  if (spec.edits) await book.writeCells("Quarterly Report", spec.edits);
  for (const [k, v] of Object.entries(spec.settings ?? {})) await book.setSetting(k, v);
  return book.save();
}

export const submittedAt = (iso: string): Record<string, string> => ({ [SETTING.submitted]: iso });

/** Every part of an .xlsx package, as text. */
export function packageParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** The worksheet part of a sheet, by the sheet's name. */
export function sheetXml(bytes: Uint8Array, name: string): string {
  const parts = packageParts(bytes);
  const workbook = parts["xl/workbook.xml"];
  const rels = parts["xl/_rels/workbook.xml.rels"];
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const sheet = new RegExp(`<sheet\\b[^>]*name="${esc}"[^>]*r:id="([^"]+)"`).exec(workbook);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rel =
    new RegExp(`<Relationship\\b[^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels) ??
    new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
  if (!rel) throw new Error(`no relationship ${sheet[1]}`);
  const target = rel[1].startsWith("/") ? rel[1].slice(1) : `xl/${rel[1]}`;
  return parts[target];
}
