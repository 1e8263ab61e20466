/**
 * The parsed-log cache: recognises a log by its content (every cell, or for the figures every cell
 * but the free text, which counts only as blank or filled), never serves another log's figures,
 * and stays small.
 */
import fc from "fast-check";
import { CellValue, LogGrid, PRESENCE_ONLY_COLUMNS, isBlank, readLog } from "../../src/core/log";
import { parsePeriod } from "../../src/core/period";
import { tally } from "../../src/core/tally";
import { CAPACITY, LogCache, sameCells } from "../../src/functions/cache";
import { BlankShape, HEADERS, logRange } from "./fixtures";

const grid = (values: CellValue[][], extra: Partial<LogGrid> = {}): LogGrid => ({
  values,
  header: "auto",
  zeroIsBlank: true,
  ...extra,
});

/** A copy as Excel passes one: new arrays and new strings. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe("sameCells", () => {
  test("equal content in different arrays and strings is the same", () => {
    expect(sameCells(logRange(), copy(logRange()))).toBe(true);
  });

  test.each([
    ["one cell", (v: CellValue[][]) => (v[5][4] = "Houston shelter")],
    ["a blank shape", (v: CellValue[][]) => (v[8][0] = "")],
    ["a number as text", (v: CellValue[][]) => (v[5][0] = String(v[5][0]))],
    ["a row added", (v: CellValue[][]) => v.push([])],
    ["a row removed", (v: CellValue[][]) => v.pop()],
    ["a column added", (v: CellValue[][]) => v[3].push(null)],
    ["the last cell", (v: CellValue[][]) => (v[v.length - 1][11] = "Y")],
    ["-0 is 0", (v: CellValue[][]) => (v[1][7] = -0)],
  ])("%s", (what, change) => {
    const changed = logRange();
    change(changed);
    expect(sameCells(logRange(), changed)).toBe(
      what === "-0 is 0" ? logRange()[1][7] === 0 : false
    );
  });

  test("NaN or an object never matches (a re-read, never a wrong answer)", () => {
    const a = [[NaN]];
    expect(sameCells(a, [[NaN]])).toBe(false);
    expect(sameCells(a, a)).toBe(true); // the very same array
    expect(sameCells([[new Date(0)]], [[new Date(0)]])).toBe(false);
  });

  test("property: equal iff every cell is ===", () => {
    const cell = fc.oneof(
      fc.constantFrom(null, "", 0, "NGO", "ngo", 1, true),
      fc.integer(),
      fc.string()
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 5 }),
        fc.nat(),
        (v, seed) => {
          const b = copy(v);
          expect(sameCells(v, b)).toBe(true);
          const cells = b.flatMap((r, i) => r.map((_, j) => [i, j]));
          if (cells.length === 0) return;
          const [i, j] = cells[seed % cells.length];
          const before = b[i][j];
          b[i][j] = typeof before === "string" ? `${before}x` : before === null ? "" : null;
          expect(sameCells(v, b)).toBe(false);
        }
      )
    );
  });
});

describe("LogCache", () => {
  test("a copy of a cached log is a hit; a changed copy is a miss", () => {
    const cache = new LogCache();
    const first = cache.get(grid(logRange()));
    expect(cache.get(grid(copy(logRange())))).toBe(first);
    const changed = logRange();
    changed[11][2] = "State";
    expect(cache.get(grid(changed))).not.toBe(first);
    expect([cache.parses, cache.hits]).toEqual([2, 1]);
  });

  test("the date system and blank handling are part of the key", () => {
    const cache = new LogCache();
    const a = cache.get(grid(logRange()));
    expect(cache.get(grid(logRange(), { date1904: true }))).not.toBe(a);
    expect(cache.get(grid(logRange(), { zeroIsBlank: false }))).not.toBe(a);
    expect(cache.get(grid(logRange(), { header: "required" }))).not.toBe(a);
    expect(cache.parses).toBe(4);
  });

  test("the position counts only when asked (findings name worksheet rows; figures do not)", () => {
    const cache = new LogCache();
    const a = cache.get(grid(logRange(), { top: 1, left: 1 }));
    expect(cache.get(grid(logRange(), { top: 5, left: 3 }))).toBe(a);
    const b = cache.get(grid(logRange(), { top: 5, left: 3 }), { samePosition: true });
    expect(b).not.toBe(a);
    expect(b.parsed.grid.top).toBe(5);
    expect(cache.get(grid(logRange(), { top: 5, left: 3 }), { samePosition: true })).toBe(b);
  });

  test(`holds at most ${CAPACITY} logs, the least recently used dropped first`, () => {
    const cache = new LogCache();
    const logs = Array.from({ length: CAPACITY + 1 }, (_, i) => {
      const v = logRange();
      v[1][4] = `Agency ${i}`;
      return v;
    });
    const entries = logs.map((v) => cache.get(grid(v)));
    expect(cache.size).toBe(CAPACITY);
    expect(cache.get(grid(copy(logs[CAPACITY])))).toBe(entries[CAPACITY]);
    expect(cache.get(grid(copy(logs[0])))).not.toBe(entries[0]); // dropped, read again
    expect(cache.size).toBe(CAPACITY);
  });

  test("a log whose header cannot be read is not cached", () => {
    const cache = new LogCache();
    const broken = logRange();
    broken[0][0] = "Dat";
    expect(() => cache.get(grid(broken))).toThrow(/no "Date" column/);
    expect(cache.size).toBe(0);
  });

  test("figures are tally()'s, computed once per period", () => {
    const cache = new LogCache();
    const entry = cache.get(grid(logRange()));
    const q3 = parsePeriod("FY2007 Q3");
    const f = entry.figures(q3);
    expect(entry.figures({ fiscalYear: 2007, quarter: 3 })).toBe(f);
    expect(f).toEqual(tally(readLog(grid(logRange())).entries, q3));
    expect(entry.figures(parsePeriod("FY2007 Q2"))).not.toEqual(f);
    expect(entry.findings()).toBe(entry.findings());
  });
});

describe("the figures match (QUARTER, CUMULATIVE, CHART): free text only blank or filled", () => {
  const FIGURES = { match: "figures" } as const;
  const PERIODS = ["FY2006 Q4", "FY2007 Q1", "FY2007 Q2", "FY2007 Q3", "FY2007 Q4", "FY2008 Q1"];
  /** Column index by header, in the fixture's spec order. */
  const at = (header: (typeof HEADERS)[number]) => HEADERS.indexOf(header);
  const TEXT_COLUMNS = (["Agency", "POC Name", "POC Title", "Content"] as const).map(at);
  /** Data rows (1-based below the header) and columns where a cell is filled / blank. */
  const cellsWhere = (v: CellValue[][], columns: number[], filled: boolean) =>
    v.flatMap((row, i) =>
      i === 0 ? [] : columns.filter((j) => isBlank(row[j], true) !== filled).map((j) => [i, j])
    );
  const figuresOf = (v: CellValue[][]) => {
    const entries = readLog(grid(v)).entries;
    return PERIODS.map((p) => tally(entries, parsePeriod(p)));
  };
  const cachedFigures = (cache: LogCache, v: CellValue[][]) => {
    const entry = cache.get(grid(v), FIGURES);
    return PERIODS.map((p) => entry.figures(parsePeriod(p)));
  };
  /** The log with cell (i, j) changed to `value` is a new log, with the figures of its cells. */
  const expectNewLog = (i: number, j: number, value: CellValue) => {
    const cache = new LogCache();
    const first = cache.get(grid(logRange()), FIGURES);
    const edited: CellValue[][] = logRange();
    edited[i][j] = value;
    expect(cache.get(grid(edited), FIGURES)).not.toBe(first);
    expect(cachedFigures(cache, edited)).toEqual(figuresOf(edited));
  };

  test("the fixture's text columns are the presence-only ones (the test below edits them)", () => {
    const columns = readLog(grid(logRange())).columns;
    expect(PRESENCE_ONLY_COLUMNS.map((k) => columns[k]).sort()).toEqual([...TEXT_COLUMNS].sort());
  });

  test("other text in place of text: the same log for figures, a new one for findings", () => {
    const cache = new LogCache();
    const first = cache.get(grid(logRange()), FIGURES);
    const edited = logRange();
    const filled = cellsWhere(edited, TEXT_COLUMNS, true);
    expect(filled.length).toBeGreaterThan(40);
    filled.forEach(([i, j], n) => (edited[i][j] = n % 3 === 0 ? `=cmd${n}` : `  other ${n} `));
    expect(cache.get(grid(edited), FIGURES)).toBe(first);
    expect([cache.parses, cache.hits]).toEqual([1, 1]);
    expect(cachedFigures(cache, edited)).toEqual(figuresOf(edited));
    // TIPS.CHECK matches every cell: it reads the new text.
    const forFindings = cache.get(grid(edited), { match: "cells" });
    expect(forFindings).not.toBe(first);
    expect(forFindings.findings().map((f) => f.message)).toContain(
      'Agency begins with "=": it is kept as text, never run as a formula.'
    );
    expect(first.findings().map((f) => f.message)).not.toContain(
      'Agency begins with "=": it is kept as text, never run as a formula.'
    );
  });

  test.each(["Agency", "POC Name", "POC Title", "Content"] as const)(
    "%s: a filled cell blanked, or a blank one filled, is a new log",
    (header) => {
      const j = at(header);
      for (const filled of [true, false]) {
        const cells = cellsWhere(logRange(), [j], filled);
        expect(cells.length).toBeGreaterThan(0);
        for (const [i] of cells) expectNewLog(i, j, filled ? "  " : "filled");
      }
    }
  );

  test("blank for blank (null, '', spaces, 0 where empty cells come as 0) is the same log", () => {
    const cache = new LogCache();
    const first = cache.get(grid(logRange()), FIGURES);
    const edited = logRange();
    cellsWhere(edited, TEXT_COLUMNS, false).forEach(
      ([i, j], n) => (edited[i][j] = ["", " ", 0][n % 3])
    );
    expect(cache.get(grid(edited), FIGURES)).toBe(first);
    expect(cache.get(grid(edited, { zeroIsBlank: false }), FIGURES)).not.toBe(first);
  });

  test.each([
    "Date",
    "Sector",
    "Level",
    "Activity",
    "Presentations",
    "Agencies",
    "Attendees",
    "Significant",
  ] as const)("%s: any cell changed is a new log", (header) => {
    const j = at(header);
    const rows = logRange().length;
    for (let i = 1; i < rows; i++) {
      const before = logRange()[i][j];
      // Another value of the same kind, the same value as another type, a blank or filled cell.
      const others: CellValue[] =
        typeof before === "number"
          ? [before + 1, String(before), null]
          : isBlank(before, true)
            ? ["Y", 1, "Local"]
            : [`${before}x`, ` ${before}`, `${before}`.toUpperCase(), null];
      for (const value of others.filter((o) => o !== before)) expectNewLog(i, j, value);
    }
  });

  test("the first row is matched exactly: it is the header, or may be taken for one", () => {
    const cache = new LogCache();
    const first = cache.get(grid(logRange()), FIGURES);
    const renamed = logRange();
    renamed[0][at("Agency")] = "Agency Name"; // an alias: the same columns, but not the same row
    expect(cache.get(grid(renamed), FIGURES)).not.toBe(first);
    const bare = logRange({ header: false });
    const withoutHeader = cache.get(grid(bare), FIGURES);
    const edited = logRange({ header: false });
    edited[0][at("Agency")] = "Other agency";
    expect(cache.get(grid(edited), FIGURES)).not.toBe(withoutHeader);
    const below = logRange({ header: false }); // a fresh copy: Excel never changes an argument
    below[1][at("Agency")] = "Other agency";
    expect(cache.get(grid(below), FIGURES)).toBe(withoutHeader);
  });

  test("a ragged range: a short row reads as blank cells, in the key as in the log", () => {
    const cache = new LogCache();
    const ragged = logRange();
    ragged[3] = ragged[3].slice(0, 11);
    const first = cache.get(grid(ragged), FIGURES);
    expect(cache.get(grid(copy(ragged)), FIGURES)).toBe(first);
    const text = copy(ragged);
    text[5][at("Agency")] = "Other agency"; // free text: the same figures
    expect(cache.get(grid(text), FIGURES)).toBe(first);
    const shorter = copy(ragged);
    shorter[5] = shorter[5].slice(0, at("Activity")); // its Activity cell is gone
    expect(cache.get(grid(shorter), FIGURES)).not.toBe(first);
    expect(cachedFigures(cache, shorter)).toEqual(figuresOf(shorter));
  });

  /**
   * The fixture's log in other shapes: its 12 columns; without the optional Significant column;
   * with a column the log does not know; in reverse order; or 4 columns without a header row (no
   * free text). Each is a list of the fixture's columns, -1 for the unknown one.
   */
  const LAYOUTS: Record<string, { columns: number[]; header: boolean }> = {
    full: { columns: HEADERS.map((_, j) => j), header: true },
    withoutSignificant: { columns: HEADERS.map((_, j) => j).slice(0, 11), header: true },
    withNotes: { columns: [0, 1, -1, ...HEADERS.map((_, j) => j).slice(2)], header: true },
    reversed: { columns: HEADERS.map((_, j) => j).reverse(), header: true },
    narrow: { columns: [0, 1, 2, 3], header: false },
  };
  const shaped = (layout: keyof typeof LAYOUTS, blanks: BlankShape): CellValue[][] => {
    const { columns, header } = LAYOUTS[layout];
    const rows = logRange({ blanks }).map((row, i) =>
      columns.map((j) => (j >= 0 ? row[j] : i === 0 ? "Notes" : `note ${i % 3}`))
    );
    return header ? rows : rows.slice(1);
  };

  test("property: whatever cells change, the figures are those of the cells given", () => {
    const anyValue = fc.oneof(
      fc.constantFrom<CellValue>(null, "", " ", 0, 1, 3, "NGO", "LE", "Local", "State", "Y", "N"),
      fc.constantFrom<CellValue>("New Contact", "Training", "04/15/2007", "=x", "text", -1, NaN),
      fc.integer({ min: 39000, max: 39500 }),
      fc.string({ maxLength: 6 })
    );
    const edit = fc.record({ row: fc.nat(), column: fc.nat(), value: anyValue });
    const seen = { hits: 0, misses: 0 };
    const hitsBy = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom<BlankShape>("null", "empty", "zero"),
        fc.constantFrom(...Object.keys(LAYOUTS)),
        (edits, textOnly, blanks, layout) => {
          const cache = new LogCache();
          const original = shaped(layout, blanks);
          const first = cache.get(grid(original), FIGURES);
          const columns = readLog(grid(original)).columns;
          const presence = PRESENCE_ONLY_COLUMNS.flatMap((k) => columns[k] ?? []).filter(
            (j) => j < original[0].length
          );
          const edited = shaped(layout, blanks);
          for (const e of edits) {
            const i = 1 + (e.row % (edited.length - 1));
            const width = edited[i].length;
            const j =
              textOnly && presence.length > 0
                ? presence[e.column % presence.length]
                : e.column % width;
            edited[i][j] = e.value;
          }
          const entry = cache.get(grid(edited), FIGURES);
          expect(PERIODS.map((p) => entry.figures(parsePeriod(p)))).toEqual(figuresOf(edited));
          // A hit only when nothing but free text (filled for filled, blank for blank) or a
          // column that is not the log's changed; the log's other cells ===, so that a NaN
          // there is always read again.
          const known = Object.values(columns) as number[];
          const sameForFigures = edited.every((row, i) =>
            row.every((v, j) =>
              !known.includes(j)
                ? true
                : presence.includes(j)
                  ? isBlank(v, true) === isBlank(original[i][j], true)
                  : v === original[i][j]
            )
          );
          expect(entry === first).toBe(sameForFigures);
          seen[sameForFigures ? "hits" : "misses"]++;
          if (sameForFigures) hitsBy.set(layout, (hitsBy.get(layout) ?? 0) + 1);
        }
      ),
      { numRuns: 500 }
    );
    expect(Math.min(seen.hits, seen.misses)).toBeGreaterThan(50); // both ways were exercised
    expect(hitsBy.size).toBe(Object.keys(LAYOUTS).length); // and a hit in every shape
  });
});
