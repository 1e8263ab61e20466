/** How the command line shows a chart and findings to a person. */
import { ChartFigures, FORM_ROWS } from "../core/chart";
import { Finding } from "../core/findings";
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

/** One line per finding: where, how bad, what. */
export function findingLines(findings: readonly Finding[], sheet: string): string[] {
  return findings.map((f) => {
    const where = f.row > 0 ? `${sheet} row ${f.row}` : sheet;
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

/** The finding as `tips report --json` prints it. */
export function findingJson(
  f: Finding
): Pick<Finding, "row" | "column" | "severity" | "code" | "message"> {
  return { row: f.row, column: f.column, severity: f.severity, code: f.code, message: f.message };
}
