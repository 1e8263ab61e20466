/**
 * Where things are in an office's workbook: the chart found by its labels (anywhere on its
 * sheet), the title, the Office cell, the narrative headings, and the log found by its header
 * row (an Excel table or a plain range). Shared by both adapters, so both find the same cells.
 */
import {
  CHART_LINES,
  ChartLine,
  CUMULATIVE_HEADER,
  LineKey,
  QUARTER_HEADER,
  SECTION,
  SectionKey,
  labelEquals,
  normalizeLabel,
} from "../core/chart";
import { CellValue, LogGrid, isBlank, looksLikeHeader } from "../core/log";
import { NARRATIVE_HEADINGS, NarrativeKey } from "../core/narrative";
import { PROSPECTIVE_HEADERS } from "../core/narrative";
import { LEADS_SHEET, LEADS_SPEC, LEADS_TABLE } from "../core/leads";
import { MATERIALS_SHEET, MATERIALS_SPEC, MATERIALS_TABLE } from "../core/materials";
import { MEDIA_SHEET, MEDIA_SPEC, MEDIA_TABLE } from "../core/media";
import { TableGrid } from "../core/table";
import { SheetGrid, TableRef, WorkbookPort } from "./port";

export const REPORT_SHEET = "Quarterly Report";
export const LOG_SHEET = "Outreach Log";
export const LOG_TABLE = "OutreachLog";
export const PROSPECTIVE_SHEET = "Prospective Training";
export const PROSPECTIVE_TABLE = "ProspectiveTraining";
export const TITLE_PREFIX = "ICE Human Trafficking Outreach Quarterly Report";
/** The seed's title ends with this placeholder; filling puts the office's name there. */
export const OFFICE_PLACEHOLDER = "SAC/Attaché";
export const OFFICE_LABEL = "Office:";
export const FISCAL_YEAR_LABEL = "Fiscal Year";

/** A workbook whose report or log cannot be found: the message says what was looked for. */
export class LayoutError extends Error {
  override name = "LayoutError";
}

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

export interface ChartLayout {
  readonly sheet: string;
  readonly headerRow: number;
  /** The column of the lines' labels (the first line's). */
  readonly labelCol: number;
  readonly quarterCol: number;
  readonly cumulativeCol: number;
  /** The worksheet row of each of the 15 lines. */
  readonly lineRows: Readonly<Record<LineKey, number>>;
  /** The values in the Quarter and Cumulative cells now (hand-entered or filled before). */
  readonly written: Readonly<Record<LineKey, { quarter: CellValue; cumulative: CellValue }>>;
  readonly title?: CellRef & { text: string };
  readonly fiscalYear?: CellRef & { text: string };
  /** The cell right of "Office:", where the office's name goes. */
  readonly office?: CellRef & { text: string };
  /** Where each narrative heading stands (the narrative block begins at the first). */
  readonly narrative: Partial<Record<NarrativeKey, CellRef>>;
  /** The sheet's last used row. */
  readonly lastRow: number;
}

const text = (v: CellValue): string =>
  typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);

function cellAt(grid: SheetGrid, row: number, col: number): CellValue {
  return grid.values[row - grid.top]?.[col - grid.left] ?? null;
}

const SECTION_LABELS: ReadonlyMap<string, SectionKey> = new Map([
  [normalizeLabel(SECTION.ngo), "ngo"],
  [normalizeLabel("Non-Governmental Organization"), "ngo"],
  [normalizeLabel("Non-Government Organizations"), "ngo"],
  ["ngo", "ngo"],
  [normalizeLabel(SECTION.le), "le"],
]);

/** The line a label names under a section ("New Contact" is told apart by its section). */
function lineOfLabel(section: SectionKey, label: string): ChartLine | undefined {
  const n = normalizeLabel(label);
  return CHART_LINES.find((l) => l.section === section && normalizeLabel(l.label) === n);
}

/** Does this sheet hold the chart's header row (Quarter and Cumulative side by side)? */
function findHeader(
  grid: SheetGrid
): { row: number; quarterCol: number; cumulativeCol: number } | undefined {
  const q = normalizeLabel(QUARTER_HEADER);
  const c = normalizeLabel(CUMULATIVE_HEADER);
  for (let i = 0; i < grid.values.length; i++) {
    const cells = grid.values[i];
    const qi = cells.findIndex((v) => typeof v === "string" && labelEquals(v, q));
    if (qi < 0) continue;
    const ci = cells.findIndex((v, j) => j > qi && typeof v === "string" && labelEquals(v, c));
    if (ci < 0) continue;
    return { row: grid.top + i, quarterCol: grid.left + qi, cumulativeCol: grid.left + ci };
  }
  return undefined;
}

