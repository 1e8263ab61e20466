/**
 * A table of the workbook found by its header row: its columns (each with the header `tips init`
 * writes and the other header texts that mean it), which header cell names which column (case,
 * spacing and punctuation ignored, any order, extra columns allowed), and whether a row is a
 * header row at all. The log and the three optional tables (victim leads, materials, media) all
 * match their headers here.
 */
import { z } from "zod";
import { CellValue, Coercer, isBlank, isFailure } from "./cells";
import { Finding, FindingCode, FINDING_SEVERITY, sortFindings } from "./findings";
import { columnLetters } from "./cell-address";
import { closestMatch } from "./spelling";
import { normalizeWord, normalizesWithin } from "./words";

export interface TableColumn<K extends string> {
  readonly key: K;
  /** The header `tips init` writes and messages name. */
  readonly header: string;
  /** Other header texts that mean the same column. */
  readonly aliases: readonly string[];
  /** A table may leave this column out altogether. */
  readonly optional: boolean;
}

export function tableColumn<K extends string>(
  key: K,
  header: string,
  aliases: readonly string[] = [],
  optional = false
): TableColumn<K> {
  return { key, header, aliases, optional };
}

/** Each column's header (the name messages give it), by key. */
export function headersOf<K extends string>(
  columns: readonly TableColumn<K>[]
): Readonly<Record<K, string>> {
  return Object.fromEntries(columns.map((c) => [c.key, c.header])) as Record<K, string>;
}

/** A table's header row misses a column: the message names it (and a likely misspelling). */
export class TableLayoutError extends Error {
  override name = "TableLayoutError";
}

/** A row names at least this many of a table's columns: it is that table's header row. */
export const HEADER_MIN_COLUMNS = 3;

/** A table's header texts, normalised, to its columns. */
export class HeaderWords<K extends string> {
  private readonly words = new Map<string, K>();
  /** The longest normalised header text: a cell that normalises to more names no column. */
  private readonly longest: number;

  constructor(readonly columns: readonly TableColumn<K>[]) {
    for (const c of columns)
      for (const h of [c.header, ...c.aliases]) this.words.set(normalizeWord(h), c.key);
    this.longest = Math.max(0, ...[...this.words.keys()].map((w) => w.length));
  }

  /**
   * The column a header text names, or undefined. Long text is ruled out before it is normalised:
   * finding the optional tables asks this of the first rows of every sheet, free text included.
   * Consolidating 100 seed-layout returns took 1035 ms CPU with this test, 1066 ms without it.
   */
  keyOf(text: string): K | undefined {
    if (!normalizesWithin(text, this.longest)) return undefined;
    return this.words.get(normalizeWord(text));
  }

  /** True when a row's cells name at least HEADER_MIN_COLUMNS of the columns. */
  looksLikeHeader(row: readonly CellValue[]): boolean {
    let named = 0;
    for (const cell of row) if (typeof cell === "string" && this.keyOf(cell) !== undefined) named++;
    return named >= Math.min(HEADER_MIN_COLUMNS, this.columns.length);
  }

  /**
   * Which column each header cell names (the first cell, when two name one column). Throws
   * `error` (TableLayoutError by default) naming every required column that is missing, as
   * "<subject> header row (row N) has no ..." ("the log's header row (row 1) has no ...").
   */
  match(
    header: readonly CellValue[],
    headerRow: number,
    subject: string,
    error: new (message: string) => Error = TableLayoutError
  ): Partial<Record<K, number>> {
    const columns: Partial<Record<K, number>> = {};
    const unknown: string[] = [];
    header.forEach((cell, i) => {
      if (isBlank(cell)) return;
      const key = this.keyOf(String(cell));
      if (key === undefined) unknown.push(String(cell).trim());
      else if (columns[key] === undefined) columns[key] = i;
    });
    const missing = this.columns.filter((c) => !c.optional && columns[c.key] === undefined);
    if (missing.length > 0) {
      const what = missing
        .map((c) => {
          const guess = closestMatch(c.header, unknown, normalizeWord, 3);
          return guess
            ? `"${c.header}" column (is "${guess}" a misspelling?)`
            : `"${c.header}" column`;
        })
        .join("; no ");
      throw new error(`${subject} header row (row ${headerRow}) has no ${what}.`);
    }
    return columns;
  }
}

