/**
 * Return workbooks as offices send them, made with the project's own seed layout and .xlsx
 * adapter; and LibreOffice as a second opinion on what a national workbook's cells hold.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { FiscalPeriod, formatPeriod } from "../../src/core/period";
import { SETTING } from "../../src/core/settings";
import { fillQuarterly, loadQuarterly } from "../../src/app/quarterly";
import { CellWrite } from "../../src/workbook/port";
import { logSheet, prospectiveSheet, reportSheet } from "../../src/workbook/seed-layout";
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
}

export async function returnWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const period = spec.period === null ? undefined : (spec.period ?? Q3);
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(period, spec.office));
  await book.addSheet(logSheet(spec.rows));
  await book.addSheet(prospectiveSheet());
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

export function hasLibreOffice(): boolean {
  return spawnSync("soffice", ["--version"], { timeout: 60_000 }).status === 0;
}

/**
 * One sheet (1-based) of a workbook as LibreOffice reads it, converted to CSV with each cell's
 * value, not its formula: a cell LibreOffice took for a formula shows what the formula computes
 * ("-2+3" would show 1, "=HYPERLINK(...)" its link text or an error); text shows as typed.
 */
export function libreOfficeCsv(bytes: Uint8Array, sheet: number): string[][] {
  const dir = mkdtempSync(join(tmpdir(), "tips-lo-"));
  try {
    const file = join(dir, "book.xlsx");
    writeFileSync(file, bytes);
    // Comma, double quote, UTF-8, from row 1, no format codes, language 0, quoted fields not
    // forced to text, detect special numbers, not "as shown", no formulas, keep spaces, the sheet.
    const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheet}`;
    const r = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--convert-to",
        filter,
        "--outdir",
        dir,
        file,
      ],
      { timeout: 120_000 }
    );
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr?.toString()}`);
    const csv = readdirSync(dir).find((f) => f.endsWith(".csv"));
    if (!csv)
      throw new Error(`soffice wrote no CSV: ${r.stdout?.toString()} ${r.stderr?.toString()}`);
    return parseCsvRows(readFileSync(join(dir, csv), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
