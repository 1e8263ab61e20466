/**
 * `tips init FILE [--office NAME] [--period P]`: a new workbook in the seed's layout, with the
 * Victim Leads, Materials Distributed and Media Canvass tables.
 */
import { existsSync } from "node:fs";
import { parsePeriod } from "../../core/period";
import { setUpWorkbook } from "../../app/setup";
import { XlsxAdapter } from "../../workbook/xlsx-adapter";
import { UserError } from "../errors";
import { saveWorkbookFile } from "../workbook-file";
import { CommandContext } from "./context";

export async function init(ctx: CommandContext): Promise<number> {
  const file = ctx.file("init");
  if (existsSync(file))
    throw new UserError("already exists: choose another name, or move the file away first.", file);
  const period = ctx.options.period ? parsePeriod(ctx.options.period) : undefined;
  const book = XlsxAdapter.blank();
  // What a new workbook holds is what Set up adds to one that has nothing: one list of sheets.
  await setUpWorkbook(book, { office: ctx.options.office, period });
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
