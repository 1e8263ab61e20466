/**
 * Merging cells of an existing worksheet: a `<mergeCell>` for each new range, in the sheet's
 * `<mergeCells>` (created where the schema puts it: after sheetData and what may follow it, before
 * phoneticPr, conditional formats, drop-downs, ...). A range that is merged already, or that
 * overlaps a merge of the sheet's own, is left as it is.
 */
import { CellRange, formatRange, parseRange } from "./cellref";
import {
  WORKSHEET_ORDER,
  appendChild,
  attrOf,
  scanElements,
  setAttributes,
  splice,
} from "./elements";

/** CT_Worksheet's elements that come before mergeCells (the new list goes after the last). */
const BEFORE_MERGES = WORKSHEET_ORDER.slice(0, WORKSHEET_ORDER.indexOf("mergeCells"));

const overlaps = (a: CellRange, b: CellRange): boolean =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

export function withMerges(xml: string, part: string, ranges: readonly CellRange[]): string {
  const { root, elements } = scanElements(xml, part, 2);
  const existing = elements
    .filter((e) => e.depth === 2 && e.local === "mergeCell")
    .map((e) => parseRange(attrOf(e, "ref") ?? ""))
    .filter((r): r is CellRange => r !== undefined);
  const added: CellRange[] = [];
  for (const r of ranges) {
    if (r.top === r.bottom && r.left === r.right) continue;
    if ([...existing, ...added].some((m) => overlaps(m, r))) continue;
    added.push(r);
  }
  if (added.length === 0) return xml;
  const p = root.prefix;
  const children = added.map((r) => `<${p}mergeCell ref="${formatRange(r)}"/>`).join("");
  const count = String(existing.length + added.length);
  const list = elements.find((e) => e.depth === 1 && e.local === "mergeCells");
  if (list) {
    const grown = appendChild(xml, list, children);
    return splice(
      grown,
      list.start,
      list.openEnd,
      setAttributes(xml.slice(list.start, list.openEnd), { count })
    );
  }
  const before = elements.filter((e) => e.depth === 1 && BEFORE_MERGES.includes(e.local)).pop();
  const at = before ? before.end : root.contentEnd;
  return splice(xml, at, at, `<${p}mergeCells count="${count}">${children}</${p}mergeCells>`);
}
