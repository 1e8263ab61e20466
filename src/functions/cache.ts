/**
 * The parsed-log cache: forty chart cells that point at the same log range parse it once.
 *
 * Excel hands every call its own copy of the range, so a log is recognised by its content, not by
 * object identity. The key is exact: same date system, same dimensions and every cell `===` the
 * cell of the cached copy (a native comparison, cheaper than hashing the text of every cell in
 * JavaScript, and never wrong: a hash could collide and give another log's figures). A lookup
 * compares at most CAPACITY candidates and stops at the first cell that differs, so a miss is
 * cheap; a hit costs one pass over the cells, far below a parse. Anything that is not a plain
 * value (an object, NaN) never compares equal, so it can only cost a re-parse, never a stale answer.
 *
 * The cache keeps the copy of the first call (ParsedLog.grid holds it); Excel never changes an
 * argument after the call. It holds at most CAPACITY logs, least recently used dropped first.
 */
import { ChartFigures, Figures } from "../core/chart";
import { checkLog } from "../core/checks";
import { Finding } from "../core/findings";
import { CellValue, LogGrid, ParsedLog, readLog } from "../core/log";
import { FiscalPeriod } from "../core/period";
import { tally } from "../core/tally";

/** Logs kept: a workbook rarely has more than one or two; each may be 100,000 rows. */
export const CAPACITY = 4;
/** Periods whose figures are kept per log. */
const PERIODS_PER_LOG = 16;

/** A parsed log and what the functions derive from it, each computed once. */
export class CachedLog {
  private readonly figuresByPeriod = new Map<number, ChartFigures>();
  private readonly openingOf = new Map<number, Partial<Figures> | undefined>();
  private checked: Finding[] | undefined;

  constructor(readonly parsed: ParsedLog) {}

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

export interface LookupOptions {
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
    const found = this.find(grid, options.samePosition ?? false);
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

  private find(grid: LogGrid, samePosition: boolean): number {
    for (let i = 0; i < this.entries.length; i++) {
      const g = this.entries[i].parsed.grid;
      if (!sameSettings(g, grid)) continue;
      if (
        samePosition &&
        ((g.top ?? 1) !== (grid.top ?? 1) || (g.left ?? 1) !== (grid.left ?? 1))
      ) {
        continue;
      }
      if (sameCells(g.values, grid.values)) return i;
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
