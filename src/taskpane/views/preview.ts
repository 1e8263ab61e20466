/**
 * The log as a small table in the pane (browser-only mode, where there is no Excel window to
 * select a cell in): a few rows around a finding, or the rows with errors, highlighted.
 */
import { CellValue, LogGrid } from "../../core/log";
import { columnLetters } from "../../core/cell-address";
import { dayFromSerial, usDate } from "../../core/dates";
import { h } from "../dom";

export interface PreviewOptions {
  /** Worksheet rows to show, in order. */
  readonly rows: readonly number[];
  /** The row and column (worksheet numbers) to mark as the current cell. */
  readonly focus?: { row: number; col?: number };
  /** Rows drawn highlighted (rows with errors). */
  readonly highlight?: ReadonlySet<number>;
  readonly caption: string;
  /** The worksheet column holding dates (shown as MM/DD/YYYY rather than serial numbers). */
  readonly dateCol?: number;
}

function shown(v: CellValue, date = false, date1904 = false): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (date && typeof v === "number") {
    const d = dayFromSerial(v, date1904);
    if (d.ok) return usDate(d.day);
  }
  return String(v);
}

export function renderPreview(into: HTMLElement, grid: LogGrid, options: PreviewOptions): void {
  const top = grid.top ?? 1;
  const left = grid.left ?? 1;
  const header = grid.values[0] ?? [];
  const table = h(
    "table",
    { class: "preview" },
    h("caption", {}, options.caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Row"),
        header.map((v, j) =>
          h("th", { scope: "col", title: `Column ${columnLetters(left + j)}` }, shown(v))
        )
      )
    ),
    h(
      "tbody",
      {},
      options.rows.map((row) => {
        const cells = grid.values[row - top] ?? [];
        const current = options.focus?.row === row;
        const marked = options.highlight?.has(row) ?? false;
        const classes = [current ? "current" : "", marked ? "highlighted" : ""].join(" ").trim();
        return h(
          "tr",
          { class: classes || null, "aria-current": current ? "true" : null },
          h(
            "th",
            { scope: "row" },
            String(row),
            marked ? h("span", { class: "visually-hidden" }, " (has errors)") : null
          ),
          header.map((_, j) => {
            const isCell = current && options.focus?.col === left + j;
            return h(
              "td",
              { class: isCell ? "current-cell" : null },
              shown(cells[j], left + j === options.dateCol, grid.date1904),
              isCell ? h("span", { class: "visually-hidden" }, " (this cell)") : null
            );
          })
        );
      })
    )
  );
  into.replaceChildren(
    h(
      "div",
      { class: "preview-scroll", tabindex: 0, role: "region", "aria-label": options.caption },
      table
    )
  );
  into.hidden = false;
  // The marked cell in view inside the scrolling box (not the page).
  const scroller = into.firstElementChild as HTMLElement;
  const cell =
    into.querySelector<HTMLElement>("td.current-cell") ??
    into.querySelector<HTMLElement>("tr.current td");
  if (cell) {
    scroller.scrollLeft = Math.max(
      0,
      cell.offsetLeft - scroller.clientWidth / 2 + cell.offsetWidth / 2
    );
    scroller.scrollTop = Math.max(0, cell.offsetTop - scroller.clientHeight / 2);
  }
}

/** Rows `around` a row, within the log's data rows. */
export function rowsAround(grid: LogGrid, row: number, around = 3): number[] {
  const top = (grid.top ?? 1) + 1;
  const bottom = (grid.top ?? 1) + grid.values.length - 1;
  const out: number[] = [];
  for (let r = Math.max(top, row - around); r <= Math.min(bottom, row + around); r++) out.push(r);
  return out;
}
