/**
 * PRESENCE_ONLY_COLUMNS (core/log.ts) says that the figures see those columns only as blank or
 * filled. The custom functions' cache relies on it to recognise a log without comparing its free
 * text (src/functions/cache.ts), so it is held here over random logs, valid and invalid rows
 * alike: replacing the content of any filled cell of those columns with any other filled content
 * leaves every figure, and the set of rows counted, as it was. If a rule comes to read one of
 * those columns' text for the figures, this fails: take the column off PRESENCE_ONLY_COLUMNS.
 */
import fc from "fast-check";
import { CellValue, LogGrid, PRESENCE_ONLY_COLUMNS, isBlank, readLog } from "../../src/core/log";
import { FiscalPeriod } from "../../src/core/period";
import { tally } from "../../src/core/tally";
import { HEADERS, serial1900, serial1904 } from "./builders";

const RUNS = { numRuns: 200 };

/** Filled free text as offices type it. */
const TEXTS = [
  "Safe Harbor Shelter",
  "Houston PD",
  "Ann Lee",
  "Director",
  "Trafficking indicators and the TIPS line",
  "  padded  ",
];

/** What a free-text cell may become: anything filled, including what looks like a rule's word. */
const FILLED: readonly CellValue[] = [
  "=SUM(A1:A9)",
  '=HYPERLINK("http://x")',
  "+1",
  "-1",
  "@cmd",
  "\t=1+2",
  "\r=x",
  "  padded on both sides  ",
  "\u00a0non-breaking\u00a0",
  "x".repeat(5000),
  "New Contact",
  "Law Enforcement",
  "Training/Seminar",
  "Date",
  "Y",
  "N",
  "0",
  "Ünïcödé ✓",
  42,
  -7,
  0.5,
  NaN,
  true,
  false,
  new Date(2007, 3, 15),
  new Date(NaN),
];

interface GenRow {
  sector: string;
  level: string;
  activity: string;
  /** Days from 1 October of the fiscal year's start, a few before and after it. */
  offset: number;
  dateAsText: boolean;
  counts: [number, number, number];
  text: [CellValue, CellValue, CellValue, CellValue];
  significant: CellValue;
  /** One cell set to anything at all, to make invalid rows of every kind. */
  broken: { column: number; value: CellValue } | null;
}

const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom<CellValue>(null, "", " ", 0, -1, 1.5, "x", "Police", "Meeting", "13/45/2007"),
  fc.constantFrom(...FILLED),
  fc.integer({ min: -5, max: 50_000 })
);

const textCell: fc.Arbitrary<CellValue> = fc.oneof(
  { arbitrary: fc.constantFrom(...TEXTS), weight: 6 },
  { arbitrary: fc.constantFrom<CellValue>(null, "", "   ", 0), weight: 1 }
);

const rowArb: fc.Arbitrary<GenRow> = fc.record({
  sector: fc.constantFrom("NGO", "ngo", "Non-Government Organization", "Law Enforcement", "LE"),
  level: fc.constantFrom("Local", "state", "FEDERAL", "Foreign"),
  activity: fc.constantFrom(
    "New Contact",
    "Follow Up Contact",
    "follow-up contact",
    "Requested Services",
    "Training/Seminar",
    "Seminar"
  ),
  offset: fc.integer({ min: -20, max: 385 }),
  dateAsText: fc.boolean(),
  counts: fc.tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 12 }),
    fc.integer({ min: 0, max: 90 })
  ),
  text: fc.tuple(textCell, textCell, textCell, textCell),
  significant: fc.constantFrom<CellValue>("Y", "N", "", null, "maybe", true),
  broken: fc.option(fc.record({ column: fc.nat(HEADERS.length - 1), value: anyCell }), {
    freq: 3,
  }),
});

interface GenLog {
  fy: number;
  date1904: boolean;
  zeroIsBlank: boolean;
  withHeader: boolean;
  rows: GenRow[];
  /** Changes to make: a row and a presence-only column (both taken modulo), and the new content. */
  edits: { row: number; column: number; value: CellValue }[];
}

const logArb: fc.Arbitrary<GenLog> = fc.record({
  fy: fc.constantFrom(2007, 2008, 2016),
  date1904: fc.boolean(),
  zeroIsBlank: fc.boolean(),
  withHeader: fc.boolean(),
  rows: fc.array(rowArb, { minLength: 1, maxLength: 30 }),
  edits: fc.array(
    fc.record({ row: fc.nat(), column: fc.nat(), value: fc.constantFrom(...FILLED) }),
    { minLength: 1, maxLength: 40 }
  ),
});

const pad = (n: number) => String(n).padStart(2, "0");

