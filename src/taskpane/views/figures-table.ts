/** The chart's figures as an accessible table, in the form's rows: the report and HQ views. */
import { ChartFigures, FORM_ROWS } from "../../core/chart";
import { h } from "../dom";

export function figuresTable(figures: ChartFigures, caption: string): HTMLTableElement {
  const { quarter, cumulative } = figures;
  return h(
    "table",
    { class: "figures" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Line"),
        h("th", { scope: "col" }, "Quarter"),
        h("th", { scope: "col" }, "Cumulative")
      )
    ),
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
