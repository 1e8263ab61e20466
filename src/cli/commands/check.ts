/**
 * `tips check FILE [--period P] [--json]`: every finding of the log and of the Victim Leads,
 * Materials Distributed and Media Canvass tables; exit 1 when any is an error.
 */
import { outsideFiscalYearText } from "../../core/checks";
import { dayFromDate } from "../../core/dates";
import { checkWorkbook } from "../../app/quarterly";
import { EXIT } from "../errors";
import { loadTables } from "../../app/tables";
import { findingJson, findingLines, findingSummary, tableSummaries } from "../format";
import { openWorkbookFile } from "../workbook-file";
import { CommandContext } from "./context";

export async function check(ctx: CommandContext): Promise<number> {
  const file = ctx.file("check");
  const book = await openWorkbookFile(file);
  const result = await checkWorkbook(book, {
    period: ctx.options.period,
    today: dayFromDate(new Date()),
  });
  const { log } = result;
  const { analysis } = await loadTables(book, {
    ...(result.period ? { period: result.period } : {}),
    log: result.parsed.entries,
  });
  // The log's findings, then each table's (naming its sheet).
  const findings = [...result.findings, ...analysis.findings];
  const errors = result.errors + analysis.errors;
  if (ctx.options.json) {
    // outsideFiscalYear: null when neither the workbook nor --period names a period.
    const outsideFiscalYear = result.outsideFiscalYear ?? null;
    ctx.out(
      JSON.stringify({ file, findings: findings.map(findingJson), outsideFiscalYear }, null, 2)
    );
  } else {
    for (const line of findingLines(findings, log.sheet)) ctx.out(line);
    const summary = findingSummary(
      result.errors,
      result.findings.length - result.errors,
      result.parsed.dataRows,
      result.parsed.invalidRows
    );
    ctx.out(
      findings.length === 0 ? `No problems found in ${result.parsed.dataRows} rows.` : summary
    );
    const outside = result.outsideFiscalYear && outsideFiscalYearText(result.outsideFiscalYear);
    if (outside) ctx.out(outside);
    for (const line of tableSummaries(analysis)) ctx.out(line);
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
