/**
 * Logging one outreach activity from a form: checked with the engine's own schema (the same rules
 * readLog applies to a row, so a saved row is never an error in Check), turned into the log's
 * cells in the order of the workbook's own columns, and appended below the log (table-entry.ts
 * holds what every table's form shares).
 */
import { Day, serialFromDay, usDate } from "../core/dates";
import { LogLayoutError, RowFields, logRowSchema, matchHeader } from "../core/log";
import { COLUMN_KEYS, ColumnKey, LOG_COLUMN } from "../core/vocabulary";
import { findLog } from "../workbook/layout";
import { WorkbookPort } from "../workbook/port";
import {
  EntryTarget,
  FieldIssue,
  appendRow,
  entryTarget,
  fieldIssues,
  formulaNotes,
  rowCells,
} from "./table-entry";

/** What a form holds: text for every field, a yes/no for Significant. */
export type EntryForm = Partial<Record<ColumnKey, string | boolean>>;

export type EntryCheck =
  | { readonly ok: true; readonly fields: RowFields; readonly notes: FieldIssue<ColumnKey>[] }
  | { readonly ok: false; readonly issues: FieldIssue<ColumnKey>[] };

/** Check a form's values with logRowSchema: every problem, each on the field it belongs to. */
export function validateEntry(form: EntryForm, date1904 = false, today?: Day): EntryCheck {
  const input: Record<string, unknown> = {};
  for (const key of COLUMN_KEYS) {
    const v = form[key];
    input[key] = typeof v === "boolean" ? (v ? "Y" : "N") : (v ?? "");
  }
  const result = logRowSchema(date1904).safeParse(input);
  if (!result.success) return { ok: false, issues: fieldIssues(result.error.issues, COLUMN_KEYS) };
  const fields = result.data as RowFields;
  return { ok: true, fields, notes: entryNotes(fields, today) };
}

/** What the Check view would warn about this row, said before it is saved (never blocking). */
export function entryNotes(fields: RowFields, today?: Day): FieldIssue<ColumnKey>[] {
  const notes: FieldIssue<ColumnKey>[] = [];
  if (today !== undefined && fields.date !== undefined && fields.date > today) {
    notes.push({
      field: "date",
      code: "date-in-future",
      message: `${usDate(fields.date)} is in the future.`,
    });
  }
  notes.push(...formulaNotes(fields, COLUMN_KEYS, (key) => LOG_COLUMN[key].header));
  return notes;
}

/** Where new rows of the log go, and the order of its columns. */
export type LogTarget = EntryTarget<ColumnKey>;

/** Find the log and how its columns are ordered. Throws LayoutError / LogLayoutError. */
export async function findLogTarget(port: WorkbookPort): Promise<LogTarget> {
  const log = await findLog(port);
  const values = log.grid.values;
  if (values.length === 0) throw new LogLayoutError("the log has no header row.");
  return entryTarget(log, matchHeader(values[0], log.grid.top ?? 1));
}

/** A valid entry as the log's cells: dates as serial numbers, words as the spec spells them. */
export function entryRow(fields: RowFields, target: LogTarget): (string | number | null)[] {
  const values: Partial<Record<ColumnKey, string | number | null>> = {};
  for (const key of COLUMN_KEYS) {
    const v = fields[key];
    if (v === undefined) continue;
    if (key === "date") values[key] = serialFromDay(v as Day, target.date1904);
    else if (key === "significant") values[key] = v ? "Y" : "N";
    else values[key] = v as string | number;
  }
  return rowCells(target, values);
}

/** Append one entry to the log (one table append, or one block of cells under a plain range). */
export async function appendEntry(
  port: WorkbookPort,
  target: LogTarget,
  fields: RowFields
): Promise<void> {
  await appendRow(port, target, entryRow(fields, target));
}

/** "04/15/2007, New Contact with Houston Police Department (Law Enforcement, Local)". */
export function describeEntry(fields: RowFields): string {
  const date = fields.date === undefined ? "" : `${usDate(fields.date)}, `;
  const where = [fields.sector, fields.level].filter((s) => s !== undefined).join(", ");
  return `${date}${fields.activity ?? ""} with ${fields.agency ?? ""} (${where})`;
}