export function hasChart(grid: SheetGrid): boolean {
  return findHeader(grid) !== undefined;
}

const OFFICE_KEY = normalizeLabel(OFFICE_LABEL);
const HEADING_KEYS = Object.entries(NARRATIVE_HEADINGS).map(
  ([k, h]) => [k as NarrativeKey, normalizeLabel(h)] as const
);

/** The chart and everything fill writes around it, found by labels. Throws LayoutError. */
export function findChart(grid: SheetGrid): ChartLayout {
  const header = findHeader(grid);
  if (!header) {
    throw new LayoutError(
      `sheet "${grid.sheet}" has no chart: no row with "${QUARTER_HEADER}" and "${CUMULATIVE_HEADER}" headers.`
    );
  }
  const lineRows: Partial<Record<LineKey, number>> = {};
  let labelCol = grid.left;
  const written: Partial<Record<LineKey, { quarter: CellValue; cumulative: CellValue }>> = {};
  let section: SectionKey | undefined;
  const lastRow = grid.top + grid.values.length - 1;
  for (let row = header.row + 1; row <= lastRow; row++) {
    // The row's label: its first text left of the Quarter column.
    let label = "";
    let col = grid.left;
    for (; col < header.quarterCol && label === ""; col++)
      label = text(cellAt(grid, row, col)).trim();
    if (label === "") continue;
    const s = SECTION_LABELS.get(normalizeLabel(label));
    if (s) {
      section = s;
      continue;
    }
    if (!section) continue;
    const l = lineOfLabel(section, label);
    if (l && lineRows[l.key] === undefined) {
      if (Object.keys(lineRows).length === 0) labelCol = col - 1;
      lineRows[l.key] = row;
      written[l.key] = {
        quarter: cellAt(grid, row, header.quarterCol),
        cumulative: cellAt(grid, row, header.cumulativeCol),
      };
    }
    if (Object.keys(lineRows).length === CHART_LINES.length) break;
  }
  const missing = CHART_LINES.filter((l) => lineRows[l.key] === undefined);
  if (missing.length > 0) {
    const names = missing.map((l) => `${SECTION[l.section]} / ${l.label}`).join("; ");
    throw new LayoutError(`the chart on sheet "${grid.sheet}" has no line for: ${names}.`);
  }

  let title: ChartLayout["title"];
  let fiscalYear: ChartLayout["fiscalYear"];
  let office: ChartLayout["office"];
  const narrative: Partial<Record<NarrativeKey, CellRef>> = {};
  const maxLineRow = Math.max(...Object.values(lineRows as Record<LineKey, number>));
  // Labels are compared without normalising each text (labelEquals). A blank text matches none.
  // Each is the first match, so the scan stops once all are found: below the last heading a
  // filled report has only its bullets (most of the sheet's text).
  let found = 0;
  const wanted = 3 + HEADING_KEYS.length;
  for (let i = 0; i < grid.values.length && found < wanted; i++) {
    const cells = grid.values[i];
    const row = grid.top + i;
    for (let j = 0; j < cells.length; j++) {
      const v = cells[j];
      if (typeof v !== "string" || v === "") continue;
      const col = grid.left + j;
      if (!title && row < header.row && /quarterly\s*report/i.test(v)) {
        title = { row, col, text: v };
        found++;
      } else if (!fiscalYear && row <= header.row && /^\s*fiscal\s*year/i.test(v)) {
        fiscalYear = { row, col, text: v };
        found++;
      } else if (!office && labelEquals(v, OFFICE_KEY)) {
        office = { row, col: col + 1, text: text(cellAt(grid, row, col + 1)) };
        found++;
      } else if (row > maxLineRow) {
        for (const [key, h] of HEADING_KEYS) {
          if (!narrative[key] && labelEquals(v, h)) {
            narrative[key] = { row, col };
            found++;
          }
        }
      }
    }
  }
  return {
    sheet: grid.sheet,
    headerRow: header.row,
    labelCol,
    quarterCol: header.quarterCol,
    cumulativeCol: header.cumulativeCol,
    lineRows: lineRows as Record<LineKey, number>,
    written: written as Record<LineKey, { quarter: CellValue; cumulative: CellValue }>,
    ...(title ? { title } : {}),
    ...(fiscalYear ? { fiscalYear } : {}),
    ...(office ? { office } : {}),
    narrative,
    lastRow,
  };
}

