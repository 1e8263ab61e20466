/**
 * The custom functions on a 100,000-row log, each measurement against a baseline taken in the
 * same run on the same cells:
 *
 *   chart       one =TIPS.CHART(log, period), cold (nothing cached)
 *   30 cells    the 30 =TIPS.QUARTER / =TIPS.CUMULATIVE calls that fill the same chart, each given
 *               its own copy of the range, as Excel does (the cache recognises the log by content)
 *   bare pass   a loop that only touches every cell once: the floor
 *   COUNTIFS    the same 30 cells as COUNTIFS/SUMIFS formulas, what a user would write instead,
 *               evaluated by HyperFormula over the same cells
 *
 * Targets: 30 cells <= 5x chart; chart <= 10x bare pass; chart >= 100x faster than COUNTIFS.
 * The first two pull against each other: 30 cells / chart = (first call + 29 cached calls) / chart,
 * about 1 + 29 x cached / chart, and a cached call cannot cost less than a bare pass (it must
 * compare every cell of its own copy). With chart at 10x the bare pass, 30 cells <= 5x chart needs
 * a cached call within 40/29 = 1.38 bare passes; a faster chart leaves it less. Hence the line
 * that prints a cached call against the bare pass.
 * Each copy of the range is made by a JSON round trip (fresh strings and arrays, as a call from
 * Excel brings), outside the timed region. Exit status 1 if the four ways disagree on a figure.
 */
import { HyperFormula } from "hyperformula";
import { sampleLog } from "../src/app/sample";
import { FORM_ROWS, LINE_KEYS, LineKey } from "../src/core/chart";
import { CellValue } from "../src/core/log";
import { formatPeriod, parsePeriod } from "../src/core/period";
import { periodWindows } from "../src/core/tally";
import { LOG_HEADERS } from "../src/core/vocabulary";
import { chart, cumulative, logCache, quarter } from "../src/functions/functions";

const ROWS = 100_000;
const PERIOD = "FY2007 Q3";
const RUNS = 5;
const TARGET = { thirtyOverChart: 5, chartOverBare: 10, countifsOverChart: 100 };

type Grid = CellValue[][];

// ---- Setup ----------------------------------------------------------------------------------------

(globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
  associate: () => undefined,
  Error: class extends Error {
    constructor(
      readonly code: string,
      message?: string
    ) {
      super(message);
    }
  },
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

function makeLog(): Grid {
  const period = parsePeriod(PERIOD);
  const rows = sampleLog(period, ROWS, 7).map((r, i) => {
    const row = [...r] as CellValue[];
    row[10] = `${row[10]} Visit ${i + 1}.`; // real logs are free text: one content per row
    return row;
  });
  return [[...LOG_HEADERS], ...rows];
}

/** A copy as Excel hands one to each call: new arrays, new strings. */
const copyOf = (g: Grid): Grid => JSON.parse(JSON.stringify(g)) as Grid;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

let peakRss = 0;
let peakHeap = 0;
function sampleMemory(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Time `fn` on a fresh copy made before the clock starts, on a heap cleared of the previous
 * copies first (their garbage is the harness's, not the function's).
 */
function timed<T>(grid: Grid, fn: (copy: Grid) => T): { ms: number; result: T } {
  gc();
  const copy = copyOf(grid);
  sampleMemory();
  const t = performance.now();
  const result = fn(copy);
  const ms = performance.now() - t;
  sampleMemory();
  return { ms, result };
}

// ---- The four ways ----------------------------------------------------------------------------------

function oneChart(grid: Grid): { ms: number; cells: (number | string)[][] } {
  logCache.clear();
  const { ms, result } = timed(grid, (copy) => chart(copy, PERIOD) as (number | string)[][]);
  return { ms, cells: result };
}

function thirtyCells(grid: Grid): {
  ms: number;
  firstMs: number;
  figures: Map<string, number>;
  parses: number;
} {
  logCache.clear();
  let ms = 0;
  let firstMs = 0;
  const figures = new Map<string, number>();
  for (const line of LINE_KEYS) {
    for (const fn of [quarter, cumulative]) {
      const r = timed(grid, (copy) => fn(copy, line, PERIOD));
      if (figures.size === 0) firstMs = r.ms;
      ms += r.ms;
      figures.set(`${fn.name}:${line}`, r.result);
    }
  }
  return { ms, firstMs, figures, parses: logCache.parses };
}

function barePass(grid: Grid): { ms: number; cells: number } {
  return timed(grid, (copy) => {
    let filled = 0;
    for (let i = 0; i < copy.length; i++) {
      const row = copy[i];
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (v !== null && v !== "") filled++;
      }
    }
    return filled;
  }) as unknown as { ms: number; cells: number };
}

/** The formulas a user would type for the 30 cells, over the log on sheet "Log". */
function countifsFormulas(rows: number): Record<LineKey, [string, string]> {
  const period = parsePeriod(PERIOD);
  const w = periodWindows(period);
  const serial = (d: number): number => d + 25569; // 1900 system, dates after 1900-03-01
  const col = (letter: string): string => `Log!$${letter}$2:$${letter}$${rows + 1}`;
  const [date, sector, level, activity] = ["A", "B", "C", "D"].map(col);
  const [presentations, agencies, attendees] = ["H", "I", "J"].map(col);
  const within = (from: number): string =>
    `${date},">=${serial(from)}",${date},"<=${serial(w.end)}"`;
  const count = (from: number, ...criteria: string[]): string =>
    `COUNTIFS(${within(from)},${criteria.join(",")})`;
  const sum = (range: string, from: number, ...criteria: string[]): string =>
    `SUMIFS(${range},${within(from)},${criteria.join(",")})`;
  const ngo = `${sector},"NGO"`;
  const le = `${sector},"Law Enforcement"`;
  const act = (a: string): string => `${activity},"${a}"`;
  const byLevel = (from: number, l: string): string =>
    `${count(from, le, `${level},"${l}"`, act("New Contact"))}+${count(from, le, `${level},"${l}"`, act("Follow Up Contact"))}`;
  const training = act("Training/Seminar");
  const make = (from: number): Record<LineKey, string> => ({
    "ngo.newContact": count(from, ngo, act("New Contact")),
    "ngo.followUpContact": count(from, ngo, act("Follow Up Contact")),
    "ngo.requestedServices": count(from, ngo, act("Requested Services")),
    "ngo.training.presentations": sum(presentations, from, ngo, training),
    "ngo.training.agencies": sum(agencies, from, ngo, training),
    "ngo.training.attendees": sum(attendees, from, ngo, training),
    "le.newContact": count(from, le, act("New Contact")),
    "le.followUpContact": count(from, le, act("Follow Up Contact")),
    "le.local": byLevel(from, "Local"),
    "le.state": byLevel(from, "State"),
    "le.federal": byLevel(from, "Federal"),
    "le.foreign": byLevel(from, "Foreign"),
    "le.training.presentations": sum(presentations, from, le, training),
    "le.training.agencies": sum(agencies, from, le, training),
    "le.training.attendees": sum(attendees, from, le, training),
  });
  const q = make(w.quarterStart);
  const c = make(w.fyStart);
  return Object.fromEntries(LINE_KEYS.map((k) => [k, [`=${q[k]}`, `=${c[k]}`]])) as Record<
    LineKey,
    [string, string]
  >;
}

function countifs(grid: Grid): { ms: number; figures: Map<string, number> } {
  const formulas = countifsFormulas(grid.length - 1);
  const hf = HyperFormula.buildFromSheets(
    { Log: copyOf(grid) as (string | number | null)[][] },
    { licenseKey: "gpl-v3", maxRows: grid.length + 10 }
  );
  sampleMemory();
  const sheet = hf.getSheetId(hf.addSheet("Chart")) as number;
  const t = performance.now();
  hf.setSheetContent(
    sheet,
    LINE_KEYS.map((k) => formulas[k])
  );
  const ms = performance.now() - t;
  sampleMemory();
  const values = hf.getSheetValues(sheet);
  hf.destroy();
  const figures = new Map<string, number>();
  LINE_KEYS.forEach((k, i) => {
    figures.set(`quarter:${k}`, values[i][0] as number);
    figures.set(`cumulative:${k}`, values[i][1] as number);
  });
  return { ms, figures };
}

// ---- Run and report -------------------------------------------------------------------------------

function chartFigures(cells: (number | string)[][]): Map<string, number> {
  const figures = new Map<string, number>();
  FORM_ROWS.forEach((row, i) => {
    if (row.kind !== "line") return;
    figures.set(`quarter:${row.line.key}`, cells[i][0] as number);
    figures.set(`cumulative:${row.line.key}`, cells[i][1] as number);
  });
  return figures;
}

function disagreements(a: Map<string, number>, b: Map<string, number>): string[] {
  return [...a].filter(([k, v]) => b.get(k) !== v).map(([k, v]) => `${k}: ${v} vs ${b.get(k)}`);
}

function ratioLine(name: string, measured: number, baseline: number, what: string): number {
  const r = measured / baseline;
  console.log(
    `ratio ${name}: ${measured.toFixed(1)} ms / ${baseline.toFixed(1)} ms = ${r.toFixed(2)}  (${what})`
  );
  return r;
}

function verdict(ok: boolean): string {
  return ok ? "MET" : "NOT MET";
}

function main(): void {
  const grid = makeLog();
  console.log(
    `functions bench: ${ROWS} log rows x ${LOG_HEADERS.length} columns, ${formatPeriod(parsePeriod(PERIOD))}, median of ${RUNS} runs`
  );

  // Warm up every path once (JIT), then measure, interleaved so that none gets a warmer machine.
  oneChart(grid);
  thirtyCells(grid);
  barePass(grid);
  const charts: number[] = [];
  const thirties: number[] = [];
  const cachedCalls: number[] = [];
  const bares: number[] = [];
  let chartCells: (number | string)[][] = [];
  let thirty = new Map<string, number>();
  let parses = 0;
  for (let i = 0; i < RUNS; i++) {
    gc();
    const c = oneChart(grid);
    charts.push(c.ms);
    chartCells = c.cells;
    gc();
    const t = thirtyCells(grid);
    thirties.push(t.ms);
    cachedCalls.push((t.ms - t.firstMs) / 29);
    thirty = t.figures;
    parses = t.parses;
    gc();
    bares.push(barePass(grid).ms);
  }
  gc();
  const hf = countifs(grid);

  const chartMs = median(charts);
  const thirtyMs = median(thirties);
  const bareMs = median(bares);
  console.log(`  TIPS.CHART, one call (cold):           ${chartMs.toFixed(1)} ms`);
  console.log(
    `  30 TIPS.QUARTER/CUMULATIVE calls:      ${thirtyMs.toFixed(1)} ms (log parsed ${parses} time(s) for 30 calls)`
  );
  const cachedMs = median(cachedCalls);
  const perBare = (cachedMs / bareMs).toFixed(2);
  console.log(
    `    of which each of the 29 cached calls: ${cachedMs.toFixed(1)} ms = ${perBare}x the bare pass`
  );
  console.log(`  bare pass over every cell (floor):     ${bareMs.toFixed(1)} ms`);
  console.log(`  30 COUNTIFS/SUMIFS cells, HyperFormula: ${hf.ms.toFixed(1)} ms`);

  const r1 = ratioLine(
    "thirty-cells/chart",
    thirtyMs,
    chartMs,
    "30 single-figure calls vs one TIPS.CHART"
  );
  const r2 = ratioLine(
    "chart/bare-pass",
    chartMs,
    bareMs,
    "TIPS.CHART vs touching every cell once"
  );
  const r3 = ratioLine(
    "countifs/chart",
    hf.ms,
    chartMs,
    "HyperFormula COUNTIFS/SUMIFS vs TIPS.CHART"
  );
  console.log(
    `  target 30 cells <= ${TARGET.thirtyOverChart}x TIPS.CHART: ${r1.toFixed(2)}x ${verdict(r1 <= TARGET.thirtyOverChart)}`
  );
  console.log(
    `  target TIPS.CHART <= ${TARGET.chartOverBare}x bare pass: ${r2.toFixed(2)}x ${verdict(r2 <= TARGET.chartOverBare)}`
  );
  console.log(
    `  target TIPS.CHART >= ${TARGET.countifsOverChart}x faster than COUNTIFS: ${r3.toFixed(0)}x ${verdict(r3 >= TARGET.countifsOverChart)}`
  );
  console.log(
    `peak functions: rss ${(peakRss / 2 ** 20).toFixed(0)} MB, heap ${(peakHeap / 2 ** 20).toFixed(0)} MB`
  );

  const fromChart = chartFigures(chartCells);
  const wrong = [...disagreements(fromChart, thirty), ...disagreements(fromChart, hf.figures)];
  if (wrong.length > 0) {
    console.log(`  FIGURES DISAGREE: ${wrong.join("; ")}`);
    process.exitCode = 1;
  } else {
    console.log(`  figures agree: TIPS.CHART = 30 calls = COUNTIFS (${fromChart.size} figures)`);
  }
}

main();
