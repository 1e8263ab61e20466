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

/** True when these cells give the figures of the log the key was recorded from. */
export function matchesFiguresKey(
  key: FiguresKey,
  values: readonly (readonly CellValue[])[]
): boolean {
  if (values.length !== key.rows) return false;
  if (key.rows === 0) return true;
  const first = values[0];
  if (first.length !== key.first.length) return false;
  if (key.first.some((v, j) => first[j] !== v)) return false;
  const { exactColumns, presenceColumns, zeroBlank, exact, filled } = key;
  let e = 0;
  let f = 0;
  for (let i = key.start; i < values.length; i++) {
    const row = values[i];
    for (const c of exactColumns) if (row[c] !== exact[e++]) return false;
    for (let q = 0; q < presenceColumns.length; q++) {
      const isFilled = isBlank(row[presenceColumns[q]], zeroBlank[q]) ? 0 : 1;
      if (isFilled !== filled[f++]) return false;
    }
  }
  return true;
}
