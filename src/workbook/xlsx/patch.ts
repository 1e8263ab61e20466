/**
 * patchCells on a worksheet's XML: one pass of the scanner collects where the touched rows and
 * cells are; the result is the original text with only those spans replaced. Cells that are
 * not patched keep their exact XML. Linear in the size of the sheet plus the updates.
 */
import { CellRange, MAX_COLS, MAX_ROWS, cellRef, formatRange, parseRange } from "./cellref";
import { setAttributes } from "./elements";
import { shiftFormula } from "./formula";
import { CLOSE, END, OPEN, XmlScanner, encodeXstring, escapeAttr, escapeText } from "./xml";
import { corrupt } from "./errors";

export interface CellUpdate {
  row: number;
  col: number;
  /** Text is always stored as text (an inline string), never read as a formula. null clears
   * the value and keeps the cell's style. */
  value: string | number | boolean | null;
  /** A cell format index (see XlsxWorkbook.styleId); when absent the cell keeps its own. */
  style?: number;
}

export interface PatchResult {
  xml: string;
  /** True when a patched cell held a formula (so the calculation chain is out of date). */
  formulasRemoved: boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface CellSpan {
  col: number;
  start: number;
  end: number;
  /** Where the start tag's name ends (to add an r attribute). */
  nameEnd: number;
  hasRef: boolean;
  /** The start tag's attributes as written: [name, raw value]. */
  attrs: Array<[string, string]>;
  hasFormula: boolean;
  prefix: string;
}

interface SharedMaster {
  row: number;
  col: number;
  formula: string;
  attrs: Array<[string, string]>;
  prefix: string;
  dependents: Array<{ row: number; col: number; start: number; end: number }>;
}

/** Excel's limit on the text of one cell. */
export const MAX_TEXT = 32767;

/** Checks a cell's address and value (RangeError or TypeError, naming the cell). */
export function checkCell(row: number, col: number, v: unknown): void {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) {
    throw new RangeError(`Row ${row} is outside the worksheet (1 to ${MAX_ROWS}).`);
  }
  if (!Number.isInteger(col) || col < 1 || col > MAX_COLS) {
    throw new RangeError(`Column ${col} is outside the worksheet (1 to ${MAX_COLS}).`);
  }
  if (typeof v === "number" && !Number.isFinite(v)) {
    throw new RangeError(`${cellRef(row, col)}: ${v} is not a number a worksheet can hold.`);
  }
  if (typeof v === "string" && v.length > MAX_TEXT) {
    throw new RangeError(
      `${cellRef(row, col)}: a cell holds at most ${MAX_TEXT} characters (this text has ${v.length}).`
    );
  }
  if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
    throw new TypeError(`${cellRef(row, col)}: unsupported value ${String(v)}.`);
  }
}

/** Sorts by position; a later update of the same cell wins. */
export function normaliseUpdates(updates: readonly CellUpdate[]): CellUpdate[] {
  let ordered = true;
  updates.forEach((u, k) => {
    checkCell(u.row, u.col, u.value);
    if (u.style !== undefined && (!Number.isInteger(u.style) || u.style < 0)) {
      throw new RangeError(`${cellRef(u.row, u.col)}: bad style index ${u.style}.`);
    }
    const p = k > 0 ? updates[k - 1] : undefined;
    if (p && !(u.row > p.row || (u.row === p.row && u.col > p.col))) ordered = false;
  });
  if (ordered) return [...updates];
  const sorted = updates
    .map((u, i) => ({ u, i }))
    .sort((a, b) => a.u.row - b.u.row || a.u.col - b.u.col || a.i - b.i)
    .map((x) => x.u);
  return sorted.filter(
    (u, k) => k + 1 === sorted.length || sorted[k + 1].row !== u.row || sorted[k + 1].col !== u.col
  );
}

function boundingBox(
  cells: ReadonlyArray<{ row: number; col: number }>,
  start?: CellRange
): CellRange {
  const box = start ? { ...start } : { top: MAX_ROWS, left: MAX_COLS, bottom: 1, right: 1 };
  for (const c of cells) {
    if (c.row < box.top) box.top = c.row;
    if (c.row > box.bottom) box.bottom = c.row;
    if (c.col < box.left) box.left = c.col;
    if (c.col > box.right) box.right = c.col;
  }
  return box;
}

