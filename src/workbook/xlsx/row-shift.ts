/**
 * Inserting or deleting whole rows of a worksheet, as Excel does: every reference to a row at or
 * below the change moves with it (cells, formulas on any sheet that name this one, merged cells,
 * drop-downs, conditional formats, hyperlinks, defined names, tables, comments, drawings and chart
 * series), so the office's text below moves down (or up) with its section and nothing points at
 * the wrong cell afterwards. This module is the reference arithmetic and the worksheet part;
 * workbook.ts applies it to the other parts.
 */
import { MAX_ROWS, columnLetters, parseCellRef } from "./cellref";
import { ElementSpan, attrOf, scanElements, setAttributes } from "./elements";
import { decodeText, escapeText } from "./xml";
import { mapReferences } from "./formula";

/** `count` > 0: insert that many blank rows before row `at`; < 0: delete rows at..at-count-1. */
export interface RowShift {
  readonly at: number;
  readonly count: number;
}

/** Where row `row` goes, or null when the shift deletes it. */
export function shiftedRow(row: number, s: RowShift): number | null {
  if (row < s.at) return row;
  if (s.count > 0) return Math.min(row + s.count, MAX_ROWS);
  const deleted = -s.count;
  if (row < s.at + deleted) return null;
  return row - deleted;
}

/** A span of rows after the shift (it grows when rows are inserted inside it); null if deleted. */
export function shiftedSpan(top: number, bottom: number, s: RowShift): [number, number] | null {
  if (s.count > 0) return [shiftedRow(top, s) as number, shiftedRow(bottom, s) as number];
  const t = shiftedRow(top, s) ?? s.at;
  const b = shiftedRow(bottom, s) ?? s.at - 1;
  return b < t ? null : [t, b];
}

const CELL_TOKEN = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})$/;
const ROW_TOKEN = /^(\$?)([0-9]{1,7})$/;
const REF_ERROR = "#REF!";

/** A1 or A1:B2 (with or without $) shifted; null when every row of it is deleted. */
export function shiftedRef(ref: string, s: RowShift): string | null {
  const [a, b] = ref.split(":");
  const p = CELL_TOKEN.exec(a);
  const q = b === undefined ? p : CELL_TOKEN.exec(b);
  if (!p || !q) {
    const rp = ROW_TOKEN.exec(a);
    const rq = b === undefined ? null : ROW_TOKEN.exec(b);
    if (rp && rq) {
      const span = shiftedSpan(+rp[2], +rq[2], s);
      return span ? `${rp[1]}${span[0]}:${rq[1]}${span[1]}` : null;
    }
    return ref; // whole columns, names: rows do not move them
  }
  if (b === undefined) {
    const r = shiftedRow(+p[4], s);
    return r === null ? null : `${p[1]}${p[2]}${p[3]}${r}`;
  }
  const span = shiftedSpan(+p[4], +q[4], s);
  return span ? `${p[1]}${p[2]}${p[3]}${span[0]}:${q[1]}${q[2]}${q[3]}${span[1]}` : null;
}

/** A space-separated list of ranges (sqref); "" when all of them are deleted. */
export function shiftedSqref(sqref: string, s: RowShift): string {
  return sqref
    .split(/\s+/)
    .filter((r) => r !== "")
    .map((r) => shiftedRef(r, s))
    .filter((r): r is string => r !== null)
    .join(" ");
}

/**
 * A formula with its references to the shifted sheet moved. `onSheet(qualifier)` says whether a
 * reference belongs to that sheet: the qualifier is the sheet name before `!` (undefined for an
 * unqualified reference). Strings and [structured references] are left alone; a reference to a
 * deleted row becomes #REF!, as in Excel.
 */
