/**
 * HQ consolidation over workbooks: read each returned file once, consolidate (src/core/consolidate),
 * and write the national workbook. No file system here: the command line and the task pane hand
 * in file contents, names and modification times, and save the bytes themselves.
 *
 * The national workbook: "National Chart" (the seed's chart, office "National", so that
 * `tips report` reads it back), "By Office" (the per-office figures), "Return Status" (one row per
 * file given and per missing office), "Combined Log" (the counted rows with Office, Source File and
 * Source Row), and, when a counted return has them, "Combined Leads", "Combined Materials" and
 * "Combined Media Canvass" (the rows of its Victim Leads, Materials Distributed and Media Canvass
 * tables, with the office tables' headers plus the same three, so that `tips report` on the
 * national workbook finds them as an office's tables and recomputes the national figures); every
 * sheet with the LES/FOUO header and footer.
 */
import { FORM_ROWS, Figures, LINE_KEYS, LineKey, lineKeyFromName } from "../core/chart";
import {
  COMBINED_TABLE_SHEETS,
  COUNTED,
  Consolidation,
  ConsolidateOptions,
  NATIONAL_MARK,
  NATIONAL_OFFICE,
  NationalReport,
  PreviousNational,
  ReturnInput,
  STATUS_MEANING,
  WrittenChart,
  RETURN_STATUSES,
  StatusRow,
  UnreadableKind,
  findingLine,
  lineName,
  officeKey,
  statusSummary,
} from "../core/consolidate";
import { Day, serialFromDay } from "../core/dates";
import { columnLetters } from "../core/cell-address";
import { CellValue, LogLayoutError, isBlank } from "../core/log";
import {
  FiscalPeriod,
  PeriodError,
  formatPeriod,
  formatPeriodRange,
  parsePeriod,
  periodFromTitle,
} from "../core/period";
import { Report, analyze } from "../core/report";
import { SETTING, SettingError, decodeOpening, encodeOpening, openingKey } from "../core/settings";
import { LOG_HEADERS, TRAINING } from "../core/vocabulary";
import { LEAD_HEADERS, LEAD_SOURCES, Lead } from "../core/leads";
import { MATERIAL_HEADERS, MaterialsEntry } from "../core/materials";
import { MEDIA_HEADERS, MediaAd } from "../core/media";
import { TableKey, TablesAnalysis } from "../core/office-tables";
import { TableLayoutError } from "../core/table";
import { NoPeriodError } from "./quarterly";
import { loadTables } from "./tables";
import {
  ChartLayout,
  LayoutError,
  LogLocation,
  OFFICE_PLACEHOLDER,
  findChart,
  findLog,
  findReportSheet,
} from "../workbook/layout";
import { NamedRange, SheetGrid, TableRef, WorkbookPort } from "../workbook/port";
import {
  CHART_HEADER_ROW,
  MARKING_NOTE,
  NARRATIVE_ROW,
  REPORT_COLUMNS,
  STYLE,
  reportSheet,
} from "../workbook/seed-layout";
import { LES_HEADER_FOOTER, LES_MARKING, SheetSpec, SpecCell } from "../workbook/sheet-spec";
import { XlsxAdapter } from "../workbook/xlsx-adapter";
import { ReadMemo } from "../workbook/read-memo";
import { tablePrint } from "../workbook/print-setup";
import { WorkbookFileError } from "../workbook/xlsx";

// ---- Names in the national workbook -----------------------------------------------------------

