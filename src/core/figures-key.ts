/**
 * A figures key: which cells of a log its figures read, noted by readLog from where it found the
 * columns, to recognise another copy of the same log without reading it again. The custom
 * functions need it: Excel hands every call its own copy of the range, and forty chart cells must
 * not parse the log forty times (src/functions/cache.ts). The key holds no cells: a copy is
 * compared with the range the log was read from (ParsedLog.grid, which the cache keeps anyway),
 * packed once on the first compare (PackedFigures below).
 * (Recording the compared cells while reading, as an earlier version did, made a cold TIPS.CHART
 * of 100,000 rows take 108-147 ms instead of 59-106, measured interleaved in one process.)
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
import { CellRows, CellValue, isBlank } from "./cells";

export interface FiguresKey {
  /** The first row the cells below describe: 1 under a header row, else 0. */
  readonly start: number;
  /** Indexes (into a row) of the columns compared exactly, and of the presence-only ones. */
  readonly exactColumns: readonly number[];
  readonly presenceColumns: readonly number[];
  /** Per presence-only column: whether 0 is blank there. */
  readonly zeroBlank: readonly boolean[];
}

/**
 * The compared cells of the range a key was noted from, packed once for the many compares that
 * follow (forty chart cells are forty compares). Each exact column is a code per row into the
 * column's few distinct values, each presence-only column a blank/filled flag per row: a compare
 * then reads the copy's cells and small, contiguous arrays instead of a second copy's scattered
 * cells. (A cached =TIPS.QUARTER over 100,000 rows, interleaved A/B in a vm context: 11.4-11.9 ms
 * comparing with the range's cells, 9.5 ms with the packed arrays.)
 */
export interface PackedFigures {
  readonly rows: number;
  readonly start: number;
  readonly header: readonly CellValue[] | undefined;
  readonly exact: readonly PackedExactColumn[];
  readonly presence: readonly PackedPresenceColumn[];
}

/** A column compared cell for cell: per row, the index of its value among the column's values. */
interface PackedExactColumn {
  readonly column: number;
  readonly codes: Int32Array;
  readonly distinct: readonly CellValue[];
}

/** A column compared only as blank or filled: per row, 1 when filled. */
interface PackedPresenceColumn {
  readonly column: number;
  readonly zeroBlank: boolean;
  readonly filled: Uint8Array;
}

/** A code that no cell matches: an object or NaN, which `===` never finds equal to anything. */
const NEVER = -1;

/** Pack the compared cells of `read`, the range `key` was noted from. */
export function packFigures(key: FiguresKey, read: CellRows): PackedFigures {
  const rows = read.length;
  const exact = key.exactColumns.map((column) => {
    const codes = new Int32Array(rows);
    const distinct: CellValue[] = [];
    const codeOf = new Map<CellValue, number>();
    for (let i = key.start; i < rows; i++) {
      const v = read[i][column];
      if ((typeof v === "object" && v !== null) || v !== v) {
        codes[i] = NEVER;
        continue;
      }
      let code = codeOf.get(v);
      if (code === undefined) {
        code = distinct.push(v) - 1;
        codeOf.set(v, code);
      }
      codes[i] = code;
    }
    return { column, codes, distinct };
  });
  const presence = key.presenceColumns.map((column, q) => {
    const zeroBlank = key.zeroBlank[q];
    const filled = new Uint8Array(rows);
    for (let i = key.start; i < rows; i++) filled[i] = isBlank(read[i][column], zeroBlank) ? 0 : 1;
    return { column, zeroBlank, filled };
  });
  return { rows, start: key.start, header: rows > 0 ? [...read[0]] : undefined, exact, presence };
}

/** True when `values` give the figures of the range `packed` was packed from. */
export function matchesPacked(packed: PackedFigures, values: CellRows): boolean {
  if (values.length !== packed.rows) return false;
  const header = packed.header;
  if (header === undefined) return true;
  const first = values[0];
  if (first.length !== header.length) return false;
  for (let j = 0; j < first.length; j++) if (first[j] !== header[j]) return false;
  const { exact, presence } = packed;
  for (let i = packed.start; i < values.length; i++) {
    const row = values[i];
    for (let k = 0; k < exact.length; k++) {
      const e = exact[k];
      const code = e.codes[i];
      if (code === NEVER || row[e.column] !== e.distinct[code]) return false;
    }
    for (let k = 0; k < presence.length; k++) {
      const p = presence[k];
      if ((isBlank(row[p.column], p.zeroBlank) ? 0 : 1) !== p.filled[i]) return false;
    }
  }
  return true;
}

/** True when `values` give the figures of `read`, the range the key was noted from. */
export function matchesFiguresKey(key: FiguresKey, read: CellRows, values: CellRows): boolean {
  return matchesPacked(packFigures(key, read), values);
}
