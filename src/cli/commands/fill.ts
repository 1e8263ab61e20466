/** `tips fill FILE [--period P] [--out OUT] [--force]`: write the chart, title and narrative. */
import { dayFromDate } from "../../core/dates";
import { formatPeriod } from "../../core/period";
import { FillRefusedError, fillQuarterly, loadQuarterly } from "../../app/quarterly";
import { fillSurvey } from "../../app/survey";
import { EXIT, UserError } from "../errors";
import { findingLines } from "../format";
import { openWorkbookFile, saveWorkbookFile } from "../workbook-file";
import { CommandContext } from "./context";

export async function fill(ctx: CommandContext): Promise<number> {
  const file = ctx.file("fill");
  const out = ctx.options.out ?? file;
  const book = await openWorkbookFile(file);
  const q = await loadQuarterly(book, {
    period: ctx.options.period,
    office: ctx.options.office,
    today: dayFromDate(new Date()),
  });
  let leftOut = 0;
  let tableErrors = 0;
  try {
    ({ leftOut, tableErrors } = await fillQuarterly(book, q, { force: ctx.options.force }));
  } catch (e) {
    if (!(e instanceof FillRefusedError)) throw e;
    const errors = q.report.findings.filter((f) => f.severity === "error");
    for (const line of findingLines(errors, q.log.sheet)) ctx.err(line);
    throw new UserError(
      `nothing written: ${e.message} (tips fill --force leaves those rows out)`,
      file,
      EXIT.findings
    );
  }
  // The annual assessment's computed answers: a separate step, after the report's own fill.
  const survey = await fillSurvey(book, q.period, q.report.log.entries);
  await saveWorkbookFile(book, out);
  const bullets = q.narrative.outreach.length;
  ctx.out(
    `Filled ${formatPeriod(q.period)}${q.office ? ` for ${q.office}` : ""}: 15 chart lines (Quarter and Cumulative), the title, ${bullets} Outreach Activity bullet${bullets === 1 ? "" : "s"}. Saved ${out}.`
  );
  if (tableErrors > 0)
    ctx.out(
      `The Victim Leads, Materials or Media Canvass tables have ${tableErrors} error${tableErrors === 1 ? "" : "s"}: those rows are left out of their blocks; run "tips check ${file}" to see them.`
    );
  if (survey)
    ctx.out(
      `Filled ${survey.written} computed answer${survey.written === 1 ? "" : "s"} of "${survey.sheet}" for FY${q.period.fiscalYear}${survey.survey.answers?.findings.length ? `; ${survey.survey.answers.findings.length} typed answer${survey.survey.answers.findings.length === 1 ? "" : "s"} to fix:` : "."}`
    );
  for (const f of survey?.survey.answers?.findings ?? [])
    ctx.err(`${f.sheet}!${f.cell}: ${f.message}`);
  for (const note of survey?.survey.notes ?? []) ctx.out(`Note: ${note}.`);
  if (leftOut > 0)
    ctx.out(
      `Left out ${leftOut} row${leftOut === 1 ? "" : "s"} with errors (--force): run "tips check ${file}" to see them.`
    );
  return EXIT.ok;
}
