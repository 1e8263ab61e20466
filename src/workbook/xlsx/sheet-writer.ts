/**
 * New worksheets and table parts from a WorksheetSpec, written in the element order the schema
 * requires (sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData, mergeCells,
 * dataValidations, pageMargins, pageSetup, headerFooter, tableParts).
 */
import { CellRange, cellRef, columnLetters, formatRange, parseRange } from "./cellref";
import { PrintSetup } from "../print-setup";
import { printSetupXml } from "./page-setup";
import { cellXml, checkCell } from "./patch";
import { StyleSpec } from "./styles";
import { encodeXstring, escapeAttr, escapeText, xstringEscape } from "./xml";

export interface WorksheetCell {
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

export interface WorksheetSpec {
  readonly name: string;
  readonly cells: readonly WorksheetCell[];
  /** Widths in Excel's character units. */
  readonly columnWidths?: readonly { readonly col: number; readonly width: number }[];
  /** Heights in points of rows that need one (wrapped text prints whole only at its height). */
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
  /** Merged ranges such as "A1:C1". */
  readonly merges?: readonly string[];
  /** Drop-down lists: each cell of `ref` accepts only the listed values (an error otherwise). */
  readonly dataValidations?: readonly { readonly ref: string; readonly list: readonly string[] }[];
  readonly table?: TableSpec;
  /** Header/footer codes as Excel writes them, e.g. '&C&"-,Bold"TEXT'. */
  readonly headerFooter?: { readonly oddHeader: string; readonly oddFooter: string };
  /** Freeze the rows above and the columns left of this cell ({row: 2, col: 1}: the top row). */
  readonly freeze?: { readonly row: number; readonly col: number };
  /** Orientation, fit to one page wide, print titles (a defined name: see XlsxWorkbook.addSheet). */
  readonly print?: PrintSetup;
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

/**
 * The table's header cells the spec does not give (the given ones must equal the column names),
 * after checking the table against the spec: one pass over the cells, whatever their number.
 */
function missingTableHeader(spec: WorksheetSpec): WorksheetCell[] {
  const t = spec.table;
  if (!t) return [];
  const r = range(t.ref, "Table range");
  const width = r.right - r.left + 1;
  if (width !== t.columns.length) {
    throw new RangeError(
      `Table ${t.name}: ${t.ref} is ${width} columns wide but ${t.columns.length} column names were given.`
    );
  }
  if (r.bottom <= r.top)
    throw new RangeError(
      `Table ${t.name}: ${t.ref} needs a header row and at least one row below it.`
    );
  // For each column of the header row: 1 when a cell is given there, 2 when one differs.
  const given = new Uint8Array(width);
  for (const c of spec.cells) {
    if (c.row === r.top && Number.isInteger(c.col) && c.col >= r.left && c.col <= r.right) {
      const j = c.col - r.left;
      given[j] |= c.value === t.columns[j] ? 1 : 3;
    }
  }
  const missing: WorksheetCell[] = [];
  const seen = new Set<string>();
  t.columns.forEach((name, j) => {
    if (typeof name !== "string" || name.trim() === "") {
      throw new RangeError(`Table ${t.name}: column ${j + 1} has no name.`);
    }
    if (seen.has(name.toUpperCase()))
      throw new RangeError(`Table ${t.name}: two columns are named "${name}".`);
    seen.add(name.toUpperCase());
    const col = r.left + j;
    if (given[j] === 0) missing.push({ row: r.top, col, value: name });
    else if (given[j] & 2) {
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
  return missing;
}

/** The index of a text in the workbook's shared string table, the text added when new. */
export type SharedStringIndex = (text: string) => number;

/** The XML of the cells is joined into one string per this many pieces (cells, row tags). */
const PIECES = 8192;

/**
 * The worksheet XML. `styleOf` turns a cell's style into a cell format index; it is asked once
 * per distinct style, in the order the cells are given. Text goes to the shared string table
 * through `sharedString` (a shared string is only ever text, never a formula), else inline.
 * Linear in the number of cells when they come in row-major order (they are sorted otherwise);
 * a later cell at the same address replaces an earlier one.
 */
export function worksheetXml(
  spec: WorksheetSpec,
  styleOf: (style: StyleSpec | number | undefined) => number | undefined,
  tableRelId?: string,
  sharedString?: SharedStringIndex
): string {
  const given = spec.cells;
  const extra = missingTableHeader(spec);
  const n = given.length;
  const total = n + extra.length;
  const cellAt = (k: number): WorksheetCell => (k < n ? given[k] : extra[k - n]);

  // Styles first, in the cells' order (a new format is appended to styles.xml when first met).
  const styles = new Int32Array(total); // 0: none (style 0 is written as none too)
  const known = new Map<StyleSpec | number, number | undefined>();
  for (let k = 0; k < total; k++) {
    const style = cellAt(k).style;
    if (style === undefined) continue;
    let id = known.get(style);
    if (id === undefined && !known.has(style)) {
      id = styleOf(style);
      known.set(style, id);
    }
    if (id !== undefined) {
      if (!Number.isInteger(id) || id < 0) {
        const c = cellAt(k);
        throw new RangeError(`${cellRef(c.row, c.col)}: bad style index ${id}.`);
      }
      styles[k] = id;
    }
  }

  // Then every cell is checked (as patchCells checks its updates), noting whether they are
  // already in row-major order with no address twice.
  let ordered = true;
  let lastRow = 0;
  let lastCol = 0;
  const check = checkCell; // a local: see patch.ts on imported bindings in hot loops
  for (let k = 0; k < total; k++) {
    const c = cellAt(k);
    check(c.row, c.col, c.value);
    if (ordered && !(c.row > lastRow || (c.row === lastRow && c.col > lastCol))) ordered = false;
    lastRow = c.row;
    lastCol = c.col;
  }
  let order: Uint32Array | null = null;
  if (!ordered) {
    order = new Uint32Array(total);
    for (let k = 0; k < total; k++) order[k] = k;
    order.sort((a, b) => {
      const p = cellAt(a);
      const q = cellAt(b);
      return p.row - q.row || p.col - q.col || a - b;
    });
  }

  const f = spec.freeze;
  const ySplit = f ? f.row - 1 : 0;
  const xSplit = f ? f.col - 1 : 0;
  if (f && (!Number.isInteger(f.row) || !Number.isInteger(f.col) || ySplit < 0 || xSplit < 0)) {
    throw new RangeError(`Freeze panes: ${JSON.stringify(f)} is not a cell.`);
  }
  const head: string[] = [];
  if (f && (xSplit > 0 || ySplit > 0)) {
    const pane = xSplit && ySplit ? "bottomRight" : ySplit ? "bottomLeft" : "topRight";
    const topLeft = cellRef(f.row, f.col);
    head.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${xSplit ? ` xSplit="${xSplit}"` : ""}${ySplit ? ` ySplit="${ySplit}"` : ""}` +
        ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
    );
  } else {
    head.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  head.push('<sheetFormatPr defaultRowHeight="15"/>');

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
    head.push(
      `<cols>${widths.map((w) => `<col min="${w.col}" max="${w.col}" width="${w.width}" customWidth="1"/>`).join("")}</cols>`
    );
  }

  // What follows the cells, checked before any text goes to the shared string table.
  const tail: string[] = [];
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
    tail.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${formatRange(m)}"/>`).join("")}</mergeCells>`
    );
  }

  const validations = spec.dataValidations ?? [];
  if (validations.length) {
    tail.push(`<dataValidations count="${validations.length}">`);
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
      tail.push(
        `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref}">` +
          `<formula1>${escapeText(formula)}</formula1></dataValidation>`
      );
    }
    tail.push("</dataValidations>");
  }

