/**
 * `tips annual FILES_OR_FOLDERS... --fy FY2007 --out ANNUAL.xlsx [--baseline PREVIOUS_ANNUAL.xlsx]
 * [--roster FILE] [--json]`: HQ's year, per office and national, against a baseline year.
 *
 * Exit 0 when every office is complete or partial and every file is counted or superseded; 1 when
 * a file is invalid or not a return, or a roster office is missing (the annual workbook is written
 * all the same); 2 when it could not run.
 */
import { basename } from "node:path";
import { ANNUAL_LABEL, AnnualBaseline, annualSummary } from "../../core/annual";
import { LINE_KEYS } from "../../core/chart";
import {
  BaselineError,
  annualFiles,
  annualJson,
  annualWorkbook,
  readBaseline,
} from "../../app/annual";
import { PeriodError, parseFiscalYear } from "../../core/period";
import { writeFileAtomic } from "../../workbook/xlsx/files";
import { EXIT, UserError } from "../errors";
import { expandInputs, loadFile, noFiles, readFileOrFail, readRoster } from "./consolidate";
import { CommandContext } from "./context";

async function loadBaseline(path: string): Promise<AnnualBaseline> {
  const { bytes } = await readFileOrFail(path, "--baseline");
  try {
    return await readBaseline(bytes, basename(path));
  } catch (e) {
    if (e instanceof BaselineError) throw new UserError(e.message, path);
    throw e;
  }
}

const shown = (v: number | null): string => (v === null ? "-" : String(v));

export async function annual(ctx: CommandContext): Promise<number> {
  const { options } = ctx;
  if (ctx.positionals.length === 0) {
    throw new UserError(
      "tips annual needs the returned files or folders: tips annual RETURNS/ --fy FY2007 --out ANNUAL.xlsx"
    );
  }
  if (!options.fy?.trim())
    throw new UserError("tips annual needs --fy: the fiscal year, such as FY2007.");
  if (!options.out?.trim())
    throw new UserError("tips annual needs --out: the annual workbook to write (.xlsx).");
  let fiscalYear: number;
  try {
    fiscalYear = parseFiscalYear(options.fy);
  } catch (e) {
    if (e instanceof PeriodError) throw new UserError(`--fy: ${e.message}`);
    throw e;
  }
  const out = options.out;
  const roster = options.roster ? await readRoster(options.roster) : undefined;
  const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
  const inputs = expandInputs(ctx.positionals, {
    "the --out workbook": out,
    "the --baseline workbook": options.baseline,
  });
  if (inputs.files.length === 0 && !roster) {
    throw noFiles("read", ctx.positionals, inputs);
  }
  const report = await annualFiles(
    fiscalYear,
    inputs.files.map((f) => () => loadFile(f)),
    { ...(roster ? { roster } : {}), ...(baseline ? { baseline } : {}) }
  );
  await writeFileAtomic(out, await annualWorkbook(report));

  if (options.json) {
    ctx.out(JSON.stringify(annualJson(report), null, 2));
  } else {
    ctx.out(
      `FY${fiscalYear}: ${inputs.files.length} file${inputs.files.length === 1 ? "" : "s"} read; offices: ${annualSummary(report.offices)}.`
    );
    for (const f of report.files) {
      ctx.out(
        `  ${(f.office ?? "(no office)").padEnd(30)} ${f.status.padEnd(18)} ${f.file ?? "-"}${f.reason ? `  ${f.reason}` : ""}`
      );
    }
    for (const s of inputs.skipped) ctx.out(`Skipped ${s}.`);
    for (const n of report.notes) ctx.out(`Note: ${n}.`);
    ctx.out("");
    const by = baseline ? `FY${baseline.fiscalYear}` : "baseline";
    ctx.out(
      `${"National".padEnd(44)} ${`FY${fiscalYear}`.padStart(8)} ${by.padStart(8)} ${"change".padStart(8)} ${"%".padStart(7)}`
    );
    for (const l of report.national.slice(0, LINE_KEYS.length)) {
      ctx.out(
        `${(ANNUAL_LABEL.get(l.key) ?? l.key).slice(0, 44).padEnd(44)} ${shown(l.fy).padStart(8)} ${shown(l.baseline).padStart(8)} ${shown(l.change.absolute).padStart(8)} ${shown(l.change.percent).padStart(7)}`
      );
    }
    ctx.out("");
    ctx.out(
      `Wrote ${out}: Annual Summary (${report.national.length} lines and the chart), By Office, Office Status.`
    );
  }
  const attention = report.files.some(
    (f) => f.status === "invalid" || f.status === "not-a-return" || f.status === "missing"
  );
  return attention ? EXIT.findings : EXIT.ok;
}
