/**
 * A figures key: which cells of a log its figures read, noted by readLog from where it found the
 * columns, to recognise another copy of the same log without reading it again. The custom
 * functions need it: Excel hands every call its own copy of the range, and forty chart cells must
 * not parse the log forty times (src/functions/cache.ts). The key holds no cells: a copy is
 * compared with the range the log was read from (ParsedLog.grid, which the cache keeps anyway).
 * (Recording the compared cells while reading, as an earlier version did, made a cold TIPS.CHART
 * of 100,000 rows take 108-147 ms instead of 59-106, measured interleaved in one process.
 * Packing the kept cells once into per-column codes made each later compare a fifth cheaper, but
 * the packing cost about a parse: 30 per-cell calls took 384 ms against 393, median of 11
 * interleaved, within the noise, so the compare stays this plain loop.)
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
 */
import { CellRows, isBlank } from "./cells";

export interface FiguresKey {
  /** The first row the cells below describe: 1 under a header row, else 0. */
  readonly start: number;
  /** Indexes (into a row) of the columns compared exactly, and of the presence-only ones. */
  readonly exactColumns: readonly number[];
  readonly presenceColumns: readonly number[];
  /** Per presence-only column: whether 0 is blank there. */
  readonly zeroBlank: readonly boolean[];
}

/** True when `values` give the figures of `read`, the range the key was noted from. */
export function matchesFiguresKey(key: FiguresKey, read: CellRows, values: CellRows): boolean {
  if (values.length !== read.length) return false;
  if (values.length === 0) return true;
  const first = values[0];
  const readFirst = read[0];
  if (first.length !== readFirst.length) return false;
  for (let j = 0; j < first.length; j++) if (first[j] !== readFirst[j]) return false;
  const { exactColumns, presenceColumns, zeroBlank } = key;
  for (let i = key.start; i < values.length; i++) {
    const row = values[i];
    const was = read[i];
    for (const c of exactColumns) if (row[c] !== was[c]) return false;
    for (let q = 0; q < presenceColumns.length; q++) {
      const c = presenceColumns[q];
      if (isBlank(row[c], zeroBlank[q]) !== isBlank(was[c], zeroBlank[q])) return false;
    }
  }
  return true;
}
