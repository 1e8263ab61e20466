/**
 * The seed's form as sheets: the "Quarterly Report" (title, office, the chart with Quarter and
 * Cumulative, the narrative headings), the "Outreach Log" table with its drop-downs, and the
 * "Prospective Training" table, and the optional Victim Leads, Materials Distributed and Media
 * Canvass tables. Described as data; an adapter renders it.
 */
import { CUMULATIVE_HEADER, CHART_TITLE, FORM_ROWS, QUARTER_HEADER } from "../core/chart";
import {
  LOG_HEADERS,
  LEVELS,
  SECTORS,
  ACTIVITIES,
  COLUMN_KEYS,
  ColumnKey,
} from "../core/vocabulary";
import { YES_NO_VALUES } from "../core/words";
import {
  LEAD_COLUMNS,
  LEAD_HEADERS,
  LEAD_REQUESTS,
  LEAD_SOURCE_LABELS,
  LEADS_NOTE,
  LEADS_SHEET,
  LEADS_TABLE,
} from "../core/leads";
import {
  LANGUAGES,
  MATERIAL_COLUMNS,
  MATERIAL_HEADERS,
  MATERIALS,
  MATERIALS_SHEET,
  MATERIALS_TABLE,
} from "../core/materials";
import { MEDIA_COLUMNS, MEDIA_HEADERS, MEDIA_SHEET, MEDIA_TABLE, OFFERS } from "../core/media";
import {
  NARRATIVE_HEADINGS,
  NARRATIVE_INSTRUCTIONS,
  NarrativeKey,
  PROSPECTIVE_HEADERS,
} from "../core/narrative";
import { FiscalPeriod, formatPeriodRange } from "../core/period";
import { columnLetters } from "../core/cell-address";
import {
  FISCAL_YEAR_LABEL,
  LOG_SHEET,
  LOG_TABLE,
  OFFICE_LABEL,
  OFFICE_PLACEHOLDER,
  PROSPECTIVE_SHEET,
  PROSPECTIVE_TABLE,
  REPORT_SHEET,
  TITLE_PREFIX,
} from "./layout";
import { CellStyle, LES_HEADER_FOOTER, LES_MARKING, SheetSpec, SpecCell } from "./sheet-spec";
import { REPORT_PRINT, tablePrint } from "./print-setup";

export const STYLE = {
  title: { bold: true, size: 11 },
  label: { bold: true },
  chartTitle: { bold: true, fill: "D9E1F2", border: "thin" },
  columnHeader: { bold: true, align: "center", fill: "D9E1F2", border: "thin" },
  section: { bold: true, fill: "EDEDED", border: "thin" },
  trainingHeading: { bold: true, italic: true, indent: 1, border: "thin" },
  line: { indent: 1, border: "thin" },
  trainingLine: { indent: 2, border: "thin" },
  figure: { numFmt: "0", align: "right", border: "thin" },
  blankFigure: { border: "thin", fill: "EDEDED" },
  narrativeHeading: { bold: true, size: 12 },
  instruction: { italic: true, wrap: true },
  bullet: { wrap: true },
  marking: { bold: true },
  tableHeader: { bold: true, fill: "D9E1F2" },
  date: { numFmt: "mm/dd/yyyy" },
} as const satisfies Record<string, CellStyle>;

export const REPORT_COLUMNS = { label: 1, quarter: 2, cumulative: 3 } as const;
/** The chart's header row ("Quarter", "Cumulative") in a new workbook. */
export const CHART_HEADER_ROW = 5;
/** The first narrative heading's row in a new workbook. */
export const NARRATIVE_ROW = CHART_HEADER_ROW + FORM_ROWS.length + 2;
/** Rows of the log a new workbook offers drop-downs for. */
export const LOG_VALIDATION_ROWS = 5000;

export const BULLET = "• ";
/** The label column of a new report: the chart's labels, and the narrative's wrapped text. */
export const LABEL_WIDTH = 60;
export const MARKING_NOTE =
  "For limited distribution and not for release outside the Department of Homeland Security";

export function reportTitle(period: FiscalPeriod | undefined, office: string | undefined): string {
  const range = period ? ` ${formatPeriodRange(period)}` : "";
  return `${TITLE_PREFIX}${range} ${office?.trim() || OFFICE_PLACEHOLDER}`;
}

