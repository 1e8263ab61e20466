/**
 * A table of the workbook found by its header row: its columns (each with the header `tips init`
 * writes and the other header texts that mean it), which header cell names which column (case,
 * spacing and punctuation ignored, any order, extra columns allowed), and whether a row is a
 * header row at all. The log and the three optional tables (victim leads, materials, media) all
 * match their headers here.
 */
import { CellValue, isBlank } from "./cells";
import { closestMatch } from "./spelling";
import { normalizeWord } from "./words";

export interface TableColumn<K extends string> {
  readonly key: K;
  /** The header `tips init` writes and messages name. */
  readonly header: string;
  /** Other header texts that mean the same column. */
  readonly aliases: readonly string[];
  /** A table may leave this column out altogether. */
  readonly optional: boolean;
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

  constructor(readonly columns: readonly TableColumn<K>[]) {
    for (const c of columns)
      for (const h of [c.header, ...c.aliases]) this.words.set(normalizeWord(h), c.key);
  }

  /** The column a header text names, or undefined. */
  keyOf(text: string): K | undefined {
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
