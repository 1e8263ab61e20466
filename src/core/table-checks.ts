/**
 * What the checks of the optional tables share: a finding about a row of a parsed table (with its
 * sheet and cell), and the log's formula-like-text warning over a table's free-text columns.
 */
import { formulaLikeFindings } from "./checks";
import { Finding, FindingCode, FINDING_SEVERITY } from "./findings";
import { ParsedTable, cellOf } from "./table";

/** A finding about `row` of the table, in `column` (its severity is the code's). */
export function tableFinding<K extends string>(
  parsed: ParsedTable<K, unknown>,
  row: number,
  column: K,
  code: FindingCode,
  message: string
): Finding {
  const cell = cellOf(parsed, column, row);
  return {
    sheet: parsed.sheet,
    row,
    column: parsed.headers[column],
    severity: FINDING_SEVERITY[code],
    code,
    message,
    ...(cell ? { cell } : {}),
  };
}

/** The formula-like-text warning over a parsed table's free-text columns. */
export function formulaLike<K extends string>(
  parsed: ParsedTable<K, unknown>,
  keys: readonly K[]
): Finding[] {
  const present = keys.filter((k) => parsed.columns[k] !== undefined);
  return formulaLikeFindings(
    parsed.grid,
    1,
    present.map((k) => ({ index: parsed.columns[k] as number, header: parsed.headers[k] })),
    parsed.sheet
  );
}