export const NATIONAL_SHEETS = {
  chart: "National Chart",
  byOffice: "By Office",
  status: "Return Status",
  log: "Combined Log",
} as const;
export const NATIONAL_TABLES = {
  byOffice: "ByOffice",
  status: "ReturnStatus",
  log: "CombinedLog",
} as const;
/** The Excel tables of the combined sheets (COMBINED_TABLE_SHEETS), made only when needed. */
export const COMBINED_TABLES: Readonly<Record<TableKey, string>> = {
  leads: "CombinedLeads",
  materials: "CombinedMaterials",
  media: "CombinedMediaCanvass",
};
/** The provenance columns after the log's (or a table's) own on the combined sheets. */
export const PROVENANCE_HEADERS = ["Office", "Source File", "Source Row"] as const;
export const COMBINED_LOG_HEADERS: readonly string[] = [...LOG_HEADERS, ...PROVENANCE_HEADERS];
/** The combined tables' headers: the office sheet's, then the provenance columns. */
export const COMBINED_TABLE_HEADERS: Readonly<Record<TableKey, readonly string[]>> = {
  leads: [...LEAD_HEADERS, ...PROVENANCE_HEADERS],
  materials: [...MATERIAL_HEADERS, ...PROVENANCE_HEADERS],
  media: [...MEDIA_HEADERS, ...PROVENANCE_HEADERS],
};
export const STATUS_HEADERS = [
  "Office",
  "Status",
  "Source File",
  "Period",
  "Received",
  "Rows",
  "Errors",
  "Warnings",
  "Notes",
  "First findings",
] as const;
const BY_OFFICE_FIXED = ["Office", "Status", "Source File", "Rows"] as const;
const QUARTER = "Quarter";
const CUMULATIVE = "Cumulative";
/** "NGO New Contact Quarter": a By Office header, read back by `lineKeyFromName`. */
export const byOfficeHeader = (key: LineKey, column: "quarter" | "cumulative"): string =>
  `${lineName(key)} ${column === "quarter" ? QUARTER : CUMULATIVE}`;
/** Header row of the tables on the national sheets (a title above, a blank row between). */
const TABLE_TOP = 3;

// ---- A port that reads each sheet once ----------------------------------------------------------

/**
 * The layout finder and the report each read sheets; over one return this port parses each sheet
 * at most once (and asks for the tables, names and settings once), whatever asks for it.
 */
export class ReadOncePort implements WorkbookPort {
  private readonly memo = new ReadMemo();

  constructor(private readonly inner: WorkbookPort) {}

  date1904(): Promise<boolean> {
    return this.memo.remember("date1904", () => this.inner.date1904());
  }
  sheetNames(): Promise<string[]> {
    return this.memo.remember("sheets", () => this.inner.sheetNames());
  }
  readSheet(sheet: string): Promise<SheetGrid> {
    return this.memo.remember(`sheet:${sheet.toLowerCase()}`, () => this.inner.readSheet(sheet));
  }
  tables(): Promise<TableRef[]> {
    return this.memo.remember("tables", () => this.inner.tables());
  }
  getSetting(key: string): Promise<string | undefined> {
    return this.memo.remember(`setting:${key}`, () => this.inner.getSetting(key));
  }
  namedRanges(prefix: string): Promise<NamedRange[]> {
    return this.inner.namedRanges(prefix);
  }
  columnWidths(sheet: string, from: number, to: number): Promise<number[]> {
    return this.inner.columnWidths(sheet, from, to);
  }
  writeCells(): Promise<void> {
    throw new Error("a returned workbook is only read");
  }
  applyBlockSteps(): Promise<void> {
    throw new Error("a returned workbook is only read");
  }
  addSheet(): Promise<void> {
    throw new Error("a returned workbook is only read");
  }
  appendTableRows(): Promise<void> {
    throw new Error("a returned workbook is only read");
  }
  applyPrintSetup(): Promise<boolean> {
    throw new Error("a returned workbook is only read");
  }
  setSetting(): Promise<void> {
    throw new Error("a returned workbook is only read");
  }
  markSheets(): Promise<never> {
    throw new Error("a returned workbook is only read");
  }
}

// ---- Reading one return -----------------------------------------------------------------------

/** A returned file as the command line or the task pane hands it in. */
export interface ReturnedFile {
  /** Its name (a path on the command line, a file name in the task pane). */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Its modification time, ms since 1970 (File.lastModified in a browser). */
  readonly modified: number;
}

export interface ReadOptions {
  /** Today, for the "date in the future" warning. */
  readonly today?: Day;
}

const FILE_ERROR_KIND: Readonly<Record<string, UnreadableKind>> = {
  "not-a-workbook": "not-a-workbook",
  "password-protected": "password-protected",
  corrupt: "corrupt",
};

/** The office a workbook names, when its chart can be found at all (for the status table). */
async function officeIfAny(port: WorkbookPort): Promise<string | undefined> {
  try {
    const chart = findChart(await findReportSheet(port));
    const text = chart.office?.text.trim();
    if (text && text !== OFFICE_PLACEHOLDER) return text;
  } catch {
    // no chart: maybe a setting names it
  }
  return (await port.getSetting(SETTING.office).catch(() => undefined))?.trim() || undefined;
}

