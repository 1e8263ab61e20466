/**
 * HQ's year over workbooks: read each return once (as consolidation reads it, plus its tables
 * and its Annual Assessment sheet), roll the year up (src/core/annual), write the annual
 * workbook, and read an annual workbook back as next year's baseline. No file system here.
 *
 * The annual workbook: "Annual Summary" (the national lines beside the baseline's, and a native
 * bar chart of the chart's lines, this year against the baseline), "By Office" (every office's
 * lines, one row per office and line), "Office Status" (one row per file given and per missing
 * office, and who answered the survey); every sheet marked LES/FOUO and printed one page wide.
 */
import {
  ANNUAL_LABEL,
  ANNUAL_STATUSES,
  ANNUAL_STATUS_MEANING,
  AnnualBaseline,
  AnnualOptions,
  AnnualReport,
  AnnualReturn,
  annual,
  annualSummary,
} from "../core/annual";
import { LINE_KEYS } from "../core/chart";
import { ComparedLine, computedAnswers, readSurvey } from "../core/assessment";
import { NATIONAL_MARK, NATIONAL_OFFICE, ReturnInput, officeKey } from "../core/consolidate";
import { CellValue, isBlank } from "../core/log";
import { formatPeriod } from "../core/period";
import { LES_MARKING, SheetSpec, SpecCell } from "../workbook/sheet-spec";
import { MARKING_NOTE, STYLE } from "../workbook/seed-layout";
import { XlsxAdapter } from "../workbook/xlsx-adapter";
import { ReadOncePort, ReturnedFile, readReturn, readReturnFrom, tableSpec } from "./consolidate";
import { findSurvey, officeTableFigures } from "./survey";

// ---- Names in the annual workbook ---------------------------------------------------------------

export const ANNUAL_SHEETS = {
  summary: "Annual Summary",
  byOffice: "By Office",
  status: "Office Status",
} as const;
export const ANNUAL_TABLES = {
  summary: "AnnualNational",
  byOffice: "AnnualByOffice",
  status: "AnnualOfficeStatus",
} as const;
/** A custom property of every annual workbook: its fiscal year ("FY2007"). */
export const ANNUAL_MARK = "TIPS.Annual";
export const LINE_HEADERS = ["Key", "Line", "This Year", "Baseline", "Change", "Change %"] as const;
export const BY_OFFICE_HEADERS = ["Office", "Status", "Quarter Reached", ...LINE_HEADERS] as const;
export const STATUS_HEADERS = [
  "Office",
  "Status",
  "Source File",
  "Period",
  "Survey Answered",
  "Reason",
] as const;
/** Header row of the tables (a title above, a blank row between), as on the national sheets. */
const TABLE_TOP = 3;

// ---- Reading the returns ------------------------------------------------------------------------

/** One return, with its tables' and survey's lines; never throws for what a file holds. */
export async function readAnnualReturn(file: ReturnedFile): Promise<AnnualReturn> {
  let book: XlsxAdapter;
  try {
    book = XlsxAdapter.fromBytes(file.bytes);
  } catch {
    return { input: await readReturn(file) }; // consolidation's reason for a file it cannot open
  }
  try {
    const port = new ReadOncePort(book);
    const input = await readReturnFrom(port, file.name, file.modified);
    if (input.kind !== "report") return { input };
    const notes: string[] = [];
    const entries = input.report.log.entries;
    const tables = await officeTableFigures(port, input.period, entries, notes);
    const grid = await findSurvey(port);
    const survey = grid ? readSurvey(grid) : undefined;
    for (const f of survey?.findings ?? []) notes.push(`${f.sheet}!${f.cell}: ${f.message}`);
    const lines: Record<string, number | null> = {
      ...input.report.figures.cumulative,
      ...(tables.leads ?? {}),
      ...(tables.materials ?? {}),
      ...(tables.media ?? {}),
      ...computedAnswers(entries, input.period, tables),
      ...(survey?.typed ?? {}),
    };
    return {
      input,
      lines,
      surveyAnswered: Object.keys(survey?.typed ?? {}).length > 0,
      notes,
    };
  } catch (e) {
    return {
      input: {
        file: file.name,
        modified: file.modified,
        kind: "corrupt",
        reason: `could not be read: ${(e as Error).message || String(e)}`,
      } satisfies ReturnInput,
    };
  }
}

