/**
 * SheetCells: the values of one worksheet, held compactly (typed arrays, one slot per cell that
 * has a value, rows indexed) so that a 100,000-row log costs a few bytes per cell, not a
 * JavaScript object per cell. Rows and columns are 1-based, as in the worksheet.
 */

// A cell's value is the engine's CellValue (core/log.ts). Here: dates only for `t="d"` cells
// (date-formatted numbers stay numbers: they are serial dates, see the workbook's date1904);
// errors such as #N/A come as the string "#N/A"; never undefined.
import type { CellValue } from "../../core/log";

export const KIND_NUMBER = 1;
export const KIND_SHARED = 2; // index into the shared string table
export const KIND_STRING = 3; // index into the grid's own strings
export const KIND_BOOL = 4;
export const KIND_DATE = 5; // milliseconds since the epoch, UTC

/**
 * A copy of text cut from a part's XML that does not keep the part alive. JavaScript engines
 * (V8, JavaScriptCore) keep a substring as a pointer into its parent string: a cell's text kept as
 * cut would hold the whole decoded sheet in memory (a hundred returns consolidated: 180 MB
 * instead of 40 MB). Every string a grid hands out is made by this, once per string read.
 */
export function detached(s: string): string {
  return (" " + s).slice(1); // the concatenation is flattened into a fresh string first
}

/** Collects cells in document order; sorts only if the producer wrote them out of order. */
export class GridBuilder {
  private n = 0;
  private rowOf = new Int32Array(1024);
  private colOf = new Int32Array(1024);
  private kindOf = new Uint8Array(1024);
  private num = new Float64Array(1024);
  private lastRow = 0;
  private lastCol = 0;
  private ordered = true;
  readonly strings: string[] = [];

  add(row: number, col: number, kind: number, value: number): void {
    if (this.n === this.rowOf.length) this.grow();
    const i = this.n++;
    this.rowOf[i] = row;
    this.colOf[i] = col;
    this.kindOf[i] = kind;
    this.num[i] = value;
    if (row < this.lastRow || (row === this.lastRow && col <= this.lastCol)) this.ordered = false;
    this.lastRow = row;
    this.lastCol = col;
  }

  addString(row: number, col: number, s: string): void {
    this.add(row, col, KIND_STRING, this.strings.length);
    this.strings.push(detached(s));
  }

  private grow(): void {
    const size = this.rowOf.length * 2;
    const r = new Int32Array(size);
    r.set(this.rowOf);
    this.rowOf = r;
    const c = new Int32Array(size);
    c.set(this.colOf);
    this.colOf = c;
    const k = new Uint8Array(size);
    k.set(this.kindOf);
    this.kindOf = k;
    const v = new Float64Array(size);
    v.set(this.num);
    this.num = v;
  }

  build(name: string, sharedStrings: string[]): SheetCells {
    let n = this.n;
    let rowOf = this.rowOf;
    let colOf = this.colOf.subarray(0, n);
    let kindOf = this.kindOf.subarray(0, n);
    let num = this.num.subarray(0, n);
    if (!this.ordered) {
      // Sort by position; when a cell appears twice the later one wins, as in Excel.
      const idx = Array.from({ length: n }, (_, i) => i);
      idx.sort((a, b) => rowOf[a] - rowOf[b] || colOf[a] - colOf[b] || a - b);
      const keep = idx.filter(
        (a, k) => k + 1 === n || rowOf[idx[k + 1]] !== rowOf[a] || colOf[idx[k + 1]] !== colOf[a]
      );
      n = keep.length;
      rowOf = Int32Array.from(keep, (i) => this.rowOf[i]);
      colOf = Int32Array.from(keep, (i) => this.colOf[i]);
      kindOf = Uint8Array.from(keep, (i) => this.kindOf[i]);
      num = Float64Array.from(keep, (i) => this.num[i]);
    }
    const rows = n > 0 ? rowOf[n - 1] : 0;
    let cols = 0;
    for (let i = 0; i < n; i++) if (colOf[i] > cols) cols = colOf[i];
    const rowStart = new Int32Array(rows + 2);
    for (let i = 0; i < n; i++) rowStart[rowOf[i] + 1]++;
    for (let r = 1; r <= rows + 1; r++) rowStart[r] += rowStart[r - 1];
    return new SheetCells(
      name,
      rows,
      cols,
      rowStart,
      colOf,
      kindOf,
      num,
      sharedStrings,
      this.strings
    );
  }
}

export class SheetCells {
  /** @internal use GridBuilder */
  constructor(
    readonly name: string,
    /** The last row and column that hold a value (0 for an empty sheet). */
    readonly rows: number,
    readonly cols: number,
    private readonly rowStart: Int32Array,
    private readonly colOf: Int32Array,
    private readonly kindOf: Uint8Array,
    private readonly num: Float64Array,
    private readonly shared: string[],
    private readonly strings: string[]
  ) {}

  /** Number of cells that hold a value. */
  get cellCount(): number {
    return this.colOf.length;
  }

  /** The value at (row, col), 1-based; null when the cell is empty or outside the sheet. */
  cell(row: number, col: number): CellValue {
    if (row < 1 || row > this.rows) return null;
    let lo = this.rowStart[row];
    let hi = this.rowStart[row + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.colOf[mid];
      if (c === col) return this.valueAt(mid);
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /** One row as a dense array of `cols` values (index 0 is column A). */
  rowValues(row: number): CellValue[] {
    return this.denseRow(row, this.blankRow());
  }

  /** The whole sheet as dense rows from A1 (`values()[r - 1][c - 1]`). */
  values(): CellValue[][] {
    const out: CellValue[][] = [];
    const blank = this.blankRow();
    for (let r = 1; r <= this.rows; r++) out.push(this.denseRow(r, blank));
    return out;
  }

  /** `cols` nulls, a packed array: each dense row starts as a copy of it (copied in one go). */
  private blankRow(): CellValue[] {
    const blank: CellValue[] = [];
    for (let c = 0; c < this.cols; c++) blank.push(null);
    return blank;
  }

  private denseRow(row: number, blank: readonly CellValue[]): CellValue[] {
    const out = blank.slice();
    if (row < 1 || row > this.rows) return out;
    for (let i = this.rowStart[row]; i < this.rowStart[row + 1]; i++) {
      out[this.colOf[i] - 1] = this.valueAt(i);
    }
    return out;
  }

  /** Calls `fn` for every cell that holds a value, row by row, left to right. */
  forEachCell(fn: (row: number, col: number, value: CellValue) => void): void {
    for (let r = 1; r <= this.rows; r++) {
      for (let i = this.rowStart[r]; i < this.rowStart[r + 1]; i++)
        fn(r, this.colOf[i], this.valueAt(i));
    }
  }

  private valueAt(i: number): CellValue {
    const v = this.num[i];
    switch (this.kindOf[i]) {
      case KIND_NUMBER:
        return v;
      case KIND_SHARED:
        return this.shared[v];
      case KIND_STRING:
        return this.strings[v];
      case KIND_BOOL:
        return v !== 0;
      case KIND_DATE:
        return new Date(v);
      default:
        return null;
    }
  }
}