/** What consolidation needs of a return. */
export interface LoadedReturn {
  readonly office?: string;
  readonly period: FiscalPeriod;
  readonly report: Report;
  readonly written: WrittenChart;
  readonly opening?: Partial<Figures>;
}

/**
 * The return's office, period, opening balance and analysed log, resolved exactly as
 * `loadQuarterly` resolves them (period: settings, then the title; office: the Office cell unless
 * it is the placeholder, then settings; test/consolidate/app.test.ts holds the two equal), without
 * the narrative and prospective table it also builds, which consolidation never uses.
 * Throws PeriodError, NoPeriodError, SettingError, LogLayoutError.
 */
async function resolveReturn(
  port: WorkbookPort,
  chart: ChartLayout,
  log: LogLocation,
  today?: Day
): Promise<LoadedReturn> {
  const date1904 = await port.date1904();
  const saved = await port.getSetting(SETTING.period);
  const period = saved
    ? parsePeriod(saved, date1904)
    : chart.title
      ? periodFromTitle(chart.title.text)
      : undefined;
  if (!period) throw new NoPeriodError();
  const cell = chart.office?.text.trim();
  const office =
    cell && cell !== OFFICE_PLACEHOLDER
      ? cell
      : (await port.getSetting(SETTING.office))?.trim() || undefined;
  const openingText = await port.getSetting(openingKey(period.fiscalYear));
  const opening = openingText
    ? decodeOpening(openingText, openingKey(period.fiscalYear))
    : undefined;
  const report = analyze({
    log: log.grid,
    period,
    ...(opening ? { opening } : {}),
    ...(today !== undefined ? { today } : {}),
  });
  return {
    ...(office ? { office } : {}),
    period,
    report,
    written: chart.written,
    ...(opening ? { opening } : {}),
  };
}

/** What consolidation needs of a return (see resolveReturn). Throws as loadQuarterly does. */
export async function loadReturn(port: WorkbookPort, today?: Day): Promise<LoadedReturn> {
  const chart = findChart(await findReportSheet(port));
  return resolveReturn(port, chart, await findLog(port), today);
}

/** Read one return from an open workbook; never throws for what a file holds. */
export async function readReturnFrom(
  workbook: WorkbookPort,
  file: string,
  modified: number,
  options: ReadOptions = {}
): Promise<ReturnInput> {
  const port = workbook instanceof ReadOncePort ? workbook : new ReadOncePort(workbook);
  const base = { file, modified };
  const unreadable = async (kind: UnreadableKind, reason: string): Promise<ReturnInput> => {
    const office = await officeIfAny(port).catch(() => undefined);
    return { ...base, kind, reason, ...(office ? { office } : {}) };
  };
  /** A LayoutError at this step makes the file this kind; anything else goes on up. */
  const step = async <T>(kind: UnreadableKind, find: () => Promise<T> | T) => {
    try {
      return { found: await find() };
    } catch (e) {
      if (e instanceof LayoutError) return { unreadable: await unreadable(kind, e.message) };
      throw e;
    }
  };
  try {
    if ((await port.getSetting(NATIONAL_MARK)) !== undefined) {
      return await unreadable(
        "national-workbook",
        "a national workbook (a consolidation), not an office's return"
      );
    }
    const grid = await step("no-chart-or-log", () => findReportSheet(port));
    if (grid.unreadable) return grid.unreadable;
    const chart = await step("unreadable-return", () => findChart(grid.found!)); // a line missing
    if (chart.unreadable) return chart.unreadable;
    const log = await step("no-chart-or-log", () => findLog(port));
    if (log.unreadable) return log.unreadable;
    const r = await resolveReturn(port, chart.found!, log.found!, options.today);
    const { analysis: tables } = await loadTables(port, {
      period: r.period,
      log: r.report.log.entries,
    });
    const submitted = await port.getSetting(SETTING.submitted);
    return {
      ...base,
      kind: "report",
      ...r,
      tables,
      ...(submitted !== undefined ? { submitted } : {}),
    };
  } catch (e) {
    if (
      e instanceof LogLayoutError ||
      e instanceof TableLayoutError ||
      e instanceof PeriodError ||
      e instanceof NoPeriodError ||
      e instanceof SettingError
    ) {
      return await unreadable("unreadable-return", e.message);
    }
    throw e;
  }
}