/** The year from files read one at a time (`next` reads a file only when it is its turn). */
export async function annualFiles(
  fiscalYear: number,
  files: readonly (ReturnedFile | (() => Promise<ReturnedFile | ReturnInput>))[],
  options: AnnualOptions = {}
): Promise<AnnualReport> {
  const returns: AnnualReturn[] = [];
  for (const f of files) {
    const got = typeof f === "function" ? await f() : f;
    returns.push("bytes" in got ? await readAnnualReturn(got) : { input: got });
  }
  return annual(fiscalYear, returns, options);
}

// ---- The annual workbook ------------------------------------------------------------------------

const fyName = (fy: number): string => `FY${fy}`;

function lineCells(l: ComparedLine): (string | number | null)[] {
  return [
    l.key,
    ANNUAL_LABEL.get(l.key) ?? l.key,
    l.fy,
    l.baseline,
    l.change.absolute,
    l.change.percent,
  ];
}

/** A table sheet as the national workbook's (consolidate.ts), with the marking below the table. */
function annualTable(
  name: string,
  sheet: string,
  title: string,
  headers: readonly string[],
  rows: readonly (readonly SpecCell["value"][])[],
  widths: readonly number[],
  after: readonly SpecCell[] = []
): SheetSpec {
  const bottom = TABLE_TOP + Math.max(rows.length, 1);
  const spec = tableSpec(name, sheet, title, headers, rows, {
    widths,
    styles: headers.map(() => ({ numFmt: "0.#" })),
    after: [
      { row: bottom + 2, col: 1, value: LES_MARKING, style: STYLE.marking },
      { row: bottom + 3, col: 1, value: MARKING_NOTE, style: STYLE.instruction },
      ...after.map((c) => ({ ...c, row: c.row + bottom + 5 })),
    ],
  });
  return { ...spec, freeze: { row: TABLE_TOP + 1, col: 3 } };
}

const against = (a: AnnualReport): string =>
  a.baseline ? ` against ${fyName(a.baseline.fiscalYear)} (baseline)` : " (no baseline)";

export function summarySheet(a: AnnualReport): SheetSpec {
  const answered = a.offices.filter((o) => o.surveyAnswered).map((o) => o.office);
  const notAnswered = a.offices.filter((o) => !o.surveyAnswered).map((o) => o.office);
  const after: SpecCell[] = [
    {
      row: 0,
      col: 1,
      value: `Offices: ${annualSummary(a.offices)}. See "${ANNUAL_SHEETS.status}".`,
    },
    {
      row: 1,
      col: 1,
      value: `Answered the survey (${answered.length}): ${answered.join(", ") || "none"}`,
    },
    {
      row: 2,
      col: 1,
      value: `Did not answer (${notAnswered.length}): ${notAnswered.join(", ") || "none"}`,
    },
    ...a.notes.map((n, i) => ({ row: 3 + i, col: 1, value: `Note: ${n}.` })),
  ];
  return annualTable(
    ANNUAL_TABLES.summary,
    ANNUAL_SHEETS.summary,
    `Human Trafficking Outreach, national year ${fyName(a.fiscalYear)}${against(a)}`,
    LINE_HEADERS,
    a.national.map(lineCells),
    [28, 60, 12, 12, 12, 12],
    after
  );
}

export function byOfficeSheet(a: AnnualReport): SheetSpec {
  const rows = a.offices.flatMap((o) =>
    o.lines.map((l) => [o.office, o.status, o.quarter ? `Q${o.quarter}` : null, ...lineCells(l)])
  );
  return annualTable(
    ANNUAL_TABLES.byOffice,
    ANNUAL_SHEETS.byOffice,
    `Human Trafficking Outreach by office, ${fyName(a.fiscalYear)}${against(a)}`,
    BY_OFFICE_HEADERS,
    rows,
    [30, 18, 10, 28, 60, 12, 12, 12, 12]
  );
}

