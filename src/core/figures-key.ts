/**
 * A figures key: what a log's figures depend on, recorded by readLog as it reads the cells
 * (`readLog(grid, { figuresKey: true })`), to recognise another copy of the same log without
 * reading it again. The custom functions need it: Excel hands every call its own copy of the
 * range, and forty chart cells must not parse the log forty times (src/functions/cache.ts).
 *
 * Two ranges have the same figures when, exactly as readLog reads them:
 * - they have as many rows, and the same first row, cell for cell (it is the header, or, read
 *   with `header: "auto"`, its text decides whether it is one);
 * - below it, in each column of the log whose text the figures read, the same cell (`===`);
 * - in each column whose text they never read (PRESENCE_ONLY_COLUMNS in log.ts, which says why),
 *   a cell blank in both or filled in both.
 * Columns that are not the log's are never read, so never compared. Anything that is not a plain
 * value (an object, NaN) never compares equal: it can only cost a re-read, never another log's
 * figures. `===` on the cells, not a hash of them: a hash could collide.
 *
 * Each distinct text is kept as one object (readLog's own per-column table), so a comparison reads
 * a few hot strings rather than the scattered ones of the copy it was read from.
 */
import { CellValue, isBlank } from "./log";

export interface FiguresKey {
  readonly rows: number;
  readonly first: readonly CellValue[];
  /** The first row the cells below describe: 1 under a header row, else 0. */
  readonly start: number;
  /** Indexes (into a row) of the columns compared exactly, and of the presence-only ones. */
  readonly exactColumns: readonly number[];
  readonly presenceColumns: readonly number[];
  /** Per presence-only column: whether 0 is blank there. */
  readonly zeroBlank: readonly boolean[];
  /** Rows start.. : their exact cells, row after row; and 1 per filled presence-only cell. */
  readonly exact: readonly CellValue[];
  readonly filled: Uint8Array;
}

// Read once: imported bindings can be getters in some module formats, too slow in a loop per cell.
const blankCell = isBlank;

/** 1 when a cell is filled, 0 when blank: isBlank, with a shortcut for most text. */
function filledCell(v: CellValue, zeroBlank: boolean): number {
  // Text that starts with a printable ASCII character is filled, whatever follows.
  if (typeof v === "string" && v.length > 0) {
    const c = v.charCodeAt(0);
    if (c > 32 && c < 127) return 1;
  }
  return blankCell(v, zeroBlank) ? 0 : 1;
}

/** True when these cells give the figures of the log the key was recorded from. */
export function matchesFiguresKey(
  key: FiguresKey,
  values: readonly (readonly CellValue[])[]
): boolean {
  const rows = key.rows;
  if (values.length !== rows) return false;
  if (rows === 0) return true;
  const first = values[0];
  const keyFirst = key.first;
  if (first.length !== keyFirst.length) return false;
  for (let j = 0; j < keyFirst.length; j++) if (first[j] !== keyFirst[j]) return false;
  const e = key.exactColumns;
  const p = key.presenceColumns;
  // A free function over plain arrays, not a method: V8 drops the optimised code of a method whose
  // receiver has been collected, and a new log would pay the warm-up again (measured).
  return matchRows(values, key.start, e, p, key.zeroBlank, key.exact, key.filled);
}

/** The complete log's 8 compared and 4 presence-only columns. */
const FULL_EXACT = 8;
const FULL_PRESENCE = 4;

/**
 * The rows from `start` on against a key's cells. For the complete log, each cell in a statement
 * of its own with its column in a local: a fifth cheaper than the general loop, and the functions
 * compare 29 copies per chart.
 */
function matchRows(
  values: readonly (readonly CellValue[])[],
  start: number,
  exactColumns: readonly number[],
  presenceColumns: readonly number[],
  zeroBlank: readonly boolean[],
  exact: readonly CellValue[],
  filled: Uint8Array
): boolean {
  const ne = exactColumns.length;
  const np = presenceColumns.length;
  let e = 0;
  let f = 0;
  if (ne === FULL_EXACT && np === FULL_PRESENCE) {
    const c0 = exactColumns[0];
    const c1 = exactColumns[1];
    const c2 = exactColumns[2];
    const c3 = exactColumns[3];
    const c4 = exactColumns[4];
    const c5 = exactColumns[5];
    const c6 = exactColumns[6];
    const c7 = exactColumns[7];
    const p0 = presenceColumns[0];
    const p1 = presenceColumns[1];
    const p2 = presenceColumns[2];
    const p3 = presenceColumns[3];
    const z0 = zeroBlank[0];
    const z1 = zeroBlank[1];
    const z2 = zeroBlank[2];
    const z3 = zeroBlank[3];
    for (let i = start; i < values.length; i++) {
      const row = values[i];
      if (
        row[c0] !== exact[e] ||
        row[c1] !== exact[e + 1] ||
        row[c2] !== exact[e + 2] ||
        row[c3] !== exact[e + 3] ||
        row[c4] !== exact[e + 4] ||
        row[c5] !== exact[e + 5] ||
        row[c6] !== exact[e + 6] ||
        row[c7] !== exact[e + 7] ||
        filledCell(row[p0], z0) !== filled[f] ||
        filledCell(row[p1], z1) !== filled[f + 1] ||
        filledCell(row[p2], z2) !== filled[f + 2] ||
        filledCell(row[p3], z3) !== filled[f + 3]
      ) {
        return false;
      }
      e += FULL_EXACT;
      f += FULL_PRESENCE;
    }
    return true;
  }
  for (let i = start; i < values.length; i++) {
    const row = values[i];
    for (let q = 0; q < ne; q++) if (row[exactColumns[q]] !== exact[e++]) return false;
    for (let q = 0; q < np; q++) {
      if (filledCell(row[presenceColumns[q]], zeroBlank[q]) !== filled[f++]) return false;
    }
  }
  return true;
}