export function fiscalYearText(period: FiscalPeriod | undefined): string {
  return period ? `${FISCAL_YEAR_LABEL} ${period.fiscalYear}` : FISCAL_YEAR_LABEL;
}

export interface BlockLine {
  readonly value: string;
  readonly style: CellStyle;
}

/** The seed's order of the narrative sections. */
export const NARRATIVE_ORDER: readonly NarrativeKey[] = ["significant", "prospective", "outreach"];

/** Excel's default row height (one line of 11-point text) and its limit, in points. */
export const LINE_HEIGHT = 15;
export const MAX_ROW_HEIGHT = 409;
/**
 * How an earlier version of the add-in continued a hard-wrapped bullet on the next row: it is
 * recognised, and cleaned once, when such a workbook is filled again (ownership.ts).
 */
export const CONTINUATION = "   ";

/** Words in lines of at most `width` characters (a longer word stands on its own line). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (candidate.length > width && line !== "") {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * The height a row needs to print a wrapped text whole in a column this many characters wide.
 * A character of text is taken as one unit of column width (Excel's unit is the width of a
 * digit, wider than most letters), so the estimate errs on the tall side, never cuts a line.
 */
export function wrappedRowHeight(text: string, columnWidth: number): number {
  const lines = Math.max(1, wrapText(text, Math.max(10, Math.floor(columnWidth))).length);
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT);
}

/**
 * The narrative of a new workbook, top to bottom, in the seed's order: each heading and its
 * instruction (one wrapped cell), then the marking lines. Filling adds the bullets as the
 * add-in's own blocks (ownership.ts); instructions go only into workbooks the add-in creates.
 */
export function narrativeBlock(): BlockLine[] {
  const lines: BlockLine[] = [];
  for (const key of NARRATIVE_ORDER) {
    lines.push({ value: NARRATIVE_HEADINGS[key], style: STYLE.narrativeHeading });
    lines.push({ value: NARRATIVE_INSTRUCTIONS[key], style: STYLE.instruction });
    lines.push({ value: "", style: {} });
  }
  lines.push({ value: LES_MARKING, style: STYLE.marking });
  lines.push({ value: MARKING_NOTE, style: STYLE.instruction });
  return lines;
}

export function reportSheet(
  period?: FiscalPeriod,
  office?: string,
  name = REPORT_SHEET
): SheetSpec {
  const { label, quarter, cumulative } = REPORT_COLUMNS;
  const cells: SpecCell[] = [
    { row: 1, col: label, value: reportTitle(period, office), style: STYLE.title },
    { row: 2, col: label, value: OFFICE_LABEL, style: STYLE.label },
    { row: 2, col: quarter, value: office?.trim() ?? "" },
    { row: CHART_HEADER_ROW - 1, col: label, value: CHART_TITLE, style: STYLE.chartTitle },
    {
      row: CHART_HEADER_ROW - 1,
      col: quarter,
      value: fiscalYearText(period),
      style: STYLE.columnHeader,
    },
    { row: CHART_HEADER_ROW - 1, col: cumulative, value: null, style: STYLE.columnHeader },
    { row: CHART_HEADER_ROW, col: label, value: null, style: STYLE.columnHeader },
    { row: CHART_HEADER_ROW, col: quarter, value: QUARTER_HEADER, style: STYLE.columnHeader },
    { row: CHART_HEADER_ROW, col: cumulative, value: CUMULATIVE_HEADER, style: STYLE.columnHeader },
  ];
  FORM_ROWS.forEach((r, i) => {
    const row = CHART_HEADER_ROW + 1 + i;
    if (r.kind === "heading") {
      cells.push({
        row,
        col: label,
        value: r.label,
        style: r.training ? STYLE.trainingHeading : STYLE.section,
      });
      cells.push({ row, col: quarter, value: null, style: STYLE.blankFigure });
      cells.push({ row, col: cumulative, value: null, style: STYLE.blankFigure });
    } else {
      cells.push({
        row,
        col: label,
        value: r.line.label,
        style: r.line.training ? STYLE.trainingLine : STYLE.line,
      });
      cells.push({ row, col: quarter, value: null, style: STYLE.figure });
      cells.push({ row, col: cumulative, value: null, style: STYLE.figure });
    }
  });
  // The title is not merged across A:C: a merged cell clips a title longer than the chart is
  // wide, whereas a lone cell's text runs on, and the page, fitted to one wide, shows it whole.
  const merges = [`B${CHART_HEADER_ROW - 1}:C${CHART_HEADER_ROW - 1}`];
  const rowHeights: { row: number; height: number }[] = [];
  narrativeBlock().forEach((l, i) => {
    const row = NARRATIVE_ROW + i;
    if (l.value === "") return;
    cells.push({ row, col: label, value: l.value, style: l.style });
    if (l.style === STYLE.instruction)
      rowHeights.push({ row, height: wrappedRowHeight(l.value, LABEL_WIDTH) });
  });
  return {
    name,
    cells,
    columnWidths: [
      { col: label, width: LABEL_WIDTH },
      { col: quarter, width: 13 },
      { col: cumulative, width: 13 },
    ],
    rowHeights,
    merges,
    headerFooter: LES_HEADER_FOOTER,
    print: REPORT_PRINT,
  };
}

