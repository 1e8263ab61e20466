/**
 * The roster: the offices HQ expects a return from. A .csv or .xlsx file with a column headed
 * "Office" (other columns allowed, the header row may be below a title); one office per row, blank
 * rows skipped. Offices are matched by name with case and spacing ignored (core/consolidate.ts).
 * No file system here: contents in, contents out.
 */
import { FORMULA_LIKE } from "../core/checks";
import { officeKey } from "../core/consolidate";
import { CellValue, isBlank } from "../core/log";
import { WorkbookPort } from "../workbook/port";
import { LES_HEADER_FOOTER, SheetSpec, SpecCell } from "../workbook/sheet-spec";
import { STYLE } from "../workbook/seed-layout";
import { XlsxAdapter } from "../workbook/xlsx-adapter";
import { tablePrint } from "../workbook/print-setup";

export const ROSTER_HEADER = "Office";
export const ROSTER_SHEET = "Roster";
export const ROSTER_TABLE = "Roster";
/** The starter roster's columns: only "Office" is read; the others are for HQ's own use. */
export const ROSTER_COLUMNS = [ROSTER_HEADER, "Type", "Notes"] as const;
/** How far down a roster sheet to look for the "Office" header. */
const HEADER_SEARCH_ROWS = 20;

export class RosterError extends Error {
  override name = "RosterError";
}

/** An office's type from its name, for the starter roster's "Type" column. */
export function officeType(name: string): string {
  if (/^\s*sac\b/i.test(name)) return "SAC";
  if (/^\s*attach[eé](\s|$)/i.test(name)) return "Attaché";
  return "";
}

const isOfficeHeader = (v: CellValue): boolean =>
  typeof v === "string" && officeKey(v).replace(/:$/, "") === officeKey(ROSTER_HEADER);

/** A cell written "'=..." to keep a spreadsheet from reading it as a formula: the name without the quote. */
const unquote = (s: string): string =>
  s.startsWith("'") && FORMULA_LIKE.test(s.slice(1)) ? s.slice(1) : s;

/**
 * The offices under the "Office" header of a grid of cells. Like every RosterError, the message
 * does not name the file: each caller puts its name before it.
 */
export function officesFromGrid(rows: readonly (readonly CellValue[])[]): string[] {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const col = rows[i].findIndex(isOfficeHeader);
    if (col < 0) continue;
    const offices: string[] = [];
    for (const r of rows.slice(i + 1)) {
      const v = r[col];
      if (isBlank(v)) continue;
      offices.push(unquote(String(v).trim()));
    }
    return offices;
  }
  throw new RosterError(
    `has no column headed "${ROSTER_HEADER}" (in its first ${HEADER_SEARCH_ROWS} rows): the roster lists the expected offices under that header.`
  );
}