  tail.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  );
  const print = spec.print ? printSetupXml(spec.print) : undefined;
  if (print) tail.push(print.pageSetup);
  if (spec.headerFooter) {
    const { oddHeader, oddFooter } = spec.headerFooter;
    tail.push(
      `<headerFooter><oddHeader>${encodeXstring(oddHeader)}</oddHeader><oddFooter>${encodeXstring(oddFooter)}</oddFooter></headerFooter>`
    );
  }
  if (tableRelId) tail.push(`<tableParts count="1"><tablePart r:id="${tableRelId}"/></tableParts>`);

  // The cells, row by row; their XML is joined a block at a time (PIECES), then once.
  const heights = new Map((spec.rowHeights ?? []).map((h) => [h.row, h.height]));
  const data: string[] = ["<sheetData>"];
  const pieces: string[] = [];
  const opens: string[] = [];
  const styleAttrs: string[] = [];
  const inlineCell = cellXml; // locals, as `check` above
  const lettersOf = columnLetters;
  let top = 0;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  let row = 0;
  let rowText = "";
  for (let k = 0; k < total; k++) {
    const at = order === null ? k : order[k];
    const c = cellAt(at);
    if (order !== null && k + 1 < total) {
      const next = cellAt(order[k + 1]);
      if (next.row === c.row && next.col === c.col) continue; // a later one replaces it
    }
    const value = c.value;
    const style = styles[at];
    if (value === null && !style) continue;
    if (c.row !== row) {
      if (row !== 0) {
        pieces.push("</row>");
        if (pieces.length >= PIECES) {
          data.push(pieces.join(""));
          pieces.length = 0;
        }
      }
      row = c.row;
      rowText = String(row);
      const ht = heights.get(row);
      pieces.push(
        ht === undefined
          ? `<row r="${rowText}">`
          : `<row r="${rowText}" ht="${ht}" customHeight="1">`
      );
      if (top === 0) top = row;
      bottom = row;
    }
    const col = c.col;
    if (col < left) left = col;
    if (col > right) right = col;
    // cellXml's XML (patch.ts), written here without its intermediate strings.
    const open = (opens[col] ??= `<c r="${lettersOf(col)}`);
    const s = style ? (styleAttrs[style] ??= `" s="${style}"`) : '"';
    if (typeof value === "string") {
      pieces.push(
        sharedString
          ? open + rowText + s + ' t="s"><v>' + sharedString(value) + "</v></c>"
          : inlineCell("", row, col, value, style)
      );
    } else if (typeof value === "number") {
      const v = Object.is(value, -0) ? "0" : String(value);
      pieces.push(open + rowText + s + "><v>" + v + "</v></c>");
    } else if (typeof value === "boolean") {
      pieces.push(open + rowText + s + (value ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>'));
    } else {
      pieces.push(open + rowText + s + "/>");
    }
  }
  if (row !== 0) pieces.push("</row>");
  data.push(pieces.join(""), "</sheetData>");

  const dimension = top ? formatRange({ top, left, bottom, right }) : "A1";
  return [
    XML_DECL,
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    print?.sheetPr ?? "",
    `<dimension ref="${dimension}"/>`,
    ...head,
    data.join(""),
    ...tail,
    "</worksheet>",
  ].join("");
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
