/**
 * Adding one row to a table of the workbook from a form, whichever table: the form's values
 * checked with the table's own zod row schema (so a saved row is never an error in Check), each
 * problem on its field; the row's cells in the order of the workbook's own columns; and one
 * append (to the Excel table, or below a plain range's last row). The outreach log
 * (log-entry.ts) and the optional tables (the Victim Leads, Materials Distributed and Media
 * Canvass forms, below) all go through here.
 */
import { FORMULA_LIKE } from "../core/checks";
import { CellValue, isBlank } from "../core/cells";
import { Day, serialFromDay } from "../core/dates";
import { FindingCode } from "../core/findings";
import { LEAD_SOURCES, LEADS_SPEC, leadRowSchema } from "../core/leads";
import { MATERIALS_SPEC, materialRowSchema } from "../core/materials";
import { MEDIA_SPEC, mediaRowSchema } from "../core/media";
import { HeaderWords, TableGrid, tableSubject } from "../core/table";
import { OPTIONAL_TABLES, OptionalTable, findOptionalTables } from "../workbook/layout";
import { CellWrite, WorkbookPort } from "../workbook/port";

export interface FieldIssue<K extends string = string> {
  readonly field: K;
  readonly code?: FindingCode;
  readonly message: string;
}

/** Where new rows of a table go, and the order of its columns. */
export interface EntryTarget<K extends string = string> {
  readonly sheet: string;
  /** The Excel table holding the rows; rows are appended to it. */
  readonly table?: string;
  /** Column key -> 0-based index from `left`. */
  readonly columns: Readonly<Partial<Record<K, number>>>;
  readonly left: number;
  readonly width: number;
  /** A plain-range table: the row below its last non-blank row. */
  nextRow: number;
  readonly date1904: boolean;
}

export type RowCells = (string | number | null)[];

/** A table found on a sheet (its header row first), as a target for new rows. */
export function entryTarget<K extends string>(
  found: { readonly sheet: string; readonly table?: string; readonly grid: TableGrid },
  columns: Readonly<Partial<Record<K, number>>>
): EntryTarget<K> {
  const values = found.grid.values;
  const top = found.grid.top ?? 1;
  let last = 0;
  for (let i = values.length - 1; i > 0; i--) {
    if (values[i].some((v) => !isBlank(v))) {
      last = i;
      break;
    }
  }
  return {
    sheet: found.sheet,
    ...(found.table ? { table: found.table } : {}),
    columns,
    left: found.grid.left ?? 1,
    width: values[0]?.length ?? 0,
    nextRow: top + last + 1,
    date1904: found.grid.date1904 ?? false,
  };
}

/** A row's cells in the target's column order; a column the table lacks is left out. */
export function rowCells<K extends string>(
  target: EntryTarget<K>,
  values: Partial<Record<K, string | number | null>>
): RowCells {
  const row: RowCells = new Array(target.width).fill(null);
  for (const [key, value] of Object.entries(values) as [K, string | number | null][]) {
    const i = target.columns[key];
    if (i !== undefined && value !== undefined) row[i] = value;
  }
  return row;
}

/** Append one row (one table append, or one block of cells under a plain range). */
export async function appendRow(
  port: WorkbookPort,
  target: EntryTarget,
  row: RowCells
): Promise<void> {
  if (target.table) {
    await port.appendTableRows(target.table, [row]);
    return;
  }
  const writes: CellWrite[] = row.map((value, j) => ({
    row: target.nextRow,
    col: target.left + j,
    value,
  }));
  await port.writeCells(target.sheet, writes);
  target.nextRow += 1;
}

interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * A row schema's issues as the form shows them: one message per field (the first), in the
 * form's order (the table's column order), so the first is the first field to fix.
 */
export function fieldIssues<K extends string>(
  issues: readonly SchemaIssue[],
  keys: readonly K[]
): FieldIssue<K>[] {
  const out: FieldIssue<K>[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const field = issue.path[0] as K;
    if (!keys.includes(field) || seen.has(field)) continue;
    seen.add(field);
    const code = (issue as { params?: { code?: FindingCode } }).params?.code;
    out.push({ field, message: issue.message, ...(code ? { code } : {}) });
  }
  out.sort((a, b) => keys.indexOf(a.field) - keys.indexOf(b.field));
  return out;
}

/** The note for text that begins like a formula: saved as text, said before it is saved. */
export function formulaNotes<K extends string>(
  fields: Partial<Record<K, unknown>>,
  keys: readonly K[],
  header: (key: K) => string
): FieldIssue<K>[] {
  const notes: FieldIssue<K>[] = [];
  for (const key of keys) {
    const v = fields[key];
    if (typeof v === "string" && FORMULA_LIKE.test(v)) {
      notes.push({
        field: key,
        code: "formula-like-text",
        message: `${header(key)} begins with "${v[0]}": it is saved as text, never as a formula.`,
      });
    }
  }
  return notes;
}

