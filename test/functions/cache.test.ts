/**
 * The parsed-log cache: recognises a log by its content (every cell), never serves another log's
 * figures, and stays small.
 */
import fc from "fast-check";
import { CellValue, LogGrid } from "../../src/core/log";
import { parsePeriod } from "../../src/core/period";
import { tally } from "../../src/core/tally";
import { readLog } from "../../src/core/log";
import { CAPACITY, LogCache, sameCells } from "../../src/functions/cache";
import { logRange } from "./fixtures";

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