function rowCells(g: GenRow, fy: number, date1904: boolean): CellValue[] {
  const day = new Date(Date.UTC(fy - 1, 9, 1 + g.offset));
  const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  const le = g.sector === "Law Enforcement" || g.sector === "LE";
  const training = g.activity === "Training/Seminar" || g.activity === "Seminar";
  const cells: CellValue[] = [
    g.dateAsText ? `${pad(m)}/${pad(d)}/${y}` : (date1904 ? serial1904 : serial1900)(y, m, d),
    g.sector,
    le ? g.level : null,
    g.activity,
    g.text[0],
    g.text[1],
    g.text[2],
    training ? g.counts[0] : null,
    training ? g.counts[1] : null,
    training ? g.counts[2] : null,
    g.text[3],
    g.significant,
  ];
  if (g.broken) cells[g.broken.column] = g.broken.value;
  return cells;
}

function gridOf(log: GenLog): LogGrid {
  const rows = log.rows.map((g) => rowCells(g, log.fy, log.date1904));
  return {
    values: log.withHeader ? [[...HEADERS], ...rows] : rows,
    header: log.withHeader ? "required" : "auto",
    date1904: log.date1904,
    zeroIsBlank: log.zeroIsBlank,
  };
}

/**
 * The same log with the edits made where they change content only: a filled cell of a
 * presence-only column, below the first row, given other filled content. Returns how many.
 */
function edited(log: GenLog, grid: LogGrid): { grid: LogGrid; changed: number } {
  const columns = readLog(grid).columns;
  const indexes = PRESENCE_ONLY_COLUMNS.map((k) => columns[k]).filter(
    (i): i is number => i !== undefined
  );
  const values = grid.values.map((r) => [...r]);
  const blank = (v: CellValue) => isBlank(v, log.zeroIsBlank);
  let changed = 0;
  for (const e of log.edits) {
    if (values.length < 2 || indexes.length === 0) break;
    const i = 1 + (e.row % (values.length - 1));
    const j = indexes[e.column % indexes.length];
    if (blank(values[i][j]) || blank(e.value)) continue;
    values[i][j] = e.value;
    changed++;
  }
  return { grid: { ...grid, values }, changed };
}

/** Every quarter of the fiscal year, and the quarters either side of it. */
const periods = (fy: number): FiscalPeriod[] => [
  { fiscalYear: fy - 1, quarter: 4 },
  ...([1, 2, 3, 4] as const).map((quarter) => ({ fiscalYear: fy, quarter })),
  { fiscalYear: fy + 1, quarter: 1 },
];

/** Say what a failure means for the code, not only which figure moved. */
function withHint(check: () => void): void {
  try {
    check();
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    throw new Error(
      `${what}\n\nThe figures changed with the text of a PRESENCE_ONLY_COLUMNS column: a rule ` +
        "reads it. Take that column off PRESENCE_ONLY_COLUMNS in src/core/log.ts (the custom " +
        "functions' cache will then compare its text too)."
    );
  }
}

describe("PRESENCE_ONLY_COLUMNS: the figures see those columns only as blank or filled", () => {
  test("the list names columns of the log", () => {
    expect(PRESENCE_ONLY_COLUMNS.length).toBeGreaterThan(0);
    const columns = readLog({ values: [[...HEADERS]] }).columns;
    for (const key of PRESENCE_ONLY_COLUMNS) expect(columns[key]).toBeDefined();
  });

  test("other filled content in those columns: the same rows counted, the same figures", () => {
    let changedRuns = 0;
    fc.assert(
      fc.property(logArb, (log) => {
        const original = gridOf(log);
        const { grid, changed } = edited(log, original);
        if (changed > 0) changedRuns++;
        const before = readLog(original);
        const after = readLog(grid);
        withHint(() => {
          expect(after.entries.map((e) => e.row)).toEqual(before.entries.map((e) => e.row));
          expect([after.dataRows, after.invalidRows]).toEqual([
            before.dataRows,
            before.invalidRows,
          ]);
          for (const p of periods(log.fy)) {
            expect(tally(after.entries, p)).toEqual(tally(before.entries, p));
          }
        });
      }),
      RUNS
    );
    expect(changedRuns).toBeGreaterThan(RUNS.numRuns / 2); // the property was exercised
  });

  test("the generated logs have counted rows and rows with errors", () => {
    let counted = 0;
    let invalid = 0;
    fc.assert(
      fc.property(logArb, (log) => {
        const parsed = readLog(gridOf(log));
        counted += parsed.entries.length;
        invalid += parsed.invalidRows;
      }),
      { numRuns: 50 }
    );
    expect(counted).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(50);
  });
});