/** Widths that fit each log column's usual content. */
const LOG_WIDTHS: Record<ColumnKey, number> = {
  date: 12,
  sector: 16,
  level: 10,
  activity: 18,
  agency: 32,
  pocName: 20,
  pocTitle: 20,
  presentations: 13,
  agencies: 10,
  attendees: 10,
  content: 50,
  significant: 11,
};

const DROP_DOWNS: Partial<Record<ColumnKey, readonly string[]>> = {
  sector: SECTORS,
  level: LEVELS,
  activity: ACTIVITIES,
  significant: YES_NO_VALUES,
};

/** A table's cell values for one row, in the column order of its headers. */
export type TableRowValues = readonly (string | number | null)[];

/** The log's cell values for one entry, in the column order of `LOG_HEADERS`. */
export type LogRowValues = TableRowValues;

export function logSheet(rows: readonly LogRowValues[] = [], name = LOG_SHEET): SheetSpec {
  return tableSheet({
    name,
    table: LOG_TABLE,
    headers: LOG_HEADERS,
    rows,
    ...columnsLayout(COLUMN_KEYS, LOG_WIDTHS, DROP_DOWNS, ["date"]),
  });
}

export function prospectiveSheet(name = PROSPECTIVE_SHEET): SheetSpec {
  const headers = Object.values(PROSPECTIVE_HEADERS);
  const lastCol = columnLetters(headers.length);
  return {
    name,
    cells: headers.map((h, i) => ({
      row: 1,
      col: i + 1,
      value: h,
      style: { ...STYLE.tableHeader, wrap: true },
    })),
    columnWidths: headers.map((_, i) => ({ col: i + 1, width: i === 0 ? 14 : 30 })),
    table: {
      name: PROSPECTIVE_TABLE,
      ref: `A1:${lastCol}2`,
      columns: headers,
      style: "TableStyleMedium2",
    },
    headerFooter: LES_HEADER_FOOTER,
    freeze: { row: 2, col: 1 },
    print: tablePrint(1),
  };
}

// ---- The optional tables: Victim Leads, Materials Distributed, Media Canvass ----------------

/** A sheet holding one Excel table, as `tips init` makes it. */
export interface TableSheetLayout {
  readonly name: string;
  readonly table: string;
  readonly headers: readonly string[];
  readonly widths: readonly number[];
  /** Drop-down lists by 0-based column. */
  readonly dropDowns: ReadonlyMap<number, readonly string[]>;
  /** 0-based columns that hold dates. */
  readonly dateColumns: readonly number[];
  readonly rows: readonly TableRowValues[];
  /** Text above the table (the table then starts two rows below it). */
  readonly note?: string;
}

/** The worksheet row of the table's header on a sheet built by tableSheet. */
export function tableHeaderRow(note: string | undefined): number {
  return note === undefined ? 1 : 3;
}