/** The column of a cell reference ("BC12" -> 55); `fallback` when it has no letters. */
function columnOf(ref: string, fallback: number): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col || fallback;
}

function numberText(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}

/** A cell element for a value. `attrs` are the attributes to keep, already in XML form. */
export function cellXml(
  p: string,
  row: number,
  col: number,
  value: string | number | boolean | null,
  style: number | undefined,
  attrs = ""
): string {
  const head = `<${p}c r="${cellRef(row, col)}"${style ? ` s="${style}"` : ""}${attrs}`;
  if (value === null) return `${head}/>`;
  if (typeof value === "string") {
    return (
      `${head} t="inlineStr"><${p}is><${p}t xml:space="preserve">${encodeXstring(value)}` +
      `</${p}t></${p}is></${p}c>`
    );
  }
  if (typeof value === "boolean") return `${head} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  return `${head}><${p}v>${numberText(value)}</${p}v></${p}c>`;
}

/** Attributes of an existing cell that survive a new value, as written (s first): not r, t,
 * the metadata of the old value (cm, vm), nor s when a new style is given. */
function keptAttrs(cell: CellSpan, newStyle: boolean): string {
  let style = "";
  let rest = "";
  for (const [name, raw] of cell.attrs) {
    const attr = ` ${name}="${raw.replace(/"/g, "&quot;")}"`;
    if (name === "s") {
      if (!newStyle) style = attr;
    } else if (name !== "r" && name !== "t" && name !== "cm" && name !== "vm") {
      rest += attr;
    }
  }
  return style + rest;
}