// ---- A table's rows ---------------------------------------------------------------------------

/** A table's cells, its header row first, and where they are on the sheet (for messages). */
export interface TableGrid {
  readonly values: readonly (readonly CellValue[])[];
  /** Worksheet row of values[0] (default 1) and column of values[x][0] (default 1). */
  readonly top?: number;
  readonly left?: number;
  readonly date1904?: boolean;
  /** The sheet the table is on, which its findings name. */
  readonly sheet?: string;
}

/** Report that a column of the row breaks a rule (an error: the row is not counted). */
export type ReportIssue<K extends string> = (column: K, code: FindingCode, message: string) => void;

/** Each field of a row, undefined when its cell is blank or could not be read. */
export type Fields<F> = { -readonly [C in keyof F]?: F[C] };

/**
 * One table, in one place: its columns, what each cell may hold, the rules that tie a row's
 * fields together, and the entry a valid row becomes. `readTable` and `rowSchema` both use it.
 */
export interface TableSpec<
  K extends string,
  F extends Record<K, unknown>,
  E extends { row: number },
> {
  /** The sheet a new workbook gives the table, and its findings name when the grid names none. */
  readonly sheet: string;
  readonly words: HeaderWords<K>;
  readonly coercers: { readonly [C in K]: Coercer<F[C]> };
  /** Errors only; a field that failed its own coercion arrives undefined and is not reported again. */
  rules(fields: Fields<F>, report: ReportIssue<K>): void;
  /** The entry of a row with no error. */
  entry(fields: Fields<F>, row: number): E;
}

export interface ParsedTable<K extends string, E> {
  /** The rows that pass every error rule, in worksheet order. */
  readonly entries: E[];
  /** The cells' and rows' findings (errors, and warnings of a cell such as an unknown Y/N). */
  readonly findings: Finding[];
  /** Column key -> 0-based index into a row of values. */
  readonly columns: Readonly<Partial<Record<K, number>>>;
  readonly headerRow: number;
  readonly sheet: string;
  /** Non-blank data rows, and how many of them have errors. */
  readonly dataRows: number;
  readonly invalidRows: number;
  readonly grid: TableGrid;
  /** The header each column is named by in messages. */
  readonly headers: Readonly<Record<K, string>>;
}

/** How messages name a table by its sheet: "the Victim Leads table's" (header row (row 3) ...). */
export function tableSubject(sheet: string): string {
  return `the ${sheet} table's`;
}

/** A finding about `row` of the table, in `column` (its severity is the code's). */
export function tableFinding<K extends string>(
  table: Pick<ParsedTable<K, unknown>, "sheet" | "headers" | "columns" | "grid">,
  row: number,
  column: K,
  code: FindingCode,
  message: string
): Finding {
  const cell = cellOf(table, column, row);
  return {
    sheet: table.sheet,
    row,
    column: table.headers[column],
    severity: FINDING_SEVERITY[code],
    code,
    message,
    ...(cell ? { cell } : {}),
  };
}

/** Where a column's cell is on the sheet ("C14"), when the table has the column. */
export function cellOf<K extends string>(
  parsed: Pick<ParsedTable<K, unknown>, "columns" | "grid">,
  column: K,
  row: number
): string | undefined {
  const index = parsed.columns[column];
  return index === undefined
    ? undefined
    : `${columnLetters((parsed.grid.left ?? 1) + index)}${row}`;
}

/** Read every row of a table under its header row: the valid entries, and every broken rule. */
export function readTable<
  K extends string,
  F extends Record<K, unknown>,
  E extends { row: number },
