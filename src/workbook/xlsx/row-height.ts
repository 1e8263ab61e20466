/**
 * Column widths as a worksheet records them, and row heights set on its rows: what a cell with
 * wrapped text needs to print whole (a spreadsheet program does not grow a row on its own when
 * the file gives it no height, and LibreOffice prints the height the file gives).
 */
import { attrOf, scanElements, setAttributes } from "./elements";

/** Excel's default column width, in characters of the default font, when a sheet names none. */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/** The width of column `col` in characters (the `<cols>` entry covering it, or the default). */
export function columnWidthOf(xml: string, part: string, col: number): number {
  const { elements } = scanElements(xml, part, 2);
  let fallback = DEFAULT_COLUMN_WIDTH;
  for (const el of elements) {
    if (el.local === "sheetFormatPr") {
      const w = Number(attrOf(el, "defaultColWidth"));
      if (w > 0) fallback = w;
    } else if (el.local === "col") {
      const min = Number(attrOf(el, "min"));
      const max = Number(attrOf(el, "max"));
      const width = Number(attrOf(el, "width"));
      if (col >= min && col <= max && width > 0) return width;
    }
  }
  return fallback;
}

/** The sheet with these rows given these heights (points); rows not yet written are skipped. */
export function withRowHeights(
  xml: string,
  part: string,
  heights: ReadonlyMap<number, number>
): string {
  if (heights.size === 0) return xml;
  const { elements } = scanElements(xml, part, 2);
  let out = xml;
  const rows = elements.filter((e) => e.local === "row" && heights.has(Number(attrOf(e, "r"))));
  for (const el of rows.reverse()) {
    const ht = heights.get(Number(attrOf(el, "r"))) as number;
    const tag = setAttributes(out.slice(el.start, el.openEnd), {
      ht: String(ht),
      customHeight: "1",
    });
    out = out.slice(0, el.start) + tag + out.slice(el.openEnd);
  }
  return out;
}