/** The sheet that holds the chart: "Quarterly Report" first, then any sheet with the header. */
export async function findReportSheet(port: WorkbookPort): Promise<SheetGrid> {
  const found = await findSheet(port, REPORT_SHEET, hasChart);
  if (found) return found;
  const names = await port.sheetNames();
  throw new LayoutError(
    `no sheet holds the Human Trafficking Outreach chart (a row with "${QUARTER_HEADER}" and "${CUMULATIVE_HEADER}"); sheets: ${names.map((n) => `"${n}"`).join(", ") || "none"}.`
  );
}

/** Sheet and table names as the add-in compares them: case and surrounding spaces ignored. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The items in their order, but those named `preferred` first. */
function preferredFirst<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  preferred: string
): T[] {
  return [...items].sort(
    (a, b) => Number(sameName(nameOf(b), preferred)) - Number(sameName(nameOf(a), preferred))
  );
}

/** The first sheet whose cells pass `test`, the one named `preferred` tried first. */
export async function findSheet(
  port: WorkbookPort,
  preferred: string,
  test: (grid: SheetGrid) => boolean
): Promise<SheetGrid | undefined> {
  for (const name of preferredFirst(await port.sheetNames(), (n) => n, preferred)) {
    const grid = await port.readSheet(name);
    if (test(grid)) return grid;
  }
  return undefined;
}

/** The log's cells as readLog wants them, and where they came from. */
export interface LogLocation {
  readonly sheet: string;
  /** The Excel table holding the log, when it is one. */
  readonly table?: string;
  readonly grid: LogGrid;
}

function slice(
  grid: SheetGrid,
  top: number,
  left: number,
  bottom: number,
  right: number
): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = top; r <= bottom; r++) {
    const cells = grid.values[r - grid.top] ?? [];
    const row: CellValue[] = new Array(right - left + 1);
    for (let c = left; c <= right; c++) row[c - left] = cells[c - grid.left] ?? null;
    out.push(row);
  }
  return out;
}

/** How many rows down a sheet to look for the log's header row. */
const HEADER_SEARCH_ROWS = 30;

/**
 * The table's rows without copying their cells: readLog reads only the columns its header row
 * names, so the header is cut to the table's width and the data rows are shared as they are.
 */
function tableRows(grid: SheetGrid, t: TableRef): CellValue[][] {
  if (t.left !== grid.left) return slice(grid, t.top, t.left, t.bottom, t.right);
  const rows: CellValue[][] = [slice(grid, t.top, t.left, t.top, t.right)[0]];
  const end = Math.min(t.bottom + 1 - grid.top, grid.values.length);
  for (let i = Math.max(0, t.top + 1 - grid.top); i < end; i++)
    rows.push(grid.values[i] as CellValue[]);
  return rows;
}

/** A table's cells found in a workbook, its header row first, and where they are. */
export interface FoundTable {
  readonly sheet: string;
  /** The Excel table, when it is one. */
  readonly table?: string;
  readonly values: CellValue[][];
  readonly top: number;
  readonly left: number;
}

/** What to look for: the table's name, the sheet a new workbook gives it, its header test. */
export interface TableTarget {
  readonly table: string;
  readonly sheet: string;
  readonly isHeader: (row: readonly CellValue[]) => boolean;
}

/** Each sheet read once, however many tables are looked for. */
export type SheetReader = (sheet: string) => Promise<SheetGrid>;

export function sheetReader(port: WorkbookPort): SheetReader {
  const grids = new Map<string, Promise<SheetGrid>>();
  return (sheet) => {
    let g = grids.get(sheet);
    if (!g) grids.set(sheet, (g = port.readSheet(sheet)));
    return g;
  };
}

function fromRange(grid: SheetGrid, isHeader: TableTarget["isHeader"]): FoundTable | undefined {
  const limit = Math.min(grid.values.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    if (!isHeader(grid.values[i])) continue;
    const cells = grid.values[i];
    let first = 0;
    while (first < cells.length && isBlank(cells[first])) first++;
    let last = cells.length - 1;
    while (last > first && isBlank(cells[last])) last--;
    const top = grid.top + i;
    const left = grid.left + first;
    const bottom = grid.top + grid.values.length - 1;
    return {
      sheet: grid.sheet,
      values: slice(grid, top, left, bottom, grid.left + last),
      top,
      left,
    };
  }
  return undefined;
}

/**
 * A table by its header row: the Excel table of that name, else any table whose header row passes
 * the test, else a plain range under such a header row in the first rows of a sheet (the target's
 * sheet first). Undefined when there is none.
 */
