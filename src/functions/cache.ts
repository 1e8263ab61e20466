/**
 * The parsed-log cache: forty chart cells that point at the same log range parse it once.
 *
 * Excel hands every call its own copy of the range, so a log is recognised by its content, not by
 * object identity, in one of two ways, both exact for what the caller reads:
 *
 * - "cells" (TIPS.CHECK, whose messages quote the text): same date system, same dimensions and
 *   every cell `===` the cell of the cached copy.
 * - "figures" (TIPS.QUARTER, CUMULATIVE, CHART): the same, except that in the columns whose text
 *   the figures never read (PRESENCE_ONLY_COLUMNS in core/log.ts, which says why) a cell need only
 *   be blank in both or filled in both; the first row is still compared exactly (it is, or may be
 *   taken for, the header, read as text). The cached log's figures are then the copy's figures,
 *   while its entries keep the text of the copy it was read from: only figures may be taken from
 *   it. What this compares is kept compactly (FiguresKey, built at the first such lookup, about a
 *   third of a parse): a hit then reads its copy and a few hot values, not the cached copy.
 *
 * Both compare natively (`===`, cheaper than hashing the text of every cell in JavaScript, and
 * never wrong: a hash could collide and give another log's figures). A lookup compares at most
 * CAPACITY candidates and stops at the first cell that differs, so a miss is cheap; a hit costs
 * one pass over the cells, far below a parse. Anything that is not a plain value (an object, NaN)
 * never compares equal, so it can only cost a re-parse, never a stale answer.
 *
 * The cache keeps the copy of the first call (ParsedLog.grid holds it); Excel never changes an
 * argument after the call. It holds at most CAPACITY logs, least recently used dropped first.
 */
import { ChartFigures, Figures } from "../core/chart";
import { checkLog } from "../core/checks";
import { Finding } from "../core/findings";
import {
  CellValue,
  LogGrid,
  PRESENCE_ONLY_COLUMNS,
  ParsedLog,
  isBlank,
  readLog,
  zeroIsBlankIn,
} from "../core/log";
import { FiscalPeriod } from "../core/period";
import { tally } from "../core/tally";

/** Distinct texts per column that FiguresKey keeps as one object each. */
const KEPT_TEXTS = 16;
/** Exact and presence-only cells a FiguresKey compares per row in one statement each. */
const EXACT_BLOCK = 8;
const PRESENCE_BLOCK = 4;
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

/** Logs kept: a workbook rarely has more than one or two; each may be 100,000 rows. */
export const CAPACITY = 4;
/** Periods whose figures are kept per log. */
const PERIODS_PER_LOG = 16;

/** A parsed log and what the functions derive from it, each computed once. */
export class CachedLog {
  private readonly figuresByPeriod = new Map<number, ChartFigures>();
  private readonly openingOf = new Map<number, Partial<Figures> | undefined>();
  private checked: Finding[] | undefined;
  private figuresKey: FiguresKey | null | undefined;

  constructor(readonly parsed: ParsedLog) {}

  /** True when these cells give this log's figures (see "figures" above). */
  sameFigures(values: Values): boolean {
    if (this.figuresKey === undefined) this.figuresKey = FiguresKey.of(this.parsed);
    return this.figuresKey === null
      ? sameCells(this.parsed.grid.values, values) // a ragged range: every cell, exactly
      : this.figuresKey.matches(values);
  }

  /**
   * The chart's figures for a period, with the fiscal year's opening balance if one is recorded:
   * the same tally() `analyze` makes. Kept per period (and per opening balance object).
   */
  figures(period: FiscalPeriod, opening?: Partial<Figures>): ChartFigures {
    const key = period.fiscalYear * 4 + period.quarter;
    let f = this.figuresByPeriod.get(key);
    if (f === undefined || this.openingOf.get(key) !== opening) {
      f = tally(this.parsed.entries, period, opening);
      if (this.figuresByPeriod.size >= PERIODS_PER_LOG) {
        this.figuresByPeriod.clear();
        this.openingOf.clear();
      }
      this.figuresByPeriod.set(key, f);
      this.openingOf.set(key, opening);
    }
    return f;
  }

  /** Every finding of the log, in reading order (no period: no fiscal-year warnings). */
  findings(): Finding[] {
    return (this.checked ??= checkLog(this.parsed));
  }
}

type Values = readonly (readonly CellValue[])[];