// ---- The optional tables' forms ---------------------------------------------------------------

/** What a form of an optional table holds: text for every field, a yes/no for a Y/N field. */
export type TableEntryForm = Readonly<Record<string, string | boolean | undefined>>;

/** A checked row's fields (as the table's coercers give them: days, words, numbers, booleans). */
export type TableEntryFields = Readonly<Record<string, unknown>>;

export type TableEntryCheck =
  | { readonly ok: true; readonly fields: TableEntryFields; readonly notes: FieldIssue[] }
  | { readonly ok: false; readonly issues: FieldIssue[] };

interface SafeParse {
  safeParse(
    input: unknown
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** One optional table as a form sees it: its columns, schema, date columns and free text. */
export interface TableEntryKind {
  readonly table: OptionalTable;
  readonly sheet: string;
  /** The table's header words (its columns, in the order `tips init` writes them). */
  readonly words: HeaderWords<string>;
  readonly schema: (date1904: boolean) => SafeParse;
  /** Columns holding dates (written as serial numbers, with the date format). */
  readonly dates: readonly string[];
  /** Columns of free text (a note when one begins like a formula). */
  readonly text: readonly string[];
  /** A field's cell when it is not the field itself (a lead's Source key is written as its label). */
  readonly cell?: Readonly<Record<string, (value: unknown) => string>>;
}

const SOURCE_LABEL = new Map<string, string>(LEAD_SOURCES.map((s) => [s.key, s.label]));

/** The three optional tables' forms, by table. */
export const TABLE_ENTRY: Readonly<Record<OptionalTable, TableEntryKind>> = {
  leads: {
    table: "leads",
    sheet: OPTIONAL_TABLES.leads.sheet,
    words: LEADS_SPEC.words,
    schema: leadRowSchema,
    dates: ["received", "responded"],
    text: ["referringAgency", "notes"],
    cell: { source: (v) => SOURCE_LABEL.get(v as string) ?? String(v) },
  },
  materials: {
    table: "materials",
    sheet: OPTIONAL_TABLES.materials.sheet,
    words: MATERIALS_SPEC.words,
    schema: materialRowSchema,
    dates: ["date"],
    text: ["agency"],
  },
  media: {
    table: "media",
    sheet: OPTIONAL_TABLES.media.sheet,
    words: MEDIA_SPEC.words,
    schema: mediaRowSchema,
    dates: ["date", "sentToHq"],
    text: ["publication", "country"],
  },
};

const keysOf = (kind: TableEntryKind): string[] => kind.words.columns.map((c) => c.key);
const headerOf = (kind: TableEntryKind) => (key: string) =>
  kind.words.columns.find((c) => c.key === key)?.header ?? key;

/** Check a form's values with the table's row schema: every problem, each on its field. */
export function validateTableEntry(
  kind: TableEntryKind,
  form: TableEntryForm,
  date1904 = false
): TableEntryCheck {
  const keys = keysOf(kind);
  const input: Record<string, CellValue> = {};
  for (const key of keys) {
    const v = form[key];
    input[key] = typeof v === "boolean" ? (v ? "Y" : "N") : (v ?? "");
  }
  const result = kind.schema(date1904).safeParse(input);
  if (!result.success) return { ok: false, issues: fieldIssues(result.error.issues, keys) };
  const fields = result.data as TableEntryFields;
  return { ok: true, fields, notes: formulaNotes(fields, kind.text, headerOf(kind)) };
}

/** A checked row as the table's cells: dates as serial numbers, Y/N, words as the spec spells. */
export function tableEntryCells(
  kind: TableEntryKind,
  fields: TableEntryFields,
  target: EntryTarget
): RowCells {
  const values: Record<string, string | number | null> = {};
  for (const key of keysOf(kind)) {
    const v = fields[key];
    if (v === undefined) continue;
    const cell = kind.cell?.[key];
    if (kind.dates.includes(key)) values[key] = serialFromDay(v as Day, target.date1904);
    else if (typeof v === "boolean") values[key] = v ? "Y" : "N";
    else values[key] = cell ? cell(v) : (v as string | number);
  }
  return rowCells(target, values);
}

/** The workbook has no sheet for this table: Set up (or "add the sheet") makes it. */
export class NoTableError extends Error {
  override name = "NoTableError";
  constructor(readonly table: OptionalTable) {
    super(`the workbook has no ${OPTIONAL_TABLES[table].sheet} table yet.`);
  }
}

/** Where the table's new rows go. Throws NoTableError, or TableLayoutError for a broken header. */
export async function findTableTarget(
  port: WorkbookPort,
  kind: TableEntryKind
): Promise<EntryTarget> {
  const found = (await findOptionalTables(port))[kind.table];
  if (!found) throw new NoTableError(kind.table);
  const columns = kind.words.match(
    found.grid.values[0] ?? [],
    found.grid.top ?? 1,
    tableSubject(kind.sheet)
  );
  return entryTarget(found, columns);
}
