/** `tips check FILE [--period P] [--json]`: every finding; exit 1 when any is an error. */
import { outsideFiscalYearText } from "../../core/checks";
import { dayFromDate } from "../../core/dates";
import { checkWorkbook } from "../../app/quarterly";
import { EXIT } from "../errors";
import { findingJson, findingLines, findingSummary } from "../format";
import { openWorkbookFile } from "../workbook-file";
import { CommandContext } from "./context";

export async function check(ctx: CommandContext): Promise<number> {
  const file = ctx.file("check");
  const book = await openWorkbookFile(file);
  const result = await checkWorkbook(book, {
    period: ctx.options.period,
    today: dayFromDate(new Date()),
  });
  const { findings, log, errors } = result;
  if (ctx.options.json) {
    // outsideFiscalYear: null when neither the workbook nor --period names a period.
    const outsideFiscalYear = result.outsideFiscalYear ?? null;
    ctx.out(
      JSON.stringify({ file, findings: findings.map(findingJson), outsideFiscalYear }, null, 2)
    );
  } else {
    for (const line of findingLines(findings, log.sheet)) ctx.out(line);
    const summary = findingSummary(
      errors,
      findings.length - errors,
      result.parsed.dataRows,
      result.parsed.invalidRows
    );
    ctx.out(
      findings.length === 0 ? `No problems found in ${result.parsed.dataRows} rows.` : summary
    );
    const outside = result.outsideFiscalYear && outsideFiscalYearText(result.outsideFiscalYear);
    if (outside) ctx.out(outside);
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
