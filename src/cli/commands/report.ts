/**
 * `tips report FILE [--period P] [--json]`: the chart's figures, and those of the Victim Leads,
 * Materials Distributed and Media Canvass tables when the workbook has them.
 */
import { LINE_KEYS } from "../../core/chart";
import { outsideFiscalYearText } from "../../core/checks";
import { dayFromDate } from "../../core/dates";
import { formatPeriod, periodBounds } from "../../core/period";
import { loadQuarterly } from "../../app/quarterly";
import { loadTables } from "../../app/tables";
import {
  chartTable,
  findingJson,
  findingLines,
  findingSummary,
  tableBlocksText,
  tableSummaries,
  tablesJson,
} from "../format";
import { openWorkbookFile } from "../workbook-file";
import { CommandContext } from "./context";

export async function report(ctx: CommandContext): Promise<number> {
  const file = ctx.file("report");
  const book = await openWorkbookFile(file);
  const q = await loadQuarterly(book, {
    period: ctx.options.period,
    today: dayFromDate(new Date()),
  });
  const { figures, findings, errors, log, outsideFiscalYear } = q.report;
  const tables = await loadTables(book, { period: q.period, log: log.entries });
  const { analysis } = tables;
  if (ctx.options.json) {
    const lines = Object.fromEntries(
      LINE_KEYS.map((k) => [k, { quarter: figures.quarter[k], cumulative: figures.cumulative[k] }])
    );
    ctx.out(
      JSON.stringify(
        {
          period: formatPeriod(q.period),
          ...periodBounds(q.period),
          office: q.office ?? null,
          lines,
          findings: findings.map(findingJson),
          outsideFiscalYear,
          ...tablesJson(analysis),
        },
        null,
        2
      )
    );
    return 0;
  }
  ctx.out(chartTable(figures, q.period, q.office));
  for (const line of tableBlocksText(analysis)) ctx.out(line);
  if (findings.length > 0 || analysis.findings.length > 0) {
    ctx.out("");
    for (const line of findingLines([...findings, ...analysis.findings], q.log.sheet))
      ctx.out(line);
    if (findings.length > 0)
      ctx.out(findingSummary(errors, findings.length - errors, log.dataRows, log.invalidRows));
    for (const line of tableSummaries(analysis)) ctx.out(line);
    if (errors + analysis.errors > 0)
      ctx.out("Rows with errors are not counted in the figures above.");
  }
  const outside = outsideFiscalYearText(outsideFiscalYear);
  if (outside) {
    ctx.out("");
    ctx.out(outside);
  }
  return 0;
}
