/**
 * `tips consolidate FILES_OR_FOLDERS... --period P --out NATIONAL.xlsx [--roster FILE]
 * [--previous PREVIOUS.xlsx] [--json]`: HQ's national roll-up of the offices' returns.
 *
 * Exit 0 when every return is counted or simply superseded; 1 when a file is invalid or not a
 * return, or a roster office is missing (the national workbook is written all the same); 2 when it
 * could not run.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { LINE_KEYS } from "../../core/chart";
import {
  NATIONAL_OFFICE,
  NationalReport,
  PreviousNational,
  ReturnInput,
  StatusRow,
  findingLine,
  needsAttention,
  statusSummary,
} from "../../core/consolidate";
import { dayFromDate } from "../../core/dates";
import { figureBlocks } from "../../core/office-tables";
import { PeriodError, formatPeriod, parsePeriod } from "../../core/period";
import {
  PreviousWorkbookError,
  ReturnedFile,
  consolidateFiles,
  nationalWorkbook,
  readPrevious,
} from "../../app/consolidate";
import { RosterError, parseRoster } from "../../app/roster";
import { WorkbookFileError } from "../../workbook/xlsx";
import { readWorkbookFile } from "../../workbook/xlsx/files";
import { EXIT, UserError } from "../errors";
import { chartTable, figureBlocksText, figuresJson } from "../format";
import { progressBar } from "../progress";
import { writeOutput } from "../workbook-file";
import { CommandContext } from "./context";

export interface Inputs {
  /** The files to read, in order: each named file, then each folder's files by name. */
  readonly files: string[];
  /** What was left out, and why (said on the terminal and in the JSON notes). */
  readonly skipped: string[];
}

/** Excel's lock file for an open workbook ("~$name.xlsx"), and hidden files. */
const isLockOrHidden = (name: string): boolean => name.startsWith("~$") || name.startsWith(".");

/**
 * The files the arguments name. A folder means the files directly in it (not its subfolders, so
 * that an "archive" folder of old returns is never read by accident); Excel lock files and hidden
 * files are skipped, and so are the command's other files (`exclude`: what each is, such as "the
 * --out workbook", to its path) when a folder holds them. A path that does not exist is the
 * user's mistake: nothing is written.
 */
export function expandInputs(
  paths: readonly string[],
  exclude: Readonly<Record<string, string | undefined>> = {}
): Inputs {
  const files: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const excluded = new Map<string, string>();
  for (const [what, path] of Object.entries(exclude)) if (path) excluded.set(resolve(path), what);
  const add = (file: string): void => {
    const key = resolve(file);
    if (seen.has(key)) {
      skipped.push(`${file}: given more than once, read once`);
      return;
    }
    seen.add(key);
    files.push(file);
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new UserError("no such file or folder.", p);
    }
    if (!stat.isDirectory()) {
      const what = excluded.get(resolve(p));
      if (what) throw new UserError(`is also ${what}: give it only once.`, p);
      add(p);
      continue;
    }
    const names = readdirSync(p).sort((a, b) => a.localeCompare(b));
    for (const name of names) {
      const file = join(p, name);
      let entry;
      try {
        entry = statSync(file);
      } catch {
        skipped.push(`${file}: cannot be read`);
        continue;
      }
      const what = excluded.get(resolve(file));
      if (entry.isDirectory()) skipped.push(`${file}: a subfolder (give it by name to read it)`);
      else if (isLockOrHidden(name)) skipped.push(`${file}: a lock or hidden file`);
      else if (what) skipped.push(`${file}: ${what}`);
      else add(file);
    }
  }
  return { files, skipped };
}

/** Nothing to read in the paths given: said with what was skipped there, and why. */
export function noFiles(verb: string, paths: readonly string[], inputs: Inputs): UserError {
  const skipped = inputs.skipped.length ? ` (skipped: ${inputs.skipped.join("; ")})` : "";
  return new UserError(`no files to ${verb} in ${paths.join(", ")}${skipped}.`);
}

const FILE_ERROR_KIND = {
  "not-a-workbook": "not-a-workbook",
  "password-protected": "password-protected",
  corrupt: "corrupt",
} as const;

/** Read one file's bytes and time; a file that cannot be read becomes its status, not a stop. */
export async function loadFile(path: string): Promise<ReturnedFile | ReturnInput> {
  let modified = 0;
  try {
    modified = statSync(path).mtimeMs;
    return { name: path, bytes: await readWorkbookFile(path), modified };
  } catch (e) {
    const reason = (e as Error).message || String(e);
    if (e instanceof WorkbookFileError) {
      const kind = (e as { kind?: string }).kind as keyof typeof FILE_ERROR_KIND | undefined;
      return { file: path, modified, kind: (kind && FILE_ERROR_KIND[kind]) || "corrupt", reason };
    }
    return { file: path, modified, kind: "unreadable-file", reason: `cannot be read: ${reason}` };
  }
}

export async function readRoster(path: string): Promise<string[]> {
  const { bytes } = await readFileOrFail(path, "--roster");
  try {
    return await parseRoster(path, bytes);
  } catch (e) {
    if (e instanceof RosterError) throw new UserError(e.message, path);
    throw e;
  }
}

async function readPreviousNational(path: string): Promise<PreviousNational> {
  const { bytes } = await readFileOrFail(path, "--previous");
  try {
    return await readPrevious(bytes, basename(path));
  } catch (e) {
    if (e instanceof PreviousWorkbookError) throw new UserError(e.message, path);
    throw e;
  }
}