/**
 * Read one returned file: open it (once) and read its report. A file that is not a workbook, is
 * damaged or password-protected becomes an unreadable return with the reason; it never stops the
 * others.
 */
export async function readReturn(
  file: ReturnedFile,
  options: ReadOptions = {}
): Promise<ReturnInput> {
  let book: XlsxAdapter;
  try {
    book = XlsxAdapter.fromBytes(file.bytes);
  } catch (e) {
    const kind =
      e instanceof WorkbookFileError
        ? (FILE_ERROR_KIND[(e as { kind?: string }).kind ?? ""] ?? "corrupt")
        : "corrupt";
    return {
      file: file.name,
      modified: file.modified,
      kind,
      reason: (e as Error).message || String(e),
    };
  }
  try {
    return await readReturnFrom(book, file.name, file.modified, options);
  } catch (e) {
    // A workbook the reader chokes on half-way is damaged, as far as HQ can tell.
    return {
      file: file.name,
      modified: file.modified,
      kind: "corrupt",
      reason: `could not be read: ${(e as Error).message || String(e)}`,
    };
  }
}

// ---- The whole consolidation, for any face ----------------------------------------------------

export interface FileProgress {
  /** The file just read (its name as given). */
  readonly file: string;
  /** Files read so far, and in all. */
  readonly done: number;
  readonly total: number;
  /**
   * The whole status table as things stand (a later file may supersede an earlier one): every
   * file's status is resolved again, so it is worked out only when asked for.
   */
  statuses(): StatusRow[];
}

export interface ConsolidateFilesOptions extends ConsolidateOptions, ReadOptions {
  /** Called after each file. */
  readonly onFile?: (progress: FileProgress) => void;
}

/**
 * Consolidate files that are read one at a time (`next` gives the file's content only when it is
 * its turn, so that a hundred returns are never all in memory at once).
 */
export async function consolidateFiles(
  period: FiscalPeriod,
  files: readonly (ReturnedFile | (() => Promise<ReturnedFile | ReturnInput>))[],
  options: ConsolidateFilesOptions = {}
): Promise<NationalReport> {
  const c = new Consolidation(period, options);
  for (const f of files) {
    const got = typeof f === "function" ? await f() : f;
    const input = "bytes" in got ? await readReturn(got, options) : got;
    c.add(input);
    options.onFile?.({
      file: input.file,
      done: c.count,
      total: files.length,
      statuses: () => c.statuses(),
    });
  }
  return c.finish();
}

// ---- The national workbook ----------------------------------------------------------------------

const isoTime = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");

export function tableSpec(
  name: string,
  sheet: string,
  title: string,
  headers: readonly string[],
  rows: readonly (readonly SpecCell["value"][])[],
  options: {
    widths?: readonly number[];
    styles?: readonly (SpecCell["style"] | undefined)[];
    after?: readonly SpecCell[];
  } = {}
): SheetSpec {
  const cells: SpecCell[] = [{ row: 1, col: 1, value: title, style: STYLE.title }];
  headers.forEach((h, i) =>
    cells.push({ row: TABLE_TOP, col: i + 1, value: h, style: STYLE.tableHeader })
  );
  rows.forEach((r, i) =>
    r.forEach((value, j) => {
      if (value === null || value === "") return;
      const style = options.styles?.[j];
      cells.push({ row: TABLE_TOP + 1 + i, col: j + 1, value, ...(style ? { style } : {}) });
    })
  );
  cells.push(...(options.after ?? []));
  const bottom = TABLE_TOP + Math.max(rows.length, 1);
  return {
    name: sheet,
    cells,
    columnWidths: (options.widths ?? []).map((width, i) => ({ col: i + 1, width })),
    table: {
      name,
      ref: `A${TABLE_TOP}:${columnLetters(headers.length)}${bottom}`,
      columns: headers,
      style: "TableStyleMedium2",
    },
    headerFooter: LES_HEADER_FOOTER,
    freeze: { row: TABLE_TOP + 1, col: 2 },
    print: tablePrint(TABLE_TOP),
  };
}