/** Excel writes ";" or tab where the list separator is not a comma: the header line tells. */
function detectDelimiter(line: string): string {
  let best = ",";
  let most = 0;
  for (const d of [",", ";", "\t"]) {
    const n = line.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** Split CSV text into rows of fields (RFC 4180: quotes, doubled quotes, CRLF; , ; or tab). */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(body.split(/\r?\n/, 1)[0] ?? "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw new RosterError('the CSV file has a quote (") that is never closed.');
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const isCsv = (name: string): boolean => /\.(csv|txt)$/i.test(name);

/** The offices a roster file lists, in its order. Throws RosterError. */
export async function parseRoster(name: string, bytes: Uint8Array): Promise<string[]> {
  let offices: string[];
  if (isCsv(name)) {
    offices = officesFromGrid(parseCsv(new TextDecoder("utf-8").decode(bytes)));
  } else {
    let book: XlsxAdapter;
    try {
      book = XlsxAdapter.fromBytes(bytes);
    } catch (e) {
      throw new RosterError(`cannot be read as a roster (.csv or .xlsx): ${(e as Error).message}`);
    }
    offices = await rosterFromWorkbook(book);
  }
  if (offices.length === 0) {
    throw new RosterError(`lists no office under "${ROSTER_HEADER}": add one per row.`);
  }
  return offices;
}

async function rosterFromWorkbook(book: WorkbookPort): Promise<string[]> {
  const sheets = await book.sheetNames();
  const ordered = [...sheets].sort(
    (a, b) => Number(b.toLowerCase() === "roster") - Number(a.toLowerCase() === "roster")
  );
  for (const sheet of ordered) {
    try {
      return officesFromGrid((await book.readSheet(sheet)).values);
    } catch (e) {
      if (!(e instanceof RosterError)) throw e;
    }
  }
  throw new RosterError(
    `has no sheet with a column headed "${ROSTER_HEADER}": the roster lists the expected offices under that header.`
  );
}

// ---- A starter roster -------------------------------------------------------------------------

/** Placeholders when no returns are given to take the offices from. */
export const EXAMPLE_OFFICES = ["SAC Example City", "Attaché Example Country"] as const;
const EXAMPLE_NOTE = "example: replace with your offices";

export interface RosterRow {
  readonly office: string;
  readonly type: string;
  readonly notes: string;
}

/**
 * The starter's rows: the offices given, one per office (matched as consolidation matches them,
 * each under its most common spelling, mixed case preferred), sorted; or two examples to replace.
 */
export function starterRows(offices: readonly string[]): RosterRow[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const o of offices) {
    const name = o.trim();
    if (name === "") continue;
    const counts = spellings.get(officeKey(name)) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    spellings.set(officeKey(name), counts);
  }
  const mixed = (s: string): number => Number(s !== s.toLowerCase() && s !== s.toUpperCase());
  const names = [...spellings.values()]
    .map(
      (counts) =>
        [...counts].sort(
          ([a, n], [b, m]) => m - n || mixed(b) - mixed(a) || a.localeCompare(b)
        )[0][0]
    )
    .sort((a, b) => a.localeCompare(b));
  if (names.length === 0) {
    return EXAMPLE_OFFICES.map((office) => ({
      office,
      type: officeType(office),
      notes: EXAMPLE_NOTE,
    }));
  }
  return names.map((office) => ({ office, type: officeType(office), notes: "" }));
}

/** A CSV field: quoted when needed; text that a spreadsheet would run as a formula gets a "'". */
function csvField(s: string): string {
  const safe = FORMULA_LIKE.test(s) ? `'${s}` : s;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rosterCsv(rows: readonly RosterRow[]): string {
  const lines = [ROSTER_COLUMNS.join(",")];
  for (const r of rows) lines.push([r.office, r.type, r.notes].map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function rosterSheet(rows: readonly RosterRow[]): SheetSpec {
  const cells: SpecCell[] = ROSTER_COLUMNS.map((h, i) => ({
    row: 1,
    col: i + 1,
    value: h,
    style: STYLE.tableHeader,
  }));
  rows.forEach((r, i) =>
    [r.office, r.type, r.notes].forEach((value, j) => {
      if (value !== "") cells.push({ row: i + 2, col: j + 1, value });
    })
  );
  return {
    name: ROSTER_SHEET,
    cells,
    columnWidths: [
      { col: 1, width: 36 },
      { col: 2, width: 12 },
      { col: 3, width: 40 },
    ],
    table: {
      name: ROSTER_TABLE,
      ref: `A1:C${Math.max(rows.length, 1) + 1}`,
      columns: ROSTER_COLUMNS,
      style: "TableStyleMedium2",
    },
    headerFooter: LES_HEADER_FOOTER,
    freeze: { row: 2, col: 1 },
    print: tablePrint(1),
  };
}

/** A starter roster file's contents, .csv or .xlsx by its name. */
export async function starterRoster(name: string, offices: readonly string[]): Promise<Uint8Array> {
  const rows = starterRows(offices);
  if (isCsv(name)) return new TextEncoder().encode(rosterCsv(rows));
  if (!/\.xlsx$/i.test(name)) {
    throw new RosterError(`a roster is a .csv or .xlsx file; "${name}" is neither.`);
  }
  const book = XlsxAdapter.blank();
  await book.addSheet(rosterSheet(rows));
  return book.save();
}
