/**
 * `tips init FILE [--office NAME] [--period P]`: a new workbook in the seed's layout, with the
 * Victim Leads, Materials Distributed and Media Canvass tables.
 */
import { existsSync } from "node:fs";
import { parsePeriod, formatPeriod } from "../../core/period";
import { SETTING } from "../../core/settings";
import { XlsxAdapter } from "../../workbook/xlsx-adapter";
import {
  leadsSheet,
  logSheet,
  materialsSheet,
  mediaSheet,
  prospectiveSheet,
  reportSheet,
} from "../../workbook/seed-layout";
import { assessmentSheet } from "../../workbook/assessment-layout";
import { UserError } from "../errors";
import { saveWorkbookFile } from "../workbook-file";
import { CommandContext } from "./context";

export async function init(ctx: CommandContext): Promise<number> {
  const file = ctx.file("init");
  if (existsSync(file))
    throw new UserError("already exists: choose another name, or move the file away first.", file);
  const period = ctx.options.period ? parsePeriod(ctx.options.period) : undefined;
  const office = ctx.options.office?.trim() || undefined;
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(period, office));
  await book.addSheet(logSheet());
  await book.addSheet(prospectiveSheet());
  for (const sheet of [leadsSheet(), materialsSheet(), mediaSheet()]) await book.addSheet(sheet);
  await book.addSheet(assessmentSheet(period?.fiscalYear, office));
  if (period) await book.setSetting(SETTING.period, formatPeriod(period));
  if (office) await book.setSetting(SETTING.office, office);
  await saveWorkbookFile(book, file);
  const names = (await book.sheetNames()).map((n) => `"${n}"`);
  ctx.out(
    `Created ${file}: ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} sheets.`
  );
  if (!period)
    ctx.out(
      `No period given: pass --period to fill it, or run "tips fill ${file} --period FY2007 Q3" later.`
    );
  return 0;
}