export function statusSheet(a: AnnualReport): SheetSpec {
  const answered = new Map(a.offices.map((o) => [officeKey(o.office), o.surveyAnswered]));
  const rows = a.files.map((f) => [
    f.office ?? null,
    f.status,
    f.file ?? null,
    f.period ? formatPeriod(f.period) : null,
    f.status === "complete" || f.status === "partial"
      ? answered.get(officeKey(f.office!))
        ? "Y"
        : "N"
      : null,
    f.reason || null,
  ]);
  const legend: SpecCell[] = ANNUAL_STATUSES.flatMap((s, i) => [
    { row: i, col: 1, value: s },
    { row: i, col: 2, value: ANNUAL_STATUS_MEANING[s] },
  ]);
  return annualTable(
    ANNUAL_TABLES.status,
    ANNUAL_SHEETS.status,
    `Office status, ${fyName(a.fiscalYear)}: ${annualSummary(a.offices)}`,
    STATUS_HEADERS,
    rows,
    [30, 18, 40, 14, 10, 80],
    legend
  );
}

/** The annual workbook as .xlsx bytes: the three sheets, the chart, the marks. */
export async function annualWorkbook(a: AnnualReport): Promise<Uint8Array> {
  const book = XlsxAdapter.blank();
  await book.addSheet(summarySheet(a));
  await book.addSheet(byOfficeSheet(a));
  await book.addSheet(statusSheet(a));
  // The chart's lines are the table's first rows (ANNUAL_KEYS begins with LINE_KEYS).
  const sheet = `'${ANNUAL_SHEETS.summary}'`;
  const first = TABLE_TOP + 1;
  const last = TABLE_TOP + LINE_KEYS.length;
  const lines = a.national.slice(0, LINE_KEYS.length);
  const bottom = TABLE_TOP + Math.max(a.national.length, 1);
  const chartTop = bottom + 10 + a.notes.length;
  book.addChart(ANNUAL_SHEETS.summary, {
    title: `${fyName(a.fiscalYear)}${a.baseline ? ` against ${fyName(a.baseline.fiscalYear)}` : ""}: the chart's lines, national`,
    categoriesRef: `${sheet}!$B$${first}:$B$${last}`,
    categories: lines.map((l) => ANNUAL_LABEL.get(l.key) ?? l.key),
    series: [
      {
        name: fyName(a.fiscalYear),
        nameRef: `${sheet}!$C$${TABLE_TOP}`,
        valuesRef: `${sheet}!$C$${first}:$C$${last}`,
        values: lines.map((l) => l.fy),
      },
      {
        name: a.baseline ? `Baseline ${fyName(a.baseline.fiscalYear)}` : "Baseline",
        nameRef: `${sheet}!$D$${TABLE_TOP}`,
        valuesRef: `${sheet}!$D$${first}:$D$${last}`,
        values: lines.map((l) => l.baseline),
      },
    ],
    from: { col: 0, row: chartTop },
    to: { col: 6, row: chartTop + 30 },
  });
  await book.setSetting(ANNUAL_MARK, fyName(a.fiscalYear));
  // Never taken for an office's return by tips consolidate or tips annual.
  await book.setSetting(NATIONAL_MARK, `${fyName(a.fiscalYear)} annual`);
  return book.save();
}

// ---- An annual workbook as the baseline ---------------------------------------------------------

export class BaselineError extends Error {
  override name = "BaselineError";
}

const norm = (v: CellValue): string =>
  typeof v === "string" ? v.trim().toLowerCase().replace(/\s+/g, " ") : "";
const numberOr = (v: CellValue): number | null => (typeof v === "number" ? v : null);

