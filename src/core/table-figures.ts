/**
 * The figures of the optional tables (victim leads, materials, media canvass), each line with a
 * Quarter and a Cumulative figure by the chart's rule (tally.ts's periodWindows): Quarter counts
 * the rows dated inside the quarter, Cumulative those from 1 October through the quarter's end.
 */
import { Day } from "./dates";
import { FiscalPeriod } from "./period";
import { periodWindows } from "./tally";

export interface TableFigures<K extends string> {
  readonly quarter: Readonly<Record<K, number>>;
  readonly cumulative: Readonly<Record<K, number>>;
}

/** A line of a table's block: its key (`leads.total`) and the label the report shows. */
export interface FigureLine<K extends string> {
  readonly key: K;
  readonly label: string;
}

/** A figure that may have nothing to be computed from (a median of no responses): null. */
export interface QuarterCumulative<T> {
  readonly quarter: T;
  readonly cumulative: T;
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  const f = {} as Record<K, number>;
  for (const k of keys) f[k] = 0;
  return f;
}

/**
 * One pass over a table's valid entries: `count` adds an entry to a column's figures (the
 * definition of every line, in the table's module), `dateOf` is the date that places it.
 */
export function tallyTable<E, K extends string>(
  entries: readonly E[],
  period: FiscalPeriod,
  keys: readonly K[],
  dateOf: (e: E) => Day,
  count: (figures: Record<K, number>, e: E) => void
): TableFigures<K> {
  const quarter = zero(keys);
  const cumulative = zero(keys);
  const w = periodWindows(period);
  for (const e of entries) {
    const d = dateOf(e);
    if (d < w.fyStart || d > w.end) continue;
    count(cumulative, e);
    if (d >= w.quarterStart) count(quarter, e);
  }
  return { quarter, cumulative };
}

/** The sum of several tables' figures, line by line (the national figures of the offices'). */
export function sumTableFigures<K extends string>(
  keys: readonly K[],
  parts: readonly TableFigures<K>[]
): TableFigures<K> {
  const quarter = zero(keys);
  const cumulative = zero(keys);
  for (const p of parts)
    for (const k of keys) {
      quarter[k] += p.quarter[k];
      cumulative[k] += p.cumulative[k];
    }
  return { quarter, cumulative };
}

/** The entries in each column (Quarter, Cumulative) of a period, by the same rule. */
export function columnsOf<E>(
  entries: readonly E[],
  period: FiscalPeriod,
  dateOf: (e: E) => Day
): QuarterCumulative<E[]> {
  const w = periodWindows(period);
  const cumulative = entries.filter((e) => dateOf(e) >= w.fyStart && dateOf(e) <= w.end);
  return { quarter: cumulative.filter((e) => dateOf(e) >= w.quarterStart), cumulative };
}

/** The median: the middle value, or the mean of the two middle ones; null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A block's rows in order: label, key and both figures (for the report, JSON and functions). */
export interface FigureRow<K extends string> extends FigureLine<K> {
  readonly quarter: number;
  readonly cumulative: number;
}

export function figureRows<K extends string>(
  figures: TableFigures<K>,
  lines: readonly FigureLine<K>[]
): FigureRow<K>[] {
  return lines.map((l) => ({
    key: l.key,
    label: l.label,
    quarter: figures.quarter[l.key],
    cumulative: figures.cumulative[l.key],
  }));
}