/** The seed's chart with the national figures; the narrative block replaced by a summary. */
export function nationalChartSheet(n: NationalReport): SheetSpec {
  const base = reportSheet(n.period, NATIONAL_OFFICE, NATIONAL_SHEETS.chart);
  const figureRow = new Map<number, LineKey>();
  FORM_ROWS.forEach((r, i) => {
    if (r.kind === "line") figureRow.set(CHART_HEADER_ROW + 1 + i, r.line.key);
  });
  const cells: SpecCell[] = base.cells
    .filter((c) => c.row < NARRATIVE_ROW)
    .map((c) => {
      const key = figureRow.get(c.row);
      if (!key) return c;
      if (c.col === REPORT_COLUMNS.quarter) return { ...c, value: n.figures.quarter[key] };
      if (c.col === REPORT_COLUMNS.cumulative) return { ...c, value: n.figures.cumulative[key] };
      return c;
    });
  const counted = n.statuses.filter((s) => COUNTED.has(s.status)).length;
  const lines: [string, SpecCell["style"]][] = [
    ["Consolidation", STYLE.narrativeHeading],
    [
      `The national figures are the sum of ${counted} office${counted === 1 ? "" : "s"}' figures, each computed from its own log (Cumulative includes each office's opening balance).`,
      STYLE.instruction,
    ],
    [`Returns: ${statusSummary(n.statuses)}. See "${NATIONAL_SHEETS.status}".`, STYLE.bullet],
    [`Per-office figures: "${NATIONAL_SHEETS.byOffice}".`, STYLE.bullet],
    [
      `The ${n.log.length} counted log rows, with their office and source file: "${NATIONAL_SHEETS.log}".`,
      STYLE.bullet,
    ],
    ...combinedSheetBullets(n),
    ...n.notes.map((t): [string, SpecCell["style"]] => [`Note: ${t}.`, STYLE.bullet]),
    ["", {}],
    [LES_MARKING, STYLE.marking],
    [MARKING_NOTE, STYLE.instruction],
  ];
  lines.forEach(([value, style], i) => {
    if (value !== "")
      cells.push({ row: NARRATIVE_ROW + i, col: REPORT_COLUMNS.label, value, style });
  });
  return { ...base, cells };
}

/** The rows of one optional table on its combined sheet, with where each came from. */
function combinedRows<E extends { readonly row: number }>(
  n: NationalReport,
  entriesOf: (t: TablesAnalysis) => readonly E[] | undefined,
  cells: (e: E) => SpecCell["value"][]
): SpecCell["value"][][] {
  const rows: SpecCell["value"][][] = [];
  for (const p of n.tableParts) {
    for (const e of entriesOf(p.tables) ?? []) rows.push([...cells(e), p.office, p.file, e.row]);
  }
  return rows;
}

const SOURCE_LABEL: Readonly<Record<string, string>> = Object.fromEntries(
  LEAD_SOURCES.map((s) => [s.key, s.label])
);
const yesNo = (b: boolean): string => (b ? "Y" : "N");

/** The combined sheets' cells of one row, in the office sheet's column order (leads.ts etc.). */
function combinedTableRows(n: NationalReport, date1904: boolean) {
  const date = (d: Day | undefined): number | null =>
    d === undefined ? null : serialFromDay(d, date1904);
  return {
    leads: combinedRows<Lead>(
      n,
      (t) => t.leads?.parsed.entries,
      (l) => [
        date(l.received),
        SOURCE_LABEL[l.source],
        l.referringAgency,
        l.request,
        date(l.responded),
        yesNo(l.caseOpened),
        l.notes || null,
      ]
    ),
    materials: combinedRows<MaterialsEntry>(
      n,
      (t) => t.materials?.parsed.entries,
      (e) => [date(e.date), e.agency, e.material, e.language ?? null, e.quantity]
    ),
    media: combinedRows<MediaAd>(
      n,
      (t) => t.media?.parsed.entries,
      (a) => [
        date(a.date),
        a.publication,
        a.country,
        a.offer,
        yesNo(a.translated),
        date(a.sentToHq),
      ]
    ),
  };
}

/** What each combined sheet holds, for its title and the National Chart's summary. */
const COMBINED_WHAT: Readonly<Record<TableKey, string>> = {
  leads: "victim leads",
  materials: "rows of outreach materials distributed",
  media: "ads of the media canvass",
};

/** The tables some counted return has (the others get no sheet: nothing changes without them). */
const combinedTables = (n: NationalReport): TableKey[] =>
  (["leads", "materials", "media"] as const).filter((t) => n.tables[t] !== undefined);