export function tableSheet(layout: TableSheetLayout): SheetSpec {
  const top = tableHeaderRow(layout.note);
  const cells: SpecCell[] = layout.headers.map((h, i) => ({
    row: top,
    col: i + 1,
    value: h,
    style: STYLE.tableHeader,
  }));
  if (layout.note !== undefined)
    cells.unshift({ row: 1, col: 1, value: layout.note, style: STYLE.marking });
  layout.rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v !== null && v !== "") {
        cells.push({
          row: top + 1 + i,
          col: j + 1,
          value: v,
          ...(layout.dateColumns.includes(j) ? { style: STYLE.date } : {}),
        });
      }
    })
  );
  const lastCol = columnLetters(layout.headers.length);
  // An Excel table needs at least one body row, even when it is empty.
  const lastRow = top + Math.max(layout.rows.length, 1);
  const validationEnd = Math.max(LOG_VALIDATION_ROWS, lastRow);
  return {
    name: layout.name,
    cells,
    columnWidths: layout.widths.map((width, i) => ({ col: i + 1, width })),
    dataValidations: [...layout.dropDowns].map(([i, list]) => {
      const letter = columnLetters(i + 1);
      return { ref: `${letter}${top + 1}:${letter}${validationEnd}`, list };
    }),
    table: {
      name: layout.table,
      ref: `A${top}:${lastCol}${lastRow}`,
      columns: layout.headers,
      style: "TableStyleMedium2",
    },
    headerFooter: LES_HEADER_FOOTER,
    freeze: { row: top + 1, col: 1 },
    print: tablePrint(top),
  };
}

/** The widths, drop-downs and date columns of a table's columns, by key. */
function columnsLayout<K extends string>(
  keys: readonly K[],
  widths: Record<K, number>,
  dropDowns: Partial<Record<K, readonly string[]>>,
  dates: readonly K[]
): Pick<TableSheetLayout, "widths" | "dropDowns" | "dateColumns"> {
  return {
    widths: keys.map((k) => widths[k]),
    dropDowns: new Map(
      keys.flatMap((k, i) => (dropDowns[k] ? [[i, dropDowns[k] as readonly string[]]] : []))
    ),
    dateColumns: keys.flatMap((k, i) => (dates.includes(k) ? [i] : [])),
  };
}

/** "Victim Leads": the note that no victim's name goes here, then the table (rows in LEAD_HEADERS order). */
export function leadsSheet(rows: readonly TableRowValues[] = [], name = LEADS_SHEET): SheetSpec {
  return tableSheet({
    name,
    table: LEADS_TABLE,
    headers: LEAD_HEADERS,
    rows,
    note: LEADS_NOTE,
    ...columnsLayout(
      LEAD_COLUMNS.map((c) => c.key),
      {
        received: 14,
        source: 28,
        referringAgency: 36,
        request: 20,
        responded: 15,
        caseOpened: 12,
        notes: 50,
      },
      { source: LEAD_SOURCE_LABELS, request: LEAD_REQUESTS, caseOpened: YES_NO_VALUES },
      ["received", "responded"]
    ),
  });
}

/** "Materials Distributed" (rows in MATERIAL_HEADERS order). */
export function materialsSheet(
  rows: readonly TableRowValues[] = [],
  name = MATERIALS_SHEET
): SheetSpec {
  return tableSheet({
    name,
    table: MATERIALS_TABLE,
    headers: MATERIAL_HEADERS,
    rows,
    ...columnsLayout(
      MATERIAL_COLUMNS.map((c) => c.key),
      { date: 12, agency: 36, material: 16, language: 12, quantity: 10 },
      { material: MATERIALS, language: LANGUAGES },
      ["date"]
    ),
  });
}

/** "Media Canvass" (rows in MEDIA_HEADERS order). */
export function mediaSheet(rows: readonly TableRowValues[] = [], name = MEDIA_SHEET): SheetSpec {
  return tableSheet({
    name,
    table: MEDIA_TABLE,
    headers: MEDIA_HEADERS,
    rows,
    ...columnsLayout(
      MEDIA_COLUMNS.map((c) => c.key),
      { date: 12, publication: 30, country: 16, offer: 12, translated: 11, sentToHq: 12 },
      { offer: OFFERS, translated: YES_NO_VALUES },
      ["date", "sentToHq"]
    ),
  });
}
