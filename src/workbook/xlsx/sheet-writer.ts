/**
 * New worksheets and table parts from a SheetSpec, written in the element order the schema
 * requires (sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData, mergeCells,
 * dataValidations, pageMargins, headerFooter, tableParts).
 */
import { CellRange, cellRef, formatRange, parseRange } from "./cellref";
import { CellUpdate, cellXml, normaliseUpdates } from "./patch";
import { StyleSpec } from "./styles";
import { encodeXstring, escapeAttr, escapeText, xstringEscape } from "./xml";

export interface SpecCell {
  readonly row: number;
  readonly col: number;
  readonly value: string | number | boolean | null;
  /** A style described, or a cell format index from XlsxWorkbook.styleId. */
  readonly style?: StyleSpec | number;
}

export interface TableSpec {
  readonly name: string;
  /** The table's range, header row included, e.g. "A1:L500". */
  readonly ref: string;
  /** Header names, left to right; the header cells are written from them when absent. */
  readonly columns: readonly string[];
  /** A built-in table style; "TableStyleMedium2" when absent. */
  readonly style?: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly cells: readonly SpecCell[];
  /** Widths in Excel's character units. */
  readonly columnWidths?: readonly { readonly col: number; readonly width: number }[];
  /** Merged ranges such as "A1:C1". */
  readonly merges?: readonly string[];
  /** Drop-down lists: each cell of `ref` accepts only the listed values (an error otherwise). */
  readonly dataValidations?: readonly { readonly ref: string; readonly list: readonly string[] }[];
  readonly table?: TableSpec;
  /** Header/footer codes as Excel writes them, e.g. '&C&"-,Bold"TEXT'. */
  readonly headerFooter?: { readonly oddHeader: string; readonly oddFooter: string };
  /** Freeze the rows above and the columns left of this cell ({row: 2, col: 1}: the top row). */
  readonly freeze?: { readonly row: number; readonly col: number };
}

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function range(ref: string, what: string): CellRange {
  const r = parseRange(ref);
  if (!r) throw new RangeError(`${what} "${ref}" is not a cell range such as A1:C3.`);
  return r;
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** The spec's cells with the table's header cells added (they must equal the column names). */
export function cellsWithTableHeader(spec: SheetSpec): SpecCell[] {
  const cells = [...spec.cells];
  const t = spec.table;
  if (!t) return cells;
  const r = range(t.ref, "Table range");
  if (r.right - r.left + 1 !== t.columns.length) {
    throw new RangeError(
      `Table ${t.name}: ${t.ref} is ${r.right - r.left + 1} columns wide but ${t.columns.length} column names were given.`
    );
  }
  if (r.bottom <= r.top)
    throw new RangeError(
      `Table ${t.name}: ${t.ref} needs a header row and at least one row below it.`
    );
  const seen = new Set<string>();
  t.columns.forEach((name, j) => {
    if (typeof name !== "string" || name.trim() === "") {
      throw new RangeError(`Table ${t.name}: column ${j + 1} has no name.`);
    }
    if (seen.has(name.toUpperCase()))
      throw new RangeError(`Table ${t.name}: two columns are named "${name}".`);
    seen.add(name.toUpperCase());
    const col = r.left + j;
    const given = cells.filter((c) => c.row === r.top && c.col === col);
    if (given.length === 0) cells.push({ row: r.top, col, value: name });
    else if (given.some((c) => c.value !== name)) {
      throw new RangeError(
        `Table ${t.name}: the header cell ${cellRef(r.top, col)} must read "${name}".`
      );
    }
  });
  for (const m of spec.merges ?? []) {
    if (overlaps(range(m, "Merged range"), r)) {
      throw new RangeError(`Table ${t.name}: merged cells (${m}) cannot lie inside a table.`);
    }
  }
  return cells;
}

/** The worksheet XML. `styleOf` turns a cell's style into a cell format index. */
export function worksheetXml(
  spec: SheetSpec,
  styleOf: (style: StyleSpec | number | undefined) => number | undefined,
  tableRelId?: string
): string {
  const cells = cellsWithTableHeader(spec);
  const updates: CellUpdate[] = normaliseUpdates(
    cells.map((c) => ({ row: c.row, col: c.col, value: c.value, style: styleOf(c.style) }))
  );
  const parts: string[] = [XML_DECL, `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];

  const written = updates.filter((u) => u.value !== null || u.style);
  if (written.length) {
    let box: CellRange = {
      top: written[0].row,
      left: written[0].col,
      bottom: written[0].row,
      right: written[0].col,
    };
    for (const u of written) {
      box = {
        top: Math.min(box.top, u.row),
        left: Math.min(box.left, u.col),
        bottom: Math.max(box.bottom, u.row),
        right: Math.max(box.right, u.col),
      };
    }
    parts.push(`<dimension ref="${formatRange(box)}"/>`);
  } else {
    parts.push('<dimension ref="A1"/>');
  }

  const f = spec.freeze;
  const ySplit = f ? f.row - 1 : 0;
  const xSplit = f ? f.col - 1 : 0;
  if (f && (!Number.isInteger(f.row) || !Number.isInteger(f.col) || ySplit < 0 || xSplit < 0)) {
    throw new RangeError(`Freeze panes: ${JSON.stringify(f)} is not a cell.`);
  }
  if (f && (xSplit > 0 || ySplit > 0)) {
    const pane = xSplit && ySplit ? "bottomRight" : ySplit ? "bottomLeft" : "topRight";
    const topLeft = cellRef(f.row, f.col);
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${xSplit ? ` xSplit="${xSplit}"` : ""}${ySplit ? ` ySplit="${ySplit}"` : ""}` +
        ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
    );
  } else {
    parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');

  const widths = [...(spec.columnWidths ?? [])].sort((a, b) => a.col - b.col);
  widths.forEach((w, k) => {
    if (
      !Number.isInteger(w.col) ||
      w.col < 1 ||
      w.col > 16384 ||
      !(w.width >= 0 && w.width <= 255)
    ) {
      throw new RangeError(`Column width ${JSON.stringify(w)}: column 1 to 16384, width 0 to 255.`);
    }
    if (k > 0 && widths[k - 1].col === w.col)
      throw new RangeError(`Column ${w.col} has two widths.`);
  });
  if (widths.length) {
    parts.push(
      `<cols>${widths.map((w) => `<col min="${w.col}" max="${w.col}" width="${w.width}" customWidth="1"/>`).join("")}</cols>`
    );
  }

  parts.push("<sheetData>");
  for (let k = 0; k < updates.length;) {
    const row = updates[k].row;
    let rowXml = "";
    for (; k < updates.length && updates[k].row === row; k++) {
      const u = updates[k];
      if (u.value === null && !u.style) continue;
      rowXml += cellXml("", u.row, u.col, u.value, u.style);
    }
    if (rowXml) parts.push(`<row r="${row}">${rowXml}</row>`);
  }
  parts.push("</sheetData>");

  const merges = (spec.merges ?? []).map((m) => range(m, "Merged range"));
  merges.forEach((m, i) => {
    if (m.top === m.bottom && m.left === m.right) {
      throw new RangeError(`Merged range ${spec.merges![i]} is a single cell.`);
    }
    for (let j = 0; j < i; j++) {
      if (overlaps(m, merges[j])) {
        throw new RangeError(`Merged ranges ${spec.merges![j]} and ${spec.merges![i]} overlap.`);
      }
    }
  });
  if (merges.length) {
    parts.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${formatRange(m)}"/>`).join("")}</mergeCells>`
    );
  }

  const validations = spec.dataValidations ?? [];
  if (validations.length) {
    parts.push(`<dataValidations count="${validations.length}">`);
    for (const v of validations) {
      const sqref = v.ref
        .trim()
        .split(/\s+/)
        .map((r) => formatRange(range(r, "Validation range")))
        .join(" ");
      for (const item of v.list) {
        if (/[,"]/.test(item)) {
          throw new RangeError(
            `Drop-down item "${item}": a list typed into the validation cannot hold commas or quotes.`
          );
        }
      }
      const formula = `"${v.list.join(",")}"`;
      if (formula.length > 257)
        throw new RangeError(`Drop-down list for ${v.ref} is longer than Excel's 255 characters.`);
      parts.push(
        `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref}">` +
          `<formula1>${escapeText(formula)}</formula1></dataValidation>`
      );
    }
    parts.push("</dataValidations>");
  }

  parts.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  );
  if (spec.headerFooter) {
    const { oddHeader, oddFooter } = spec.headerFooter;
    parts.push(
      `<headerFooter><oddHeader>${encodeXstring(oddHeader)}</oddHeader><oddFooter>${encodeXstring(oddFooter)}</oddFooter></headerFooter>`
    );
  }
  if (tableRelId)
    parts.push(`<tableParts count="1"><tablePart r:id="${tableRelId}"/></tableParts>`);
  parts.push("</worksheet>");
  return parts.join("");
}

/** Excel's rules for a table name (also the rules for a defined name, minus the ones it checks). */
export function checkTableName(name: string): void {
  if (
    !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) ||
    name.length > 255 ||
    /^[A-Za-z]{1,3}[0-9]+$/.test(name) ||
    /^[RrCc]$/.test(name) ||
    /^[Rr][0-9]*[Cc][0-9]*$/.test(name)
  ) {
    throw new RangeError(
      `"${name}" cannot be a table name: use letters, digits, _ and ., starting with a letter, and not a cell address.`
    );
  }
}

export function tableXml(id: number, t: TableSpec): string {
  const ref = formatRange(range(t.ref, "Table range"));
  const cols = t.columns
    .map((c, j) => `<tableColumn id="${j + 1}" name="${escapeAttr(xstringEscape(c))}"/>`)
    .join("");
  return (
    XML_DECL +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${t.name}" displayName="${t.name}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(t.style ?? "TableStyleMedium2")}" showFirstColumn="0" showLastColumn="0"` +
    ` showRowStripes="1" showColumnStripes="0"/></table>`
  );
}
