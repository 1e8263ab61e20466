/** A1-style cell references. Rows and columns are 1-based, as in the worksheet. */
import { columnLetters } from "../../core/cell-address";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// One definition of column letters for the whole project: the engine's (pure, no dependencies).
export { columnLetters };

export function cellRef(row: number, col: number): string {
  return columnLetters(col) + row;
}

/** Parses "B12" or "$B$12" (case-insensitive); undefined when it is not a single cell. */
export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = +m[2];
  if (row < 1 || row > MAX_ROWS || col > MAX_COLS) return undefined;
  return { row, col };
}

/** Parses "A1:C3", "A1" (a one-cell range) or "$A$1:$C$3"; undefined when malformed. */
export function parseRange(ref: string): CellRange | undefined {
  const [a, b, extra] = ref.split(":");
  if (extra !== undefined) return undefined;
  const p = parseCellRef(a);
  const q = b === undefined ? p : parseCellRef(b);
  if (!p || !q) return undefined;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function formatRange(r: CellRange): string {
  const a = cellRef(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellRef(r.bottom, r.right)}`;
}