function combinedSheetBullets(n: NationalReport): [string, SpecCell["style"]][] {
  return combinedTables(n).map((t) => {
    const count = n.tableParts.reduce((k, p) => k + (p.tables[t]?.parsed.entries.length ?? 0), 0);
    return [
      `The ${count} counted ${COMBINED_WHAT[t]}, with their office and source file: "${COMBINED_TABLE_SHEETS[t]}".`,
      STYLE.bullet,
    ];
  });
}

const COMBINED_WIDTHS: Readonly<Record<TableKey, readonly number[]>> = {
  leads: [13, 28, 32, 20, 15, 12, 50, 28, 36, 11],
  materials: [12, 32, 16, 12, 10, 28, 36, 11],
  media: [12, 32, 18, 12, 12, 12, 28, 36, 11],
};
const COMBINED_DATES: Readonly<Record<TableKey, readonly number[]>> = {
  leads: [0, 4],
  materials: [0],
  media: [0, 5],
};

/**
 * The combined sheets of the tables some counted return has: an Excel table each (the office
 * sheet's headers, then Office, Source File, Source Row), built as the Combined Log is.
 */
export function combinedTableSheets(n: NationalReport, date1904: boolean): SheetSpec[] {
  const rows = combinedTableRows(n, date1904);
  return combinedTables(n).map((t) => {
    const headers = COMBINED_TABLE_HEADERS[t];
    const styles = headers.map((_, i) => (COMBINED_DATES[t].includes(i) ? STYLE.date : undefined));
    const offices = new Set(n.tableParts.filter((p) => p.tables[t]).map((p) => p.office)).size;
    return tableSpec(
      COMBINED_TABLES[t],
      COMBINED_TABLE_SHEETS[t],
      `Combined ${COMBINED_WHAT[t]}, ${formatPeriod(n.period)}: ${rows[t].length} rows from ${offices} office${offices === 1 ? "" : "s"}`,
      headers,
      rows[t],
      { widths: COMBINED_WIDTHS[t], styles }
    );
  });
}

export function byOfficeSheet(n: NationalReport): SheetSpec {
  const lineHeaders = LINE_KEYS.flatMap((k) => [
    byOfficeHeader(k, "quarter"),
    byOfficeHeader(k, "cumulative"),
  ]);
  const headers = [...BY_OFFICE_FIXED, ...lineHeaders];
  const figures = (f: { quarter: Figures; cumulative: Figures }): number[] =>
    LINE_KEYS.flatMap((k) => [f.quarter[k], f.cumulative[k]]);
  const rows = n.offices.map((o) => [o.office, o.status, o.file, o.rows, ...figures(o.figures)]);
  // The national total, below the table (not in it: a previous workbook's table is offices only).
  const totalRow = TABLE_TOP + Math.max(rows.length, 1) + 2;
  const total = [NATIONAL_OFFICE, "", "", n.log.length, ...figures(n.figures)];
  const after: SpecCell[] = total.map((value, i) => ({
    row: totalRow,
    col: i + 1,
    value: value === "" ? null : value,
    style: i === 0 ? STYLE.label : i >= 3 ? { ...STYLE.figure, bold: true } : {},
  }));
  return tableSpec(
    NATIONAL_TABLES.byOffice,
    NATIONAL_SHEETS.byOffice,
    `Human Trafficking Outreach by office, ${formatPeriod(n.period)} (${formatPeriodRange(n.period)})`,
    headers,
    rows,
    {
      widths: [30, 18, 40, 8, ...lineHeaders.map(() => 14)],
      styles: [
        undefined,
        undefined,
        undefined,
        STYLE.figure,
        ...lineHeaders.map(() => STYLE.figure),
      ],
      after,
    }
  );
}

/** The status table's rows, as the sheet and the task pane show them. */
export function statusCells(s: StatusRow): (string | number | null)[] {
  const time =
    s.time === undefined
      ? null
      : `${isoTime(s.time)}${s.submitted !== undefined && s.time !== s.modified ? " (submitted)" : ""}`;
  return [
    s.office ?? null,
    s.status,
    s.file ?? null,
    s.period ? formatPeriod(s.period) : null,
    time,
    s.file === undefined ? null : s.rows,
    s.file === undefined ? null : s.errors,
    s.file === undefined ? null : s.warnings,
    s.notes.join("; ") || null,
    s.findings.map(findingLine).join("\n") || null,
  ];
}

