/**
 * What the checks of the optional tables share: every finding of a parsed table in reading order,
 * its own warnings added to its row errors and to the log's formula-like-text warning over its
 * free-text columns.
 */
import { formulaLikeFindings } from "./checks";
import { Finding, sortFindings } from "./findings";
import { ParsedTable } from "./table";

/** The formula-like-text warning over a parsed table's free-text columns. */
function formulaLike<K extends string>(
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

/** The table's findings: its row errors, the table's own `warnings`, formula-like text. */
export function tableFindings<K extends string>(
  parsed: ParsedTable<K, unknown>,
  warnings: readonly Finding[],
  freeText: readonly K[]
): Finding[] {
  return sortFindings([...parsed.findings, ...warnings, ...formulaLike(parsed, freeText)]);
}