>(spec: TableSpec<K, F, E>, grid: TableGrid): ParsedTable<K, E> {
  const top = grid.top ?? 1;
  const date1904 = grid.date1904 ?? false;
  const sheet = grid.sheet ?? spec.sheet;
  const subject = tableSubject(spec.sheet);
  if (grid.values.length === 0) throw new TableLayoutError(`${subject} header row is missing.`);
  const columns = spec.words.match(grid.values[0], top, subject);
  const headers = headersOf(spec.words.columns);
  const table = { sheet, headers, columns, grid };
  const keys = spec.words.columns.map((c) => c.key).filter((k) => columns[k] !== undefined);
  const entries: E[] = [];
  const findings: Finding[] = [];
  let dataRows = 0;
  let invalidRows = 0;
  for (let i = 1; i < grid.values.length; i++) {
    const cells = grid.values[i];
    const row = top + i;
    if (keys.every((k) => isBlank(cells[columns[k] as number]))) continue;
    dataRows++;
    const fields: Fields<F> = {};
    const failed = new Set<K>();
    let errors = 0;
    const find = (column: K, code: FindingCode, message: string): void => {
      if (FINDING_SEVERITY[code] === "error") errors++;
      findings.push(tableFinding(table, row, column, code, message));
    };
    for (const k of keys) {
      const raw = cells[columns[k] as number];
      if (isBlank(raw)) continue;
      const r = spec.coercers[k](raw, date1904);
      if (!isFailure(r)) {
        fields[k as keyof F] = r as F[keyof F];
        continue;
      }
      if (FINDING_SEVERITY[r.code] === "error") failed.add(k);
      find(k, r.code, r.message);
    }
    spec.rules(fields, (column, code, message) => {
      if (!failed.has(column)) find(column, code, message);
    });
    if (errors > 0) invalidRows++;
    else entries.push(spec.entry(fields, row));
  }
  return {
    entries,
    findings: sortFindings(findings),
    columns,
    headerRow: top,
    sheet,
    dataRows,
    invalidRows,
    grid,
    headers,
  };
}

/**
 * The zod schema of one row (keys are the column keys; values as a cell or a form holds them),
 * built from the coercers and the rules that read the whole table: the task pane's forms validate
 * with it. Every issue carries its finding code in `params.code`.
 */
export function rowSchema<K extends string, F extends Record<K, unknown>>(
  keys: readonly K[],
  coercers: { readonly [C in K]: Coercer<F[C]> },
  rules: (fields: Fields<F>, report: ReportIssue<K>) => void,
  date1904 = false
) {
  // A key the form leaves out is a blank cell.
  const field = (key: K) =>
    z
      .unknown()
      .optional()
      .transform((raw, ctx) => {
        if (isBlank(raw as CellValue)) return undefined;
        const r = coercers[key](raw as CellValue, date1904);
        if (!isFailure(r)) return r;
        if (FINDING_SEVERITY[r.code] === "warning") return undefined;
        ctx.issues.push({
          code: "custom",
          message: r.message,
          input: raw,
          params: { code: r.code },
        });
        return undefined; // as when reading: a field that failed reaches the rules as undefined
      });
  const shape = Object.fromEntries(keys.map((k) => [k, field(k)])) as unknown as {
    [C in K]: z.ZodType<F[C] | undefined, unknown>;
  };
  // The rules run even when a field failed, so a form shows every error at once; a column that
  // already has an issue is not reported again ("missing" after "unreadable").
  return z.object(shape).superRefine(
    (row, ctx) => {
      const failed = new Set(ctx.issues.map((i) => i.path?.[0]));
      rules(row as Fields<F>, (column, code, message) => {
        if (!failed.has(column)) {
          ctx.issues.push({
            code: "custom",
            message,
            path: [column],
            input: row,
            params: { code },
          });
        }
      });
    },
    { when: () => true }
  );
}

/** The zod schema of one row of a table (its form in the task pane). */
export function tableRowSchema<
  K extends string,
  F extends Record<K, unknown>,
  E extends { row: number },
>(spec: TableSpec<K, F, E>, date1904 = false) {
  const keys = spec.words.columns.map((c) => c.key);
  return rowSchema<K, F>(keys, spec.coercers, (f, report) => spec.rules(f, report), date1904);
}
