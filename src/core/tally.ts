/**
 * The chart's figures: one pass over the valid entries. What each of the 15 lines counts is
 * written here and nowhere else.
 */
import { ChartFigures, Figures, LineKey, addFigures, zeroFigures } from "./chart";
import { LogEntry } from "./log";
import { FiscalPeriod, fiscalYearStart, quarterEnd, quarterStart } from "./period";
import { Level } from "./vocabulary";

const LEVEL_LINE: Record<Level, LineKey> = {
  Local: "le.local",
  State: "le.state",
  Federal: "le.federal",
  Foreign: "le.foreign",
};

/** Add one entry to the figures: the definition of every line of the chart. */
export function countEntry(f: Figures, e: LogEntry): void {
  if (e.sector === "NGO") {
    switch (e.activity) {
      case "New Contact":
        f["ngo.newContact"]++;
        break;
      case "Follow Up Contact":
        f["ngo.followUpContact"]++;
        break;
      case "Requested Services":
        f["ngo.requestedServices"]++;
        break;
      case "Training/Seminar":
        f["ngo.training.presentations"] += e.presentations;
        f["ngo.training.agencies"] += e.agencies;
        f["ngo.training.attendees"] += e.attendees;
        break;
    }
    return;
  }
  switch (e.activity) {
    case "New Contact":
      f["le.newContact"]++;
      if (e.level) f[LEVEL_LINE[e.level]]++;
      break;
    case "Follow Up Contact":
      f["le.followUpContact"]++;
      if (e.level) f[LEVEL_LINE[e.level]]++;
      break;
    case "Training/Seminar":
      f["le.training.presentations"] += e.presentations;
      f["le.training.agencies"] += e.agencies;
      f["le.training.attendees"] += e.attendees;
      break;
    case "Requested Services":
      break; // an error row for Law Enforcement: never reaches here
  }
}

/** Quarter: rows dated inside the quarter. Cumulative: from 1 October through the quarter's end. */
export function periodWindows(p: FiscalPeriod): {
  quarterStart: number;
  fyStart: number;
  end: number;
} {
  return {
    quarterStart: quarterStart(p),
    fyStart: fiscalYearStart(p.fiscalYear),
    end: quarterEnd(p),
  };
}

/**
 * Quarter and cumulative figures for every line. `opening` is the office's opening balance for
 * the fiscal year (its totals before it started logging), added to every cumulative figure.
 */
export function tally(
  entries: readonly LogEntry[],
  period: FiscalPeriod,
  opening?: Partial<Figures>
): ChartFigures {
  const quarter = zeroFigures();
  const cumulative = zeroFigures();
  const w = periodWindows(period);
  for (const e of entries) {
    if (e.date < w.fyStart || e.date > w.end) continue;
    countEntry(cumulative, e);
    if (e.date >= w.quarterStart) countEntry(quarter, e);
  }
  if (opening) addFigures(cumulative, opening);
  return { quarter, cumulative };
}

/** Whether an entry falls in a period's quarter (the quarter figures' and narrative's rows). */
function inQuarterOf(period: FiscalPeriod): (e: LogEntry) => boolean {
  const w = periodWindows(period);
  return (e) => e.date >= w.quarterStart && e.date <= w.end;
}

/** The entries a period's quarter figures come from (and its narrative bullets). */
export function entriesInQuarter(entries: readonly LogEntry[], period: FiscalPeriod): LogEntry[] {
  return entries.filter(inQuarterOf(period));
}

/** How many entries entriesInQuarter gives, without making the list. */
export function countInQuarter(entries: readonly LogEntry[], period: FiscalPeriod): number {
  const inQuarter = inQuarterOf(period);
  let n = 0;
  for (const e of entries) if (inQuarter(e)) n++;
  return n;
}
