/** How the command line shows a chart and findings to a person. */
import { ChartFigures, FORM_ROWS } from "../core/chart";
import { Finding } from "../core/findings";
import { MEDIAN_DAYS_LABEL, OPEN_AT_END_LABEL } from "../core/leads";
import {
  TableKey,
  TablesAnalysis,
  TablesFigures,
  figureBlocks,
  tablesFigures,
} from "../core/office-tables";
import { FiscalPeriod, formatPeriod, periodBounds } from "../core/period";

const LABEL_WIDTH = 44;
const FIGURE_WIDTH = 12;

/** The chart as the form lays it out, with Quarter and Cumulative columns. */
export function chartTable(figures: ChartFigures, period: FiscalPeriod, office?: string): string {
  const { start, end } = periodBounds(period);
  const lines = [
    `Human Trafficking Outreach: ${office ?? "(office not named)"}, ${formatPeriod(period)} (${start} to ${end})`,
    `${"".padEnd(LABEL_WIDTH)}${"Quarter".padStart(FIGURE_WIDTH)}${"Cumulative".padStart(FIGURE_WIDTH)}`,
  ];
  for (const r of FORM_ROWS) {
    if (r.kind === "heading") {
      lines.push(r.training ? `  ${r.label}` : r.label);
      continue;
    }
    const indent = r.line.training ? "    " : "  ";
    const label = (indent + r.line.label).padEnd(LABEL_WIDTH);
    const q = String(figures.quarter[r.line.key]).padStart(FIGURE_WIDTH);
    const c = String(figures.cumulative[r.line.key]).padStart(FIGURE_WIDTH);
    lines.push(label + q + c);
  }
  return lines.join("\n");
}

/** One line per finding: where (its own sheet, else `sheet`: the log's), how bad, what. */
export function findingLines(findings: readonly Finding[], sheet: string): string[] {
  return findings.map((f) => {
    const on = f.sheet ?? sheet;
    const where = f.row > 0 ? `${on} row ${f.row}` : on;
    const column = f.column ? `, ${f.column}${f.cell ? ` (${f.cell})` : ""}` : "";
    return `${where}${column}: ${f.severity}: ${f.message} [${f.code}]`;
  });
}

export function findingSummary(
  errors: number,
  warnings: number,
  rows: number,
  invalid: number
): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(rows, "row")} (${rows - invalid} counted).`;
}

/** The finding as `tips report --json` prints it (with its sheet when it is not the log's). */
export function findingJson(
  f: Finding
): Pick<Finding, "sheet" | "row" | "column" | "severity" | "code" | "message"> {
  return {
    ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
    row: f.row,
    column: f.column,
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}

/** A median or other figure that may be blank: "" in a table, as the report leaves it. */
const shownFigure = (n: number | null): string => (n === null ? "" : String(n));

/** The optional tables' blocks under the chart, in its Quarter and Cumulative columns. */
export function tableBlocksText(analysis: TablesAnalysis): string[] {
  return figureBlocksText(tablesFigures(analysis));
}

/** The blocks of the tables' figures (an office's or the nation's) as text. */
export function figureBlocksText(tables: TablesFigures): string[] {
  const lines: string[] = [];
  const row = (label: string, q: number | null, c: number | null | undefined): string =>
    `  ${label}`.padEnd(LABEL_WIDTH) +
    shownFigure(q).padStart(FIGURE_WIDTH) +
    (c === undefined ? "" : shownFigure(c).padStart(FIGURE_WIDTH));
  for (const block of figureBlocks(tables)) {
    lines.push("", block.heading);
    for (const r of block.rows) lines.push(row(r.label, r.quarter, r.cumulative));
    const leads = block.table === "leads" ? tables.leads?.figures : undefined;
    if (leads) {
      const m = leads.medianDaysToRespond;
      lines.push(row(MEDIAN_DAYS_LABEL, m.quarter, m.cumulative));
      lines.push(row(OPEN_AT_END_LABEL, leads.openAtPeriodEnd, undefined));
    }
  }
  return lines;
}

/** The tables' figures as `tips report --json` adds them: one object per table the workbook has. */
export function tablesJson(analysis: TablesAnalysis): Record<string, unknown> {
  return figuresJson(tablesFigures(analysis), (table) => analysis[table]?.findings ?? []);
}

/** One object per table, `{sheet, lines, [medianDaysToRespond, openAtPeriodEnd], findings}`. */
export function figuresJson(
  tables: TablesFigures,
  findingsOf: (table: TableKey) => readonly Finding[] = () => []
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const block of figureBlocks(tables)) {
    const leads = block.table === "leads" ? tables.leads?.figures : undefined;
    out[block.table] = {
      sheet: block.sheet,
      lines: block.rows.map((r) => ({ key: r.key, quarter: r.quarter, cumulative: r.cumulative })),
      ...(leads
        ? { medianDaysToRespond: leads.medianDaysToRespond, openAtPeriodEnd: leads.openAtPeriodEnd }
        : {}),
      findings: findingsOf(block.table).map(findingJson),
    };
  }
  return out;
}

/** One summary line per table: "Victim Leads: 1 error, 0 warnings in 5 rows (4 counted)." */
export function tableSummaries(analysis: TablesAnalysis): string[] {
  return [analysis.leads, analysis.materials, analysis.media].flatMap((t) =>
    t
      ? [
          `${t.parsed.sheet}: ${findingSummary(t.errors, t.findings.length - t.errors, t.parsed.dataRows, t.parsed.invalidRows)}`,
        ]
      : []
  );
}