export async function locateTable(
  port: WorkbookPort,
  target: TableTarget,
  read: SheetReader = sheetReader(port)
): Promise<FoundTable | undefined> {
  const tables = preferredFirst(await port.tables(), (t) => t.name, target.table);
  for (const t of tables) {
    const grid = await read(t.sheet);
    const header = slice(grid, t.top, t.left, t.top, t.right)[0];
    if (target.isHeader(header)) {
      return {
        sheet: t.sheet,
        table: t.name,
        values: tableRows(grid, t),
        top: t.top,
        left: t.left,
      };
    }
  }
  for (const name of preferredFirst(await port.sheetNames(), (n) => n, target.sheet)) {
    const found = fromRange(await read(name), target.isHeader);
    if (found) return found;
  }
  return undefined;
}

/**
 * The log: the "OutreachLog" table, else any table whose header names log columns, else a
 * plain range under a header row ("Outreach Log" sheet first). Throws LayoutError.
 */
export async function findLog(port: WorkbookPort): Promise<LogLocation> {
  const date1904 = await port.date1904();
  const found = await locateTable(port, {
    table: LOG_TABLE,
    sheet: LOG_SHEET,
    isHeader: looksLikeHeader,
  });
  if (!found) {
    throw new LayoutError(
      `no outreach log found: expected a sheet "${LOG_SHEET}" with a header row naming the log's columns (Date, Sector, Level, Activity, Agency, ...).`
    );
  }
  return {
    sheet: found.sheet,
    ...(found.table ? { table: found.table } : {}),
    grid: { values: found.values, top: found.top, left: found.left, date1904, header: "required" },
  };
}

/** One of the optional tables (victim leads, materials, media canvass), as readTable wants it. */
export interface TableLocation {
  readonly sheet: string;
  readonly table?: string;
  readonly grid: TableGrid;
}

export type OptionalTable = "leads" | "materials" | "media";

/** Where each optional table is looked for: its Excel table's name, its sheet, its header row. */
export const OPTIONAL_TABLES: Readonly<Record<OptionalTable, TableTarget>> = {
  leads: {
    table: LEADS_TABLE,
    sheet: LEADS_SHEET,
    isHeader: (r) => LEADS_SPEC.words.looksLikeHeader(r),
  },
  materials: {
    table: MATERIALS_TABLE,
    sheet: MATERIALS_SHEET,
    isHeader: (r) => MATERIALS_SPEC.words.looksLikeHeader(r),
  },
  media: {
    table: MEDIA_TABLE,
    sheet: MEDIA_SHEET,
    isHeader: (r) => MEDIA_SPEC.words.looksLikeHeader(r),
  },
};

/**
 * The optional tables the workbook has, each found like the log (by table name, then by header
 * row), every sheet read once. A workbook without them gives {}.
 */
export async function findOptionalTables(
  port: WorkbookPort
): Promise<Partial<Record<OptionalTable, TableLocation>>> {
  const date1904 = await port.date1904();
  const read = sheetReader(port);
  const out: Partial<Record<OptionalTable, TableLocation>> = {};
  for (const key of Object.keys(OPTIONAL_TABLES) as OptionalTable[]) {
    const found = await locateTable(port, OPTIONAL_TABLES[key], read);
    if (!found) continue;
    out[key] = {
      sheet: found.sheet,
      ...(found.table ? { table: found.table } : {}),
      grid: {
        values: found.values,
        top: found.top,
        left: found.left,
        date1904,
        sheet: found.sheet,
      },
    };
  }
  return out;
}

/** Rows of the Prospective Training table, if the workbook has one. */
export async function findProspective(port: WorkbookPort): Promise<CellValue[][] | undefined> {
  const headers = Object.values(PROSPECTIVE_HEADERS).map(normalizeLabel);
  const tables = await port.tables();
  const t = tables.find((x) => sameName(x.name, PROSPECTIVE_TABLE));
  let grid: SheetGrid | undefined;
  let rows: CellValue[][] | undefined;
  if (t) {
    grid = await port.readSheet(t.sheet);
    rows = slice(grid, t.top, t.left, t.bottom, t.right);
  } else if ((await port.sheetNames()).some((n) => sameName(n, PROSPECTIVE_SHEET))) {
    grid = await port.readSheet(PROSPECTIVE_SHEET);
    rows = grid.values.map((r) => [...r]);
  }
  if (!rows || rows.length === 0) return undefined;
  // Columns by header text; rows that are entirely blank are skipped.
  const index = rows[0].map((h) => headers.indexOf(normalizeLabel(text(h))));
  return rows
    .slice(1)
    .filter((r) => r.some((v) => !isBlank(v)))
    .map((r) => {
      const ordered: CellValue[] = new Array(headers.length).fill(null);
      r.forEach((v, j) => {
        if (index[j] >= 0) ordered[index[j]] = v;
      });
      return ordered;
    });
}
