/**
 * Logging one outreach activity from a form: checked with the engine's own schema (the same rules
 * readLog applies to a row, so a saved row is never an error in Check), turned into the log's
 * cells in the order of the workbook's own columns, and appended below the log.
 */
import { FORMULA_LIKE } from "../core/checks";
import { Day, serialFromDay, usDate } from "../core/dates";
import { FindingCode } from "../core/findings";
import { LogLayoutError, RowFields, isBlank, logRowSchema, matchHeader } from "../core/log";
import { COLUMN_KEYS, ColumnKey, LOG_COLUMN } from "../core/vocabulary";
import { findLog } from "../workbook/layout";
import { CellWrite, WorkbookPort } from "../workbook/port";

/** What a form holds: text for every field, a yes/no for Significant. */
export type EntryForm = Partial<Record<ColumnKey, string | boolean>>;

export interface FieldIssue {
  readonly field: ColumnKey;
  readonly code?: FindingCode;
  readonly message: string;
}

export type EntryCheck =
  | { readonly ok: true; readonly fields: RowFields; readonly notes: FieldIssue[] }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/** Check a form's values with logRowSchema: every problem, each on the field it belongs to. */
export function validateEntry(form: EntryForm, date1904 = false, today?: Day): EntryCheck {
  const input: Record<string, unknown> = {};
  for (const key of COLUMN_KEYS) {
    const v = form[key];
    input[key] = typeof v === "boolean" ? (v ? "Y" : "N") : (v ?? "");
  }
  const result = logRowSchema(date1904).safeParse(input);
  if (!result.success) {
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const field = issue.path[0] as ColumnKey;
      if (!COLUMN_KEYS.includes(field) || seen.has(field)) continue; // one message per field
      seen.add(field);
      const code = (issue as { params?: { code?: FindingCode } }).params?.code;
      issues.push({ field, message: issue.message, ...(code ? { code } : {}) });
    }
    // In the form's order (the spec's column order), so the first is the first field to fix.
    issues.sort((a, b) => COLUMN_KEYS.indexOf(a.field) - COLUMN_KEYS.indexOf(b.field));
    return { ok: false, issues };
  }
  const fields = result.data as RowFields;
  return { ok: true, fields, notes: entryNotes(fields, today) };
}

/** What the Check view would warn about this row, said before it is saved (never blocking). */
export function entryNotes(fields: RowFields, today?: Day): FieldIssue[] {
  const notes: FieldIssue[] = [];
  if (today !== undefined && fields.date !== undefined && fields.date > today) {
    notes.push({
      field: "date",
      code: "date-in-future",
      message: `${usDate(fields.date)} is in the future.`,
    });
  }
  for (const key of COLUMN_KEYS) {
    const v = fields[key];
    if (typeof v === "string" && FORMULA_LIKE.test(v)) {
      notes.push({
        field: key,
        code: "formula-like-text",
        message: `${LOG_COLUMN[key].header} begins with "${v[0]}": it is saved as text, never as a formula.`,
      });
    }
  }
  return notes;
}

/** Where new rows of the log go, and the order of its columns. */
export interface LogTarget {
  readonly sheet: string;
  /** The Excel table holding the log; rows are appended to it. */
  readonly table?: string;
  /** Column key -> 0-based index from `left`. */
  readonly columns: Readonly<Partial<Record<ColumnKey, number>>>;
  readonly left: number;
  readonly width: number;
  /** A plain-range log: the row below its last non-blank row. */
  nextRow: number;
  readonly date1904: boolean;
}

/** Find the log and how its columns are ordered. Throws LayoutError / LogLayoutError. */
export async function findLogTarget(port: WorkbookPort): Promise<LogTarget> {
  const log = await findLog(port);
  const values = log.grid.values;
  const top = log.grid.top ?? 1;
  if (values.length === 0) throw new LogLayoutError("the log has no header row.");
  const columns = matchHeader(values[0], top);
  let last = 0;
  for (let i = values.length - 1; i > 0; i--) {
    if (values[i].some((v) => !isBlank(v))) {
      last = i;
      break;
    }
  }
  return {
    sheet: log.sheet,
    ...(log.table ? { table: log.table } : {}),
    columns,
    left: log.grid.left ?? 1,
    width: values[0].length,
    nextRow: top + last + 1,
    date1904: log.grid.date1904 ?? false,
  };
}

/** A valid entry as the log's cells: dates as serial numbers, words as the spec spells them. */
export function entryRow(fields: RowFields, target: LogTarget): (string | number | null)[] {
  const row: (string | number | null)[] = new Array(target.width).fill(null);
  const put = (key: ColumnKey, value: string | number | null) => {
    const i = target.columns[key];
    if (i !== undefined) row[i] = value;
  };
  for (const key of COLUMN_KEYS) {
    const v = fields[key];
    if (v === undefined) continue;
    if (key === "date") put(key, serialFromDay(v as Day, target.date1904));
    else if (key === "significant") put(key, v ? "Y" : "N");
    else put(key, v as string | number);
  }
  return row;
}

/** Append one entry to the log (one table append, or one block of cells under a plain range). */
export async function appendEntry(
  port: WorkbookPort,
  target: LogTarget,
  fields: RowFields
): Promise<void> {
  const row = entryRow(fields, target);
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

/** "04/15/2007, New Contact with Houston Police Department (Law Enforcement, Local)". */
export function describeEntry(fields: RowFields): string {
  const date = fields.date === undefined ? "" : `${usDate(fields.date)}, `;
  const where = [fields.sector, fields.level].filter((s) => s !== undefined).join(", ");
  return `${date}${fields.activity ?? ""} with ${fields.agency ?? ""} (${where})`;
}
