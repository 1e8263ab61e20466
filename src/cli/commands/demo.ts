/** `tips demo [DIR]`: a realistic sample workbook, filled, and its chart printed. */
import { join } from "node:path";
import { formatPeriod, parsePeriod } from "../../core/period";
import { fillQuarterly, loadQuarterly } from "../../app/quarterly";
import { sampleLog, sampleTables } from "../../app/sample";
import { loadTables } from "../../app/tables";
import { setUpWorkbook } from "../../app/setup";
import { XlsxAdapter } from "../../workbook/xlsx-adapter";
import { chartTable, tableBlocksText } from "../format";
import { makeFolder, saveWorkbookFile } from "../workbook-file";
import { CommandContext } from "./context";

export const DEMO_FILE = "tips-demo.xlsx";
export const DEMO_PERIOD = "FY2007 Q3";
export const DEMO_OFFICE = "SAC Houston";
export const DEMO_ROWS = 360;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function demo(ctx: CommandContext): Promise<number> {
  const dir = ctx.positionals[0] ?? ".";
  makeFolder(dir);
  const file = join(dir, DEMO_FILE);
  const period = parsePeriod(ctx.options.period ?? DEMO_PERIOD);
  const book = XlsxAdapter.blank();
  const log = sampleLog(period, DEMO_ROWS);
  const tables = sampleTables(period, log);
  await setUpWorkbook(book, { office: DEMO_OFFICE, period, rows: { log, ...tables } });
  const q = await loadQuarterly(book, { period: formatPeriod(period) });
  await fillQuarterly(book, q);
  await saveWorkbookFile(book, file);
  ctx.out(chartTable(q.report.figures, q.period, q.office));
  const { analysis } = await loadTables(book, { period: q.period, log: q.report.log.entries });
  for (const line of tableBlocksText(analysis)) ctx.out(line);
  ctx.out("");
  ctx.out(
    `${q.report.log.dataRows} log rows over fiscal year ${period.fiscalYear}; ${plural(q.report.warnings, "warning")}.`
  );
  ctx.out(
    `Wrote ${file}. Try: npm run tips -- report ${file}   or   npm run tips -- check ${file}`
  );
  return 0;
}
