/**
 * The figures as a picture in the pane: an inline SVG bar chart, Quarter and Cumulative side by
 * side for each of the 15 lines. Contacts, training counts and members in attendance differ by
 * orders of magnitude, so each group has its own scale. Drawn from the same figures as the table
 * next to it (which is what a screen reader reads; the picture carries a short summary).
 */
import { ChartFigures, LineKey } from "../../core/chart";
import { FiscalPeriod, formatPeriod } from "../../core/period";

const SVG = "http://www.w3.org/2000/svg";
export const QUARTER_COLOR = "#1f4e8c";
export const CUMULATIVE_COLOR = "#8fb0d8";

/** The groups, each on its own scale, with a short label per line. */
export const BAR_GROUPS: readonly { title: string; lines: readonly [LineKey, string][] }[] = [
  {
    title: "Contacts",
    lines: [
      ["ngo.newContact", "NGO new contact"],
      ["ngo.followUpContact", "NGO follow-up"],
      ["ngo.requestedServices", "NGO requested services"],
      ["le.newContact", "LE new contact"],
      ["le.followUpContact", "LE follow-up"],
      ["le.local", "LE local"],
      ["le.state", "LE state"],
      ["le.federal", "LE federal"],
      ["le.foreign", "LE foreign"],
    ],
  },
  {
    title: "Training/Seminar",
    lines: [
      ["ngo.training.presentations", "NGO presentations"],
      ["ngo.training.agencies", "NGO agencies"],
      ["le.training.presentations", "LE presentations"],
      ["le.training.agencies", "LE agencies"],
    ],
  },
  {
    title: "Members in attendance",
    lines: [
      ["ngo.training.attendees", "NGO members"],
      ["le.training.attendees", "LE members"],
    ],
  },
];

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The two bars' names, and the picture's title, when they are not Quarter and Cumulative. */
export interface BarNames {
  readonly title: string;
  readonly first: string;
  readonly second: string;
}

export function barChart(
  period: FiscalPeriod,
  figures: ChartFigures,
  id: string,
  names?: BarNames
): SVGSVGElement {
  const labelWidth = 138;
  const barArea = 170;
  const rowHeight = 24;
  const groupGap = 26;
  const width = labelWidth + barArea + 70;
  const lineCount = BAR_GROUPS.reduce((n, g) => n + g.lines.length, 0);
  const height = 28 + BAR_GROUPS.length * groupGap + lineCount * rowHeight;
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`,
    class: "bar-chart",
  }) as SVGSVGElement;
  const contacts = (which: "quarter" | "cumulative") =>
    figures[which]["ngo.newContact"] +
    figures[which]["ngo.followUpContact"] +
    figures[which]["ngo.requestedServices"] +
    figures[which]["le.newContact"] +
    figures[which]["le.followUpContact"];
  svg.append(
    el(
      "title",
      { id: `${id}-title` },
      names?.title ??
        `Human Trafficking Outreach, ${formatPeriod(period)}: Quarter and Cumulative by line`
    ),
    el(
      "desc",
      { id: `${id}-desc` },
      names
        ? `Bars for the 15 lines of the chart, ${names.first} and ${names.second}, in three groups with their own scales; the same figures are in the table. Contacts, ${names.first}: ${contacts("quarter")}; ${names.second}: ${contacts("cumulative")}.`
        : `Bars for the 15 lines of the chart, in three groups with their own scales; the same figures are in the table. Contacts this quarter: ${contacts("quarter")}; cumulative: ${contacts("cumulative")}.`
    ),
    el("rect", { x: labelWidth, y: 6, width: 12, height: 12, fill: QUARTER_COLOR }),
    el("text", { x: labelWidth + 16, y: 16 }, names?.first ?? "Quarter"),
    el("rect", { x: labelWidth + 76, y: 6, width: 12, height: 12, fill: CUMULATIVE_COLOR }),
    el("text", { x: labelWidth + 92, y: 16 }, names?.second ?? "Cumulative")
  );
  let y = 28;
  for (const group of BAR_GROUPS) {
    y += groupGap;
    svg.append(el("text", { x: 0, y: y - 8, class: "group" }, group.title));
    const max = Math.max(
      1,
      ...group.lines.map(([k]) => Math.max(figures.quarter[k], figures.cumulative[k]))
    );
    for (const [key, label] of group.lines) {
      const q = figures.quarter[key];
      const c = figures.cumulative[key];
      const qw = (q / max) * barArea;
      const cw = (c / max) * barArea;
      svg.append(
        el("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end" }, label),
        el("rect", {
          x: labelWidth,
          y: y + 2,
          width: Math.max(qw, 1),
          height: 10,
          fill: QUARTER_COLOR,
        }),
        el("rect", {
          x: labelWidth,
          y: y + 12,
          width: Math.max(cw, 1),
          height: 10,
          fill: CUMULATIVE_COLOR,
        }),
        el("text", { x: labelWidth + Math.max(qw, cw) + 4, y: y + 16 }, `${q} / ${c}`)
      );
      y += rowHeight;
    }
  }
  return svg;
}
