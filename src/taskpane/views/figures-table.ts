/**
 * The chart's figures as an accessible table, in the form's rows, and the optional tables'
 * blocks likewise: the report and HQ views.
 */
import { CUMULATIVE_HEADER, ChartFigures, FORM_ROWS, QUARTER_HEADER } from "../../core/chart";
import type { FigureBlock } from "../../workbook/ownership";
import { h } from "../dom";

/** The header of the first column: the lines' labels. */
const BLOCK_LINE_HEADER = "Line";

const columnHeads = (): HTMLElement =>
  h(
    "thead",
    {},
    h(
      "tr",
      {},
      h("th", { scope: "col" }, BLOCK_LINE_HEADER),
      h("th", { scope: "col" }, QUARTER_HEADER),
      h("th", { scope: "col" }, CUMULATIVE_HEADER)
    )
  );

export function figuresTable(figures: ChartFigures, caption: string): HTMLTableElement {
  const { quarter, cumulative } = figures;
  return h(
    "table",
    { class: "figures" },
    h("caption", {}, caption),
    columnHeads(),
    h(
      "tbody",
      {},
      FORM_ROWS.map((r) =>
        r.kind === "heading"
          ? h(
              "tr",
              { class: r.training ? "training-heading" : "section" },
              h("th", { scope: "rowgroup", colspan: 3 }, r.label)
            )
          : h(
              "tr",
              {},
              h(
                "th",
                { scope: "row", class: r.line.training ? "training-line" : "line" },
                r.line.label
              ),
              h("td", {}, String(quarter[r.line.key])),
              h("td", {}, String(cumulative[r.line.key]))
            )
      )
    )
  );
}

/**
 * One of the optional tables' blocks (Victim Leads, Outreach Materials, Media Canvass) as the
 * fill writes it below the narrative: its heading as the caption, each line with its Quarter and
 * Cumulative figure (blank where the report leaves the cell blank).
 */
export function blockTable(block: FigureBlock, caption = block.heading): HTMLTableElement {
  const cell = (v: number | string | null): string => (v === null ? "" : String(v));
  return h(
    "table",
    { class: "figure-block" },
    h("caption", {}, caption),
    columnHeads(),
    h(
      "tbody",
      {},
      block.lines.map((l) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", class: "line" }, l.label),
          h("td", {}, cell(l.quarter)),
          h("td", {}, cell(l.cumulative))
        )
      )
    )
  );
}
