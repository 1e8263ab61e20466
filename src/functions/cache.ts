/**
 * The parsed-log cache: forty chart cells that point at the same log range parse it once.
 *
 * Excel hands every call its own copy of the range, so a log is recognised by its content, not by
 * object identity, in one of two ways, both exact for what the caller reads:
 *
 * - "cells" (TIPS.CHECK, whose messages quote the text): same settings, same dimensions and every
 *   cell `===` the cell of the cached copy.
 * - "figures" (TIPS.QUARTER, CUMULATIVE, CHART): the same cells where the figures read them
 *   (core/figures-key.ts, which says what it compares: free text only as blank or filled).
 *   The cached log's figures are then the copy's figures, while its entries keep the text of the
 *   copy it was read from: only figures may be taken from it.
 *
 * Both compare natively (`===`, cheaper than hashing the text of every cell in JavaScript, and
 * never wrong: a hash could collide and give another log's figures). A lookup compares at most
 * CAPACITY candidates and stops at the first cell that differs, so a miss is cheap; a hit costs
 * one pass over the new copy and the kept one (about 3.5 bare passes over a copy, where a cold
 * TIPS.CHART costs 12-15: npm run bench -- functions). Anything that is not a plain value (an
 * object, NaN) never compares equal, so it can only cost a re-parse, never a stale answer.
 *
 * The cache keeps the copy of the first call (ParsedLog.grid holds it); Excel never changes an
 * argument after the call. It holds at most CAPACITY logs, least recently used dropped first.
 */
import { ChartFigures, Figures } from "../core/chart";
import { OutsideFiscalYear, checkLog, outsideFiscalYear } from "../core/checks";
import { matchesFiguresKey } from "../core/figures-key";
import { Finding } from "../core/findings";
import { CellRows } from "../core/cells";
import { LogGrid, ParsedLog, readLog } from "../core/log";
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
  private readonly outsideByYear = new Map<number, OutsideFiscalYear>();

  constructor(readonly parsed: ParsedLog) {}

  /** True when these cells give this log's figures (see "figures" above). */
  sameFigures(values: CellRows): boolean {
    return matchesFiguresKey(this.parsed.figuresKey, this.parsed.grid.values, values);
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

  /** Every finding of the log, in reading order (they do not depend on the period). */
  findings(): Finding[] {
    return (this.checked ??= checkLog(this.parsed));
  }

  /** The rows outside the period's fiscal year (TIPS.CHECK's note), kept per fiscal year. */
  outsideFiscalYear(period: FiscalPeriod): OutsideFiscalYear {
    let o = this.outsideByYear.get(period.fiscalYear);
    if (o === undefined) {
      o = outsideFiscalYear(this.parsed.entries, period);
      this.outsideByYear.set(period.fiscalYear, o);
    }
    return o;
  }
}

/** True when both ranges hold exactly the same cells. */
export function sameCells(a: CellRows, b: CellRows): boolean {
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

/**
 * At most `capacity` entries, the most recently used first, the least recently used dropped: what
 * the log cache and the table cache both keep. Counts its hits and parses (tests, the bench).
 */
class RecentlyUsed<T> {
  private entries: T[] = [];
  hits = 0;
  parses = 0;

  constructor(private readonly capacity: number) {}

  /** The first entry that `matches`, made the most recent; else `make`'s (a throw keeps none). */
  protected getOrMake(matches: (entry: T) => boolean, make: () => T): T {
    const i = this.entries.findIndex(matches);
    if (i >= 0) {
      const [entry] = this.entries.splice(i, 1);
      this.entries.unshift(entry);
      this.hits++;
      return entry;
    }
    const entry = make();
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
}

export class LogCache extends RecentlyUsed<CachedLog> {
  constructor(capacity = CAPACITY) {
    super(capacity);
  }

  /** The cached log for these cells, reading (and caching) them when none matches. */
  get(grid: LogGrid, options: LookupOptions = {}): CachedLog {
    const figures = options.match === "figures";
    const samePosition = options.samePosition ?? false;
    return this.getOrMake(
      (entry) => {
        const g = entry.parsed.grid;
        if (!sameSettings(g, grid)) return false;
        if (
          samePosition &&
          ((g.top ?? 1) !== (grid.top ?? 1) || (g.left ?? 1) !== (grid.left ?? 1))
        ) {
          return false;
        }
        return figures ? entry.sameFigures(grid.values) : sameCells(g.values, grid.values);
      },
      () => new CachedLog(readLog(grid)) // throws LogLayoutError: nothing is cached
    );
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

// ---- The optional tables ------------------------------------------------------------------------

/**
 * The parsed optional tables (Victim Leads, Materials Distributed, Media Canvass), by content as
 * the log's "cells" match: the same kind of table, date system and every cell `===`. They are
 * small beside a log, so a parse per distinct content is all that is saved; CAPACITY each.
 */
export class TableCache extends RecentlyUsed<{
  kind: string;
  date1904: boolean;
  values: CellRows;
  parsed: unknown;
}> {
  constructor(capacity = CAPACITY) {
    super(capacity);
  }

  /** The parsed table for these cells, parsing (and caching) them with `parse` when none match. */
  get<P>(kind: string, values: CellRows, date1904: boolean, parse: () => P): P {
    return this.getOrMake(
      (e) => e.kind === kind && e.date1904 === date1904 && sameCells(e.values, values),
      // parse() throws TableLayoutError: nothing is cached
      () => ({ kind, date1904, values, parsed: parse() })
    ).parsed as P;
  }
}