export function returnStatusSheet(n: NationalReport): SheetSpec {
  const rows = n.statuses.map(statusCells);
  const legendTop = TABLE_TOP + Math.max(rows.length, 1) + 2;
  const after: SpecCell[] = [
    { row: legendTop, col: 1, value: "Status", style: STYLE.label },
    { row: legendTop, col: 2, value: "Meaning", style: STYLE.label },
  ];
  RETURN_STATUSES.forEach((s, i) => {
    after.push({ row: legendTop + 1 + i, col: 1, value: s });
    after.push({ row: legendTop + 1 + i, col: 2, value: STATUS_MEANING[s] });
  });
  n.notes.forEach((t, i) =>
    after.push({
      row: legendTop + RETURN_STATUSES.length + 2 + i,
      col: 1,
      value: `Note: ${t}.`,
      style: STYLE.instruction,
    })
  );
  const wrap = { wrap: true };
  return tableSpec(
    NATIONAL_TABLES.status,
    NATIONAL_SHEETS.status,
    `Return status, ${formatPeriod(n.period)}: ${statusSummary(n.statuses)}`,
    STATUS_HEADERS,
    rows,
    {
      widths: [30, 18, 40, 12, 24, 8, 8, 10, 80, 60],
      styles: [undefined, undefined, undefined, undefined, undefined, {}, {}, {}, wrap, wrap],
      after,
    }
  );
}

/** The counted rows, the engine's reading of each cell, with where each came from. */
export function combinedLogSheet(n: NationalReport, date1904: boolean): SheetSpec {
  const rows: SpecCell["value"][][] = [];
  n.log.forEach((e, office, file) => {
    const training = e.activity === TRAINING;
    rows.push([
      serialFromDay(e.date, date1904),
      e.sector,
      e.level ?? null,
      e.activity,
      e.agency,
      e.pocName || null,
      e.pocTitle || null,
      training ? e.presentations : null,
      training ? e.agencies : null,
      training ? e.attendees : null,
      e.content,
      e.significant ? "Y" : "N",
      office,
      file,
      e.row,
    ]);
  });
  return tableSpec(
    NATIONAL_TABLES.log,
    NATIONAL_SHEETS.log,
    `Combined outreach log, ${formatPeriod(n.period)}: ${n.log.length} rows from ${n.offices.length} office${n.offices.length === 1 ? "" : "s"}`,
    COMBINED_LOG_HEADERS,
    rows,
    { widths: [12, 16, 10, 18, 32, 20, 20, 13, 10, 10, 50, 11, 28, 36, 11], styles: [STYLE.date] }
  );
}

/**
 * Write the national sheets into a workbook (a new one, or in Excel the open one) and its settings:
 * the period, the office "National", the summed opening balance (so that `tips report` on the
 * national workbook re-tallies the Combined Log to the national figures) and the national mark.
 */
export async function writeNational(port: WorkbookPort, n: NationalReport): Promise<void> {
  const date1904 = await port.date1904();
  await port.addSheet(nationalChartSheet(n));
  await port.addSheet(byOfficeSheet(n));
  await port.addSheet(returnStatusSheet(n));
  await port.addSheet(combinedLogSheet(n, date1904));
  for (const sheet of combinedTableSheets(n, date1904)) await port.addSheet(sheet);
  await port.setSetting(SETTING.period, formatPeriod(n.period));
  await port.setSetting(SETTING.office, NATIONAL_OFFICE);
  if (LINE_KEYS.some((k) => n.opening[k] !== 0)) {
    await port.setSetting(openingKey(n.period.fiscalYear), encodeOpening(n.opening));
  }
  await port.setSetting(NATIONAL_MARK, formatPeriod(n.period));
}

/**
 * Why an open workbook cannot take the national sheets, or undefined when it can (the task pane
 * writes them into the workbook open in Excel): it already has one of them, or it is an office's
 * own report (its chart, log or office setting would be mixed with the nation's).
 */
