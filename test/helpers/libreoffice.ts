/**
 * LibreOffice (headless Calc) as a second opinion on the files we write. Each call runs
 * soffice with its own throw-away profile, so parallel test workers do not clash, and that
 * profile tells LibreOffice to recalculate every formula on load: what it shows for a formula
 * is what the formula computes from the cells as they now are, not the value cached in the file.
 */
import { execFile, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join } from "node:path";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Comma, double quote, UTF-8, from row 1, standard cell format, language 0, quoted fields not
 * forced to text, detect special numbers, raw values (not "as shown"), values not formulas, keep
 * spaces, every sheet to its own file (LibreOffice >= 7.2 names them file-Sheet.csv). */
export const CSV_ALL_SHEETS =
  "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

export function hasLibreOffice(): boolean {
  return spawnSync("soffice", ["--version"], { timeout: 60_000 }).status === 0;
}

function run(args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile("soffice", args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`soffice ${args.join(" ")} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * Converts a file with LibreOffice: `format` is an extension ("xlsx", "ods", "csv") or a full
 * filter ("csv:Text - txt - csv (StarCalc):..."). The result goes next to the input, or into
 * a "libreoffice" folder beside it when the input has the same extension. Returns its path
 * (for a CSV of every sheet, the folder's first sheet; see readCsvSheetsWithLibreOffice).
 */
export async function convertWithLibreOffice(
  inputPath: string,
  format: string,
  options: { outDir?: string; timeoutMs?: number } = {}
): Promise<string> {
  const ext = format.split(":")[0];
  const base = basename(inputPath, extname(inputPath));
  const outDir =
    options.outDir ??
    (extname(inputPath).slice(1).toLowerCase() === ext
      ? join(dirname(inputPath), "libreoffice")
      : dirname(inputPath));
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "tips-soffice-"));
  try {
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
    const { stdout, stderr } = await run(
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        format,
        "--outdir",
        outDir,
        inputPath,
      ],
      options.timeoutMs ?? 120_000
    );
    const single = join(outDir, `${base}.${ext}`);
    if (existsSync(single)) return single;
    const many = readdirSync(outDir).filter(
      (f) => f.startsWith(`${base}-`) && f.endsWith(`.${ext}`)
    );
    if (many.length) return join(outDir, many.sort()[0]);
    throw new Error(`soffice wrote no ${ext} for ${inputPath}:\n${stdout}\n${stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Every sheet of a workbook as LibreOffice reads it (values, formulas recalculated), by name. */
export async function readCsvSheetsWithLibreOffice(
  xlsxPath: string
): Promise<Record<string, string[][]>> {
  const outDir = mkdtempSync(join(tmpdir(), "tips-csv-"));
  try {
    await convertWithLibreOffice(xlsxPath, CSV_ALL_SHEETS, { outDir });
    const base = basename(xlsxPath, extname(xlsxPath));
    const sheets: Record<string, string[][]> = {};
    for (const f of readdirSync(outDir)) {
      if (!f.endsWith(".csv")) continue;
      const name = f.startsWith(`${base}-`) ? f.slice(base.length + 1, -4) : f.slice(0, -4);
      sheets[name] = parseCsv(readFileSync(join(outDir, f), "utf8"));
    }
    return sheets;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** RFC 4180 CSV (as LibreOffice writes it) to rows of fields. */
export function parseCsv(text: string): string[][] {
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
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * A workbook printed by LibreOffice (to PDF), each page's text as `pdftotext -layout` lays it
 * out: the pages in order, headers and footers included.
 */
export async function printedPages(xlsxPath: string): Promise<string[]> {
  const outDir = mkdtempSync(join(tmpdir(), "tips-pdf-"));
  try {
    const pdf = await convertWithLibreOffice(xlsxPath, "pdf", { outDir });
    const r = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
    const pages = r.stdout.split("\f");
    if (pages[pages.length - 1].trim() === "") pages.pop();
    return pages;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function hasPdftotext(): boolean {
  return spawnSync("pdftotext", ["-v"], { timeout: 10_000 }).status === 0;
}