export function patchWorksheetXml(
  xml: string,
  part: string,
  input: readonly CellUpdate[]
): PatchResult {
  const updates = normaliseUpdates(input);
  const byRow = new Map<number, { list: CellUpdate[]; end: number }>();
  updates.forEach((u, k) => {
    const entry = byRow.get(u.row);
    if (entry) {
      entry.list.push(u);
      entry.end = k + 1;
    } else byRow.set(u.row, { list: [u], end: k + 1 });
  });
  const edits: Edit[] = [];
  let formulasRemoved = false;
  let next = 0; // first update not yet placed
  let prefix = "";

  const newRows = (beforeRow: number): string => {
    let out = "";
    while (next < updates.length && updates[next].row < beforeRow) {
      const row = updates[next].row;
      let cells = "";
      for (; next < updates.length && updates[next].row === row; next++) {
        const u = updates[next];
        if (u.value === null && !u.style) continue;
        cells += cellXml(prefix, u.row, u.col, u.value, u.style);
      }
      if (cells) out += `<${prefix}row r="${row}">${cells}</${prefix}row>`;
    }
    return out;
  };

  const x = new XmlScanner(xml, part);
  let t = x.next();
  let dimension: { start: number; end: number; tag: string; ref: string | undefined } | null = null;
  while (t !== END && !(t === OPEN && x.is("sheetData"))) {
    if (t === OPEN && x.depth === (x.selfClosing ? 1 : 2) && x.is("dimension")) {
      dimension = {
        start: x.tagStart,
        end: x.tagEnd,
        tag: xml.slice(x.tagStart, x.tagEnd),
        ref: x.attr("ref"),
      };
    }
    t = x.next();
  }
  if (t === END) throw corrupt(part, "has no cell data (sheetData)");
  prefix = x.prefix();

  const masters = new Map<string, SharedMaster>(); // si -> overwritten master
  if (x.selfClosing) {
    const tag = xml.slice(x.tagStart, x.tagEnd).replace(/\s*\/>$/, ">");
    edits.push({
      start: x.tagStart,
      end: x.tagEnd,
      text: `${tag}${newRows(MAX_ROWS + 1)}</${prefix}sheetData>`,
    });
  } else {
    const dataDepth = x.depth;
    let rowNum = 0;
    let bang = 0; // where the next "<!" is at or after the scan point (-1: none)
    for (;;) {
      t = x.next();
      if (t === CLOSE && x.depth < dataDepth) {
        const rest = newRows(MAX_ROWS + 1);
        if (rest) edits.push({ start: x.tagStart, end: x.tagStart, text: rest });
        break;
      }
      if (t !== OPEN) continue;
      if (!x.is("row")) {
        x.skipElement();
        continue;
      }
      // <row>
      const rowStart = x.tagStart;
      const rowOpenEnd = x.tagEnd;
      const rowSelfClosing = x.selfClosing;
      const r = x.attr("r");
      rowNum = r !== undefined ? +r : rowNum + 1;
      if (!(rowNum >= 1 && rowNum <= MAX_ROWS)) x.fail(rowStart, "bad row number");
      let rowTag = xml.slice(rowStart, rowOpenEnd);
      const spans = x.attr("spans");
      const inserted = newRows(rowNum);
      if (inserted) edits.push({ start: rowStart, end: rowStart, text: inserted });
      const entry = byRow.get(rowNum);
      const rowUpdates = entry?.list;
      if (entry) next = Math.max(next, entry.end);
      if (r === undefined) {
        // A row placed implicitly would move if a row were inserted before it.
        rowTag = setAttributes(rowTag, { r: String(rowNum) });
        if (!rowUpdates) edits.push({ start: rowStart, end: rowOpenEnd, text: rowTag });
      }

      if (!rowUpdates && masters.size === 0) {
        // Nothing to do in this row: jump to its end tag. Its bytes are kept as they are, so
        // this is safe without parsing them, unless a comment or CDATA could hide an end tag.
        if (rowSelfClosing) continue;
        const rowClose = `</${x.prefix()}row>`;
        const close = xml.indexOf(rowClose, rowOpenEnd);
        if (bang !== -1 && bang < rowOpenEnd) bang = xml.indexOf("<!", rowOpenEnd);
        if (close >= 0 && (bang === -1 || bang > close)) x.closeAt(close + rowClose.length);
        else x.skipElement();
        continue;
      }
      // The row's cells: collected where the row is patched or a shared formula may move.
      const cells: CellSpan[] = [];
      const patchedCols = rowUpdates ? new Set(rowUpdates.map((u) => u.col)) : null;
      let col = 0;
      if (!rowSelfClosing) {
        const cellDepth = x.depth + 1;
        for (;;) {
          t = x.next();
          if (t === CLOSE) {
            if (x.depth < cellDepth - 1) break;
            continue;
          }
          if (t !== OPEN) continue;
          if (!x.is("c") || x.depth !== (x.selfClosing ? cellDepth - 1 : cellDepth)) {
            x.skipElement();
            continue;
          }
          const ref = x.attr("r");
          col = ref !== undefined ? columnOf(ref, col + 1) : col + 1;
          const patched = patchedCols !== null && patchedCols.has(col);
          const span: CellSpan | null =
            patchedCols !== null
              ? {
                  col,
                  start: x.tagStart,
                  end: x.tagEnd,
                  nameEnd: x.nameEnd,
                  hasRef: ref !== undefined,
                  attrs: Array.from({ length: x.attrCount }, (_, k) => [
                    x.attrName(k),
                    x.attrRaw(k),
                  ]),
                  hasFormula: false,
                  prefix: x.prefix(),
                }
              : null;
          if (!x.selfClosing) {
            for (;;) {
              t = x.next();
              if (t === CLOSE) {
                if (x.depth < cellDepth) break;
                continue;
              }
              if (t !== OPEN) continue;
              if (!x.is("f")) {
                x.skipElement();
                continue;
              }
              if (span) span.hasFormula = true;
              const fStart = x.tagStart;
              const shared = x.attr("t") === "shared";
              const si = x.attr("si");
              if (shared && si !== undefined && patched && x.attr("ref") !== undefined) {
                masters.set(si, {
                  row: rowNum,
                  col,
                  attrs: x.attributes(),
                  prefix: x.prefix(),
                  formula: x.readText(),
                  dependents: [],
                });
              } else if (shared && si !== undefined && !patched && masters.has(si)) {
                x.skipElement();
                const m = masters.get(si) as SharedMaster;
                m.dependents.push({ row: rowNum, col, start: fStart, end: x.tagEnd });
              } else {
                x.skipElement();
              }
            }
            if (span) span.end = x.tagEnd;
          }
          if (span) cells.push(span);
        }
      }
      const rowEnd = x.tagEnd;
      const rowContentEnd = x.tagStart;
      if (!rowUpdates) continue;

      // Spans: widen them to the patched columns (or drop a form we do not understand).
      if (spans !== undefined) {
        const m = /^\s*(\d+):(\d+)\s*$/.exec(spans);
        const lo = rowUpdates[0].col; // sorted by column
        const hi = rowUpdates[rowUpdates.length - 1].col;
        if (!m) rowTag = rowTag.replace(/\s+spans\s*=\s*(["'])[^"']*\1/, "");
        else if (lo < +m[1] || hi > +m[2]) {
          rowTag = setAttributes(rowTag, {
            spans: `${Math.min(lo, +m[1])}:${Math.max(hi, +m[2])}`,
          });
        }
      }

      // Merge the row's updates into its cells, in column order.
      const rowEdits: Edit[] = [];
      let i = 0;
      for (const u of rowUpdates) {
        while (i < cells.length && cells[i].col < u.col) i++;
        const cell = i < cells.length && cells[i].col === u.col ? cells[i] : null;
        if (cell) {
          if (cell.hasFormula) formulasRemoved = true;
          rowEdits.push({
            start: cell.start,
            end: cell.end,
            text: cellXml(
              cell.prefix,
              u.row,
              u.col,
              u.value,
              u.style,
              keptAttrs(cell, u.style !== undefined)
            ),
          });
          i++;
        } else if (u.value !== null || u.style) {
          const at = i < cells.length ? cells[i].start : rowContentEnd;
          rowEdits.push({
            start: at,
            end: at,
            text: cellXml(prefix, u.row, u.col, u.value, u.style),
          });
        }
      }
      // Cells placed implicitly (no r) would move when a cell is inserted before them.
      const replaced = new Set(rowEdits.filter((e) => e.end > e.start).map((e) => e.start));
      for (const c of cells) {
        if (!c.hasRef && !replaced.has(c.start)) {
          rowEdits.push({
            start: c.nameEnd,
            end: c.nameEnd,
            text: ` r="${cellRef(rowNum, c.col)}"`,
          });
        }
      }
      if (rowSelfClosing) {
        const cellsText = rowEdits.map((e) => e.text).join("");
        const open = rowTag.replace(/\s*\/>$/, ">");
        edits.push({ start: rowStart, end: rowEnd, text: `${open}${cellsText}</${prefix}row>` });
      } else {
        if (rowTag !== xml.slice(rowStart, rowOpenEnd)) {
          edits.push({ start: rowStart, end: rowOpenEnd, text: rowTag });
        }
        edits.push(...rowEdits);
      }
    }
    while (t !== END) t = x.next();
  }

  // An overwritten shared-formula master hands its formula to the next cell of its group.
  for (const [si, m] of masters) {
    if (m.dependents.length === 0) continue;
    const first = m.dependents[0];
    const box = boundingBox(m.dependents);
    let attrs = "";
    for (const [name, value] of m.attrs) {
      const v = name === "ref" ? formatRange(box) : name === "si" ? si : value;
      attrs += ` ${name}="${escapeAttr(v)}"`;
    }
    const formula = shiftFormula(m.formula, first.row - m.row, first.col - m.col);
    edits.push({
      start: first.start,
      end: first.end,
      text: `<${m.prefix}f${attrs}>${escapeText(formula)}</${m.prefix}f>`,
    });
  }

  // The dimension grows to take in the new cells.
  if (dimension && dimension.ref !== undefined) {
    const old = parseRange(dimension.ref);
    const written = updates.filter((u) => u.value !== null || u.style);
    if (old && written.length) {
      const box = boundingBox(written, old);
      const ref = formatRange(box);
      if (ref !== formatRange(old)) {
        edits.push({
          start: dimension.start,
          end: dimension.end,
          text: setAttributes(dimension.tag, { ref }),
        });
      }
    }
  }

  edits.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let last = 0;
  for (const e of edits) {
    out.push(xml.slice(last, e.start), e.text);
    last = e.end;
  }
  out.push(xml.slice(last));
  return { xml: out.join(""), formulasRemoved };
}