export async function nationalTargetProblem(port: WorkbookPort): Promise<string | undefined> {
  const names = await port.sheetNames();
  const national = [...Object.values(NATIONAL_SHEETS), ...Object.values(COMBINED_TABLE_SHEETS)];
  const taken = national.filter((n) =>
    names.some((x) => x.trim().toLowerCase() === n.toLowerCase())
  );
  if (taken.length > 0) {
    return `this workbook already has ${taken.map((n) => `“${n}”`).join(", ")}: open a new blank workbook for the national roll-up, or delete ${taken.length === 1 ? "that sheet" : "those sheets"} first.`;
  }
  const office = (await port.getSetting(SETTING.office))?.trim();
  if (office && officeKey(office) !== officeKey(NATIONAL_OFFICE)) {
    return `this workbook is ${office}'s report: open a new blank workbook for the national roll-up.`;
  }
  const hasReport = await findReportSheet(port).then(
    () => true,
    () => false
  );
  const hasLog = await findLog(port).then(
    () => true,
    () => false
  );
  if (hasReport || hasLog) {
    return `this workbook holds an office's ${hasReport ? "quarterly report" : "outreach log"}: open a new blank workbook for the national roll-up.`;
  }
  return undefined;
}

/** The national workbook as .xlsx bytes. */
export async function nationalWorkbook(n: NationalReport): Promise<Uint8Array> {
  const book = XlsxAdapter.blank();
  await writeNational(book, n);
  return book.save();
}

// ---- A previous national workbook -------------------------------------------------------------

export class PreviousWorkbookError extends Error {
  override name = "PreviousWorkbookError";
}

const norm = (v: CellValue): string =>
  typeof v === "string" ? v.trim().toLowerCase().replace(/\s+/g, " ") : "";

/**
 * The per-office cumulative figures of a previous national workbook (its "By Office" table), and
 * its period (settings, else the National Chart's title). Throws PreviousWorkbookError.
 */
export async function readPrevious(bytes: Uint8Array, file?: string): Promise<PreviousNational> {
  let port: ReadOncePort;
  try {
    port = new ReadOncePort(XlsxAdapter.fromBytes(bytes));
  } catch (e) {
    throw new PreviousWorkbookError((e as Error).message);
  }
  const names = await port.sheetNames();
  const sheet = names.find((s) => norm(s) === norm(NATIONAL_SHEETS.byOffice));
  if (!sheet) {
    throw new PreviousWorkbookError(
      `not a national workbook: it has no "${NATIONAL_SHEETS.byOffice}" sheet (made by tips consolidate).`
    );
  }
  let period: FiscalPeriod | undefined;
  const saved = await port.getSetting(SETTING.period);
  try {
    if (saved) period = parsePeriod(saved);
    else {
      const title = findChart(await findReportSheet(port)).title;
      period = title ? periodFromTitle(title.text) : undefined;
    }
  } catch (e) {
    throw new PreviousWorkbookError(`its period cannot be read: ${(e as Error).message}`);
  }
  if (!period) throw new PreviousWorkbookError("it does not say which quarter it is for.");

  const grid = await port.readSheet(sheet);
  const headerIndex = grid.values.findIndex((r) => r.some((v) => norm(v) === "office"));
  if (headerIndex < 0) {
    throw new PreviousWorkbookError(`its "${sheet}" sheet has no "Office" header.`);
  }
  const header = grid.values[headerIndex];
  const officeCol = header.findIndex((v) => norm(v) === "office");
  const cumulativeCols: [LineKey, number][] = [];
  header.forEach((v, i) => {
    if (typeof v !== "string") return;
    const m = /^(.*)\s+cumulative$/i.exec(v.trim());
    const key = m ? lineKeyFromName(m[1]) : undefined;
    if (key) cumulativeCols.push([key, i]);
  });
  if (cumulativeCols.length === 0) {
    throw new PreviousWorkbookError(`its "${sheet}" sheet has no Cumulative columns.`);
  }
  const offices: { office: string; cumulative: Partial<Figures> }[] = [];
  for (const r of grid.values.slice(headerIndex + 1)) {
    const office = r[officeCol];
    if (isBlank(office)) break; // the table ends; the national total is below a blank row
    if (officeKey(String(office)) === officeKey(NATIONAL_OFFICE)) continue;
    const cumulative: Partial<Figures> = {};
    for (const [key, i] of cumulativeCols) {
      const n = r[i];
      if (typeof n === "number") cumulative[key] = n;
    }
    offices.push({ office: String(office).trim(), cumulative });
  }
  return { period, offices, ...(file ? { file } : {}) };
}