/** A table's rows by its header row (found by its first header), until the first blank row. */
function tableRows(
  values: readonly (readonly CellValue[])[],
  first: string,
  headers: readonly string[],
  sheet: string
): Record<string, CellValue>[] {
  const top = values.findIndex((r) => norm(r[0]) === norm(first));
  if (top < 0) throw new BaselineError(`its "${sheet}" sheet has no "${first}" header.`);
  const col = new Map(values[top].map((v, i) => [norm(v), i]));
  for (const h of headers)
    if (!col.has(norm(h))) throw new BaselineError(`its "${sheet}" sheet has no "${h}" column.`);
  const out: Record<string, CellValue>[] = [];
  for (const r of values.slice(top + 1)) {
    if (r.every((v) => isBlank(v))) break;
    out.push(Object.fromEntries(headers.map((h) => [h, r[col.get(norm(h))!] ?? null])));
  }
  return out;
}

/**
 * A previous annual workbook (made by `tips annual`) as the baseline: its fiscal year, its
 * national lines and every office's. Throws BaselineError.
 */
export async function readBaseline(bytes: Uint8Array, file?: string): Promise<AnnualBaseline> {
  let book: XlsxAdapter;
  try {
    book = XlsxAdapter.fromBytes(bytes);
  } catch (e) {
    throw new BaselineError((e as Error).message);
  }
  const mark = await book.getSetting(ANNUAL_MARK);
  const fy = mark ? /^\s*FY\s*(\d{4})\s*$/i.exec(mark) : null;
  if (!fy) {
    throw new BaselineError(
      "not an annual workbook (made by tips annual): it does not say which fiscal year it is for."
    );
  }
  const names = await book.sheetNames();
  const sheetOf = (want: string): string => {
    const s = names.find((n) => norm(n) === norm(want));
    if (!s) throw new BaselineError(`not an annual workbook: it has no "${want}" sheet.`);
    return s;
  };
  const summary = sheetOf(ANNUAL_SHEETS.summary);
  const national: Record<string, number | null> = {};
  for (const r of tableRows(
    (await book.readSheet(summary)).values,
    "Key",
    ["Key", "This Year"],
    summary
  )) {
    if (typeof r.Key === "string") national[r.Key.trim()] = numberOr(r["This Year"]);
  }
  const byOffice = sheetOf(ANNUAL_SHEETS.byOffice);
  const offices = new Map<string, { office: string; lines: Record<string, number | null> }>();
  for (const r of tableRows(
    (await book.readSheet(byOffice)).values,
    "Office",
    ["Office", "Key", "This Year"],
    byOffice
  )) {
    if (typeof r.Office !== "string" || typeof r.Key !== "string") continue;
    const key = officeKey(r.Office);
    if (key === officeKey(NATIONAL_OFFICE)) continue;
    let o = offices.get(key);
    if (!o) offices.set(key, (o = { office: r.Office.trim(), lines: {} }));
    o.lines[r.Key.trim()] = numberOr(r["This Year"]);
  }
  return {
    fiscalYear: Number(fy[1]),
    ...(file ? { file } : {}),
    national,
    offices: [...offices.values()],
  };
}

// ---- JSON ---------------------------------------------------------------------------------------

/** `tips annual --json`. */
export function annualJson(a: AnnualReport): object {
  return {
    fy: fyName(a.fiscalYear),
    baseline: a.baseline ? fyName(a.baseline.fiscalYear) : null,
    national: { lines: a.national },
    offices: a.offices.map((o) => ({
      office: o.office,
      status: o.status,
      ...(o.quarter ? { quarter: `Q${o.quarter}` } : {}),
      file: o.file ?? null,
      surveyAnswered: o.surveyAnswered,
      notes: o.notes,
      lines: o.lines,
    })),
    files: a.files.map((f) => ({
      office: f.office ?? null,
      file: f.file ?? null,
      status: f.status,
      period: f.period ? formatPeriod(f.period) : null,
      reason: f.reason,
    })),
    notes: a.notes,
  };
}