export function shiftFormulaRows(
  formula: string,
  s: RowShift,
  onSheet: (qualifier: string | undefined) => boolean
): string {
  return mapReferences(formula, (ref) =>
    ref.kind === "col" || !onSheet(ref.sheet) ? ref.text : (shiftedRef(ref.text, s) ?? REF_ERROR)
  );
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue; // inside an element already replaced (a deleted row)
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

function tagEdit(text: string, el: ElementSpan, values: Record<string, string>): Edit {
  return {
    start: el.start,
    end: el.openEnd,
    text: setAttributes(text.slice(el.start, el.openEnd), values),
  };
}

function contentEdit(text: string, el: ElementSpan, map: (s: string) => string): Edit | null {
  if (el.selfClosing) return null;
  const before = decodeText(text.slice(el.openEnd, el.contentEnd));
  const after = map(before);
  return after === before
    ? null
    : { start: el.openEnd, end: el.contentEnd, text: escapeText(after) };
}

/** Elements whose `sqref` or `ref` lists cells of this sheet (and go when all of them do). */
const RANGE_ELEMENTS: Record<string, "sqref" | "ref"> = {
  mergeCell: "ref",
  hyperlink: "ref",
  dataValidation: "sqref",
  conditionalFormatting: "sqref",
  protectedRange: "sqref",
  ignoredError: "sqref",
};
const FORMULA_ELEMENTS = new Set(["f", "formula", "formula1", "formula2"]);

/**
 * A worksheet part after the shift. On the shifted sheet itself (`isTarget`) rows, cells and
 * ranges move and deleted rows go; on any sheet, formulas naming the shifted sheet follow it.
 */
export function shiftWorksheetXml(
  xml: string,
  part: string,
  s: RowShift,
  sheetName: string,
  isTarget: boolean
): string {
  const same = (q: string | undefined): boolean =>
    q === undefined ? isTarget : refersToSheet(q, sheetName);
  const { elements } = scanElements(xml, part, 6);
  const edits: Edit[] = [];
  let mergeCount: { el: ElementSpan; removed: number; total: number } | undefined;
  let implicitRow = 0;
  for (const el of elements) {
    const name = el.local;
    if (FORMULA_ELEMENTS.has(name)) {
      const e = contentEdit(xml, el, (f) => shiftFormulaRows(f, s, same));
      if (e) edits.push(e);
      if (isTarget && name === "f" && attrOf(el, "ref")) {
        const ref = shiftedRef(attrOf(el, "ref") as string, s);
        if (ref) edits.push(tagEdit(xml, el, { ref }));
      }
      continue;
    }
    if (!isTarget) continue;
    if (name === "row") {
      const r = Number(attrOf(el, "r") ?? implicitRow + 1);
      implicitRow = r;
      const to = shiftedRow(r, s);
      if (to === null) edits.push({ start: el.start, end: el.end, text: "" });
      else if (to !== r || attrOf(el, "r") === undefined)
        edits.push(tagEdit(xml, el, { r: String(to) }));
    } else if (name === "c") {
      const ref = attrOf(el, "r");
      const cell = ref ? parseCellRef(ref) : undefined;
      const to = cell ? shiftedRow(cell.row, s) : null;
      if (cell && to !== null && to !== cell.row)
        edits.push(tagEdit(xml, el, { r: `${columnLetters(cell.col)}${to}` }));
    } else if (name === "mergeCells") {
      mergeCount = { el, removed: 0, total: 0 };
    } else if (name in RANGE_ELEMENTS) {
      const attr = RANGE_ELEMENTS[name];
      const value = attrOf(el, attr);
      if (value === undefined) continue;
      const next = shiftedSqref(value, s);
      if (name === "mergeCell" && mergeCount) mergeCount.total++;
      if (next === "") {
        edits.push({ start: el.start, end: el.end, text: "" });
        if (name === "mergeCell" && mergeCount) mergeCount.removed++;
      } else if (next !== value) edits.push(tagEdit(xml, el, { [attr]: next }));
    } else if (name === "dimension") {
      const ref = attrOf(el, "ref");
      const next = ref && shiftedRef(ref, { ...s, count: Math.max(s.count, 0) });
      if (ref && next && next !== ref) edits.push(tagEdit(xml, el, { ref: next }));
    } else if (name === "brk" && el.prefix === "" && s.count !== 0) {
      const id = Number(attrOf(el, "id"));
      const to = Number.isFinite(id) && id > 0 ? shiftedRow(id + 1, s) : undefined;
      if (to === null) edits.push({ start: el.start, end: el.end, text: "" });
      else if (to !== undefined && to !== id + 1)
        edits.push(tagEdit(xml, el, { id: String(to - 1) }));
    }
  }
  if (mergeCount && mergeCount.removed > 0) {
    const left = mergeCount.total - mergeCount.removed;
    edits.push(
      left === 0
        ? { start: mergeCount.el.start, end: mergeCount.el.end, text: "" }
        : tagEdit(xml, mergeCount.el, { count: String(left) })
    );
  }
  return edits.length === 0 ? xml : applyEdits(xml, edits);
}

/** Comment parts (legacy and threaded): each comment's `ref` moves; a deleted row's goes. */
export function shiftCommentsXml(xml: string, part: string, s: RowShift): string {
  const { elements } = scanElements(xml, part, 3);
  const edits: Edit[] = [];
  for (const el of elements) {
    if (el.local !== "comment" && el.local !== "threadedComment") continue;
    const ref = attrOf(el, "ref");
    if (!ref) continue;
    const next = shiftedRef(ref, s);
    if (next === null) edits.push({ start: el.start, end: el.end, text: "" });
    else if (next !== ref) edits.push(tagEdit(xml, el, { ref: next }));
  }
  return edits.length === 0 ? xml : applyEdits(xml, edits);
}

/**
 * Parts that anchor things to rows counted from 0: drawings (`<xdr:row>` in from/to) and the
 * legacy comment shapes of VML (`<x:Row>`, and the row fields of `<x:Anchor>`).
 */
export function shiftAnchorsXml(xml: string, part: string, s: RowShift): string {
  const { elements } = scanElements(xml, part, 8);
  const edits: Edit[] = [];
  const zeroBased = (v: string): string => {
    const r = Number(v.trim());
    if (!Number.isInteger(r)) return v;
    return String((shiftedRow(r + 1, s) ?? s.at) - 1);
  };
  for (const el of elements) {
    if (el.local === "row" || el.local === "Row") {
      const e = contentEdit(xml, el, zeroBased);
      if (e) edits.push(e);
    } else if (el.local === "Anchor") {
      const e = contentEdit(xml, el, (a) => {
        const f = a.split(",");
        if (f.length !== 8) return a;
        f[2] = ` ${zeroBased(f[2]).trim()}`;
        f[6] = ` ${zeroBased(f[6]).trim()}`;
        return f.join(",");
      });
      if (e) edits.push(e);
    }
  }
  return edits.length === 0 ? xml : applyEdits(xml, edits);
}

/** True when a formula's sheet qualifier (unquoted) names `sheet`: Excel ignores case there. */
export function refersToSheet(qualifier: string | undefined, sheet: string): boolean {
  return qualifier !== undefined && qualifier.toUpperCase() === sheet.toUpperCase();
}

/** Chart parts: each series' `<c:f>` formula naming the shifted sheet follows it. */
export function shiftChartXml(xml: string, part: string, s: RowShift, sheetName: string): string {
  const same = (q: string | undefined): boolean => refersToSheet(q, sheetName);
  const { elements } = scanElements(xml, part, 12);
  const edits: Edit[] = [];
  for (const el of elements) {
    if (el.local !== "f") continue;
    const e = contentEdit(xml, el, (f) => shiftFormulaRows(f, s, same));
    if (e) edits.push(e);
  }
  return edits.length === 0 ? xml : applyEdits(xml, edits);
}