/** True when both ranges hold exactly the same cells. */
export function sameCells(a: Values, b: Values): boolean {
  if (a === b) return true;
  const rows = a.length;
  if (rows !== b.length) return false;
  for (let i = 0; i < rows; i++) {
    const x = a[i];
    const y = b[i];
    const cols = x.length;
    if (cols !== y.length) return false;
    for (let j = 0; j < cols; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

/**
 * What a log's figures depend on, kept compactly to recognise a copy quickly: the first row
 * exactly; below it, every cell of the other columns exactly, and a bit per cell of the
 * presence-only columns, filled or blank as readLog tells. The exact cells are kept in one array,
 * row after row, each repeated text as one string object: a comparison then reads a few hot
 * strings rather than the cached copy's scattered ones.
 */
class FiguresKey {
  private constructor(
    private readonly rows: number,
    private readonly width: number,
    private readonly first: readonly CellValue[],
    /** Column indexes compared exactly, and presence-only, with whether 0 is blank there. */
    private readonly exactColumns: readonly number[],
    private readonly presenceColumns: readonly number[],
    private readonly zeroBlank: readonly boolean[],
    /** Rows 1.. : their exact cells, row after row, and 1 per filled presence-only cell. */
    private readonly exact: readonly CellValue[],
    private readonly filled: Uint8Array
  ) {}

  /** The key of a parsed log, or null for a ragged range (rows of different lengths). */
  static of(parsed: ParsedLog): FiguresKey | null {
    const values = parsed.grid.values;
    const rows = values.length;
    const width = rows > 0 ? values[0].length : 0;
    for (let i = 1; i < rows; i++) if (values[i].length !== width) return null;
    const zeroIsBlank = parsed.grid.zeroIsBlank ?? false;
    const presence = new Map<number, boolean>();
    for (const key of PRESENCE_ONLY_COLUMNS) {
      const index = parsed.columns[key];
      if (index !== undefined && index < width) {
        presence.set(index, zeroIsBlankIn(key, zeroIsBlank));
      }
    }
    const exactColumns: number[] = [];
    for (let j = 0; j < width; j++) if (!presence.has(j)) exactColumns.push(j);
    const presenceColumns = [...presence.keys()].sort((a, b) => a - b);
    const zeroBlank = presenceColumns.map((j) => presence.get(j) === true);
    // matches() takes the first 8 exact and 4 presence-only cells of a row in one statement each
    // (a log's columns; columns in local variables and a comparison site per cell make a hit about
    // a fifth cheaper than a loop). A log with fewer repeats its last column: a cell compared
    // twice changes nothing.
    if (exactColumns.length > 0 && presenceColumns.length > 0) {
      while (exactColumns.length < EXACT_BLOCK)
        exactColumns.push(exactColumns[exactColumns.length - 1]);
      while (presenceColumns.length < PRESENCE_BLOCK) {
        presenceColumns.push(presenceColumns[presenceColumns.length - 1]);
        zeroBlank.push(zeroBlank[zeroBlank.length - 1]);
      }
    }
    const ne = exactColumns.length;
    const np = presenceColumns.length;

    const exact = new Array<CellValue>(Math.max(0, rows - 1) * ne);
    const filled = new Uint8Array(Math.max(0, rows - 1) * np);
    // Per exact column, its last text and its first few distinct texts: one object for each.
    const last: CellValue[] = exactColumns.map(() => undefined);
    const seen: CellValue[][] = exactColumns.map(() => []);
    let e = 0;
    let f = 0;
    for (let i = 1; i < rows; i++) {
      const row = values[i];
      for (let q = 0; q < ne; q++) {
        const v = row[exactColumns[q]];
        if (typeof v !== "string" || v === last[q]) {
          exact[e++] = typeof v === "string" ? last[q] : v;
          continue;
        }
        const texts = seen[q];
        let k = 0;
        while (k < texts.length && texts[k] !== v) k++;
        if (k === texts.length && k < KEPT_TEXTS) texts.push(v);
        exact[e++] = last[q] = k < texts.length ? texts[k] : v;
      }
      for (let q = 0; q < np; q++) {
        filled[f++] = filledCell(row[presenceColumns[q]], zeroBlank[q]);
      }
    }
    return new FiguresKey(
      rows,
      width,
      rows > 0 ? [...values[0]] : [],
      exactColumns,
      presenceColumns,
      zeroBlank,
      exact,
      filled
    );
  }

  /** True when these cells have the key's first row, exact cells and filled cells. */
  matches(values: Values): boolean {
    const rows = this.rows;
    const width = this.width;
    if (values.length !== rows) return false;
    if (rows === 0) return true;
    const first = values[0];
    if (first.length !== width) return false;
    for (let j = 0; j < width; j++) if (first[j] !== this.first[j]) return false;
    const exactColumns = this.exactColumns;
    const presenceColumns = this.presenceColumns;
    const zeroBlank = this.zeroBlank;
    const exact = this.exact;
    const filled = this.filled;
    const ne = exactColumns.length;
    const np = presenceColumns.length;
    if (ne < EXACT_BLOCK || np < PRESENCE_BLOCK) return this.matchesEach(values);
    const [c0, c1, c2, c3, c4, c5, c6, c7] = exactColumns;
    const [p0, p1, p2, p3] = presenceColumns;
    const [z0, z1, z2, z3] = zeroBlank;
    let e = 0;
    let f = 0;
    for (let i = 1; i < rows; i++) {
      const row = values[i];
      if (row.length !== width) return false;
      if (
        row[c0] !== exact[e] ||
        row[c1] !== exact[e + 1] ||
        row[c2] !== exact[e + 2] ||
        row[c3] !== exact[e + 3] ||
        row[c4] !== exact[e + 4] ||
        row[c5] !== exact[e + 5] ||
        row[c6] !== exact[e + 6] ||
        row[c7] !== exact[e + 7]
      ) {
        return false;
      }
      e += EXACT_BLOCK;
      for (let q = EXACT_BLOCK; q < ne; q++) if (row[exactColumns[q]] !== exact[e++]) return false;
      if (
        filledCell(row[p0], z0) !== filled[f] ||
        filledCell(row[p1], z1) !== filled[f + 1] ||
        filledCell(row[p2], z2) !== filled[f + 2] ||
        filledCell(row[p3], z3) !== filled[f + 3]
      ) {
        return false;
      }
      f += PRESENCE_BLOCK;
      for (let q = PRESENCE_BLOCK; q < np; q++) {
        if (filledCell(row[presenceColumns[q]], zeroBlank[q]) !== filled[f++]) return false;
      }
    }
    return true;
  }

  /** matches() for a range without both kinds of column (a narrow range without a header row). */
  private matchesEach(values: Values): boolean {
    const exactColumns = this.exactColumns;
    const presenceColumns = this.presenceColumns;
    const zeroBlank = this.zeroBlank;
    const exact = this.exact;
    const filled = this.filled;
    let e = 0;
    let f = 0;
    for (let i = 1; i < this.rows; i++) {
      const row = values[i];
      if (row.length !== this.width) return false;
      for (const j of exactColumns) if (row[j] !== exact[e++]) return false;
      for (let q = 0; q < presenceColumns.length; q++) {
        if (filledCell(row[presenceColumns[q]], zeroBlank[q]) !== filled[f++]) return false;
      }
    }
    return true;
  }
}

export interface LookupOptions {
  /**
   * "cells" (the default): every cell the same, for whatever reads the text (findings).
   * "figures": the same figures (see the top of this file); a log matched this way gives only its
   * figures, never its entries' text.
   */
  readonly match?: "cells" | "figures";
  /**
   * Also require the same worksheet position (findings name worksheet rows); figures do not
   * depend on it.
   */
  readonly samePosition?: boolean;
}

export class LogCache {
  private entries: CachedLog[] = [];
  /** How many lookups found a parsed log, and how many parsed one (for tests and the bench). */
  hits = 0;
  parses = 0;

  constructor(private readonly capacity = CAPACITY) {}

  /** The cached log for these cells, reading (and caching) them when none matches. */
  get(grid: LogGrid, options: LookupOptions = {}): CachedLog {
    const found = this.find(grid, options.match === "figures", options.samePosition ?? false);
    if (found >= 0) {
      const entry = this.entries[found];
      if (found > 0) {
        this.entries.splice(found, 1);
        this.entries.unshift(entry);
      }
      this.hits++;
      return entry;
    }
    const entry = new CachedLog(readLog(grid)); // throws LogLayoutError: nothing is cached
    this.parses++;
    this.entries.unshift(entry);
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
    return entry;
  }

  clear(): void {
    this.entries = [];
    this.hits = 0;
    this.parses = 0;
  }

  get size(): number {
    return this.entries.length;
  }

  private find(grid: LogGrid, figures: boolean, samePosition: boolean): number {
    for (let i = 0; i < this.entries.length; i++) {
      const entry = this.entries[i];
      const g = entry.parsed.grid;
      if (!sameSettings(g, grid)) continue;
      if (
        samePosition &&
        ((g.top ?? 1) !== (grid.top ?? 1) || (g.left ?? 1) !== (grid.left ?? 1))
      ) {
        continue;
      }
      if (figures ? entry.sameFigures(grid.values) : sameCells(g.values, grid.values)) return i;
    }
    return -1;
  }
}

/** Everything besides the cells and their position that changes how a log reads. */
function sameSettings(a: LogGrid, b: LogGrid): boolean {
  return (
    (a.date1904 ?? false) === (b.date1904 ?? false) &&
    (a.header ?? "required") === (b.header ?? "required") &&
    (a.zeroIsBlank ?? false) === (b.zeroIsBlank ?? false)
  );
}