export async function readFileOrFail(path: string, option: string): Promise<{ bytes: Uint8Array }> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UserError(`no such file (given as ${option}).`, path);
  }
  if (stat.isDirectory()) throw new UserError(`is a folder; ${option} takes a file.`, path);
  try {
    return { bytes: await readWorkbookFile(path) };
  } catch (e) {
    throw new UserError((e as Error).message, path);
  }
}

// ---- What the user sees ------------------------------------------------------------------------

/** `tips consolidate --json`: lines as `tips report`, one entry per file given and missing office. */
export function consolidateJson(n: NationalReport, skipped: readonly string[] = []): object {
  return {
    period: formatPeriod(n.period),
    lines: Object.fromEntries(
      LINE_KEYS.map((k) => [
        k,
        { quarter: n.figures.quarter[k], cumulative: n.figures.cumulative[k] },
      ])
    ),
    offices: n.statuses.map((s) => ({
      office: s.office ?? null,
      file: s.file ?? null,
      status: s.status,
      rows: s.rows,
    })),
    rows: n.log.length,
    // The national leads, materials and media figures, as `tips report --json` gives them.
    ...figuresJson(n.tables),
    notes: [
      ...n.statuses.flatMap((s) => statusNotes(s)),
      ...n.notes,
      ...skipped.map((s) => `skipped ${s}`),
    ],
  };
}

/** A status row's notes and first findings; each prefixed with its file (or office) when asked. */
function statusNotes(s: StatusRow, prefixed = true): string[] {
  const who = prefixed ? `${s.file ?? s.office ?? ""}: ` : "";
  return [...s.notes, ...s.findings.map(findingLine)].map((n) => who + n);
}

function statusTable(statuses: readonly StatusRow[]): string[] {
  const width = (xs: string[], min: number): number => Math.max(min, ...xs.map((x) => x.length));
  const offices = statuses.map((s) => s.office ?? "(no office)");
  const ow = Math.min(width(offices, 6), 36);
  const sw = width(
    statuses.map((s) => s.status),
    6
  );
  const lines = [`${"Office".padEnd(ow)}  ${"Status".padEnd(sw)}  ${"Rows".padStart(6)}  File`];
  statuses.forEach((s, i) => {
    const office = offices[i].length > ow ? `${offices[i].slice(0, ow - 1)}…` : offices[i];
    const rows = s.file === undefined ? "" : String(s.rows);
    lines.push(
      `${office.padEnd(ow)}  ${s.status.padEnd(sw)}  ${rows.padStart(6)}  ${s.file ?? "-"}`
    );
    for (const note of statusNotes(s, false)) lines.push(`${"".padEnd(ow)}    ${note}`);
  });
  return lines;
}

// ---- The command ---------------------------------------------------------------------------------

export async function consolidate(ctx: CommandContext): Promise<number> {
  const { options } = ctx;
  if (ctx.positionals.length === 0) {
    throw new UserError(
      "tips consolidate needs the returned files or folders: tips consolidate RETURNS/ --period FY2007 Q3 --out NATIONAL.xlsx"
    );
  }
  if (!options.period?.trim()) {
    throw new UserError(
      "tips consolidate needs --period: the quarter being consolidated, such as FY2007 Q3."
    );
  }
  if (!options.out?.trim()) {
    throw new UserError("tips consolidate needs --out: the national workbook to write (.xlsx).");
  }
  let period;
  try {
    period = parsePeriod(options.period);
  } catch (e) {
    if (e instanceof PeriodError) throw new UserError(`--period: ${e.message}`);
    throw e;
  }
  const out = options.out;
  const roster = options.roster ? await readRoster(options.roster) : undefined;
  const previous = options.previous ? await readPreviousNational(options.previous) : undefined;
  const inputs = expandInputs(ctx.positionals, {
    "the --out workbook": out,
    "the --previous workbook": options.previous,
  });
  if (inputs.files.length === 0 && !roster) {
    throw noFiles("consolidate", ctx.positionals, inputs);
  }

  const progress = progressBar(inputs.files.length, options.json);
  let national: NationalReport;
  try {
    national = await consolidateFiles(
      period,
      inputs.files.map((f) => () => loadFile(f)),
      {
        ...(roster ? { roster } : {}),
        ...(previous ? { previous } : {}),
        today: dayFromDate(new Date()),
        onFile: (at) => progress.tick(at.file),
      }
    );
  } finally {
    progress.finish();
  }
  await writeOutput(out, await nationalWorkbook(national));

  if (options.json) {
    ctx.out(JSON.stringify(consolidateJson(national, inputs.skipped), null, 2));
  } else {
    const files = inputs.files.length;
    ctx.out(
      `${formatPeriod(period)}: ${files} file${files === 1 ? "" : "s"} read; ${statusSummary(national.statuses)}.`
    );
    ctx.out("");
    for (const line of statusTable(national.statuses)) ctx.out(line);
    for (const s of inputs.skipped) ctx.out(`Skipped ${s}.`);
    for (const n of national.notes) ctx.out(`Note: ${n}.`);
    ctx.out("");
    ctx.out(chartTable(national.figures, period, NATIONAL_OFFICE));
    for (const line of figureBlocksText(national.tables)) ctx.out(line);
    ctx.out("");
    const tables = figureBlocks(national.tables).map((b) => `, ${b.sheet}`);
    ctx.out(
      `Wrote ${out}: National Chart, By Office (${national.offices.length} office${national.offices.length === 1 ? "" : "s"}), Return Status, Combined Log (${national.log.length} rows)${tables.join("")}.`
    );
  }
  return needsAttention(national.statuses) ? EXIT.findings : EXIT.ok;
}
