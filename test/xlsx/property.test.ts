/**
 * Whatever a cell holds (text with XML specials, a leading = + - @, control characters, lone
 * surrogates, emoji, long text; any finite number; booleans), writing it with addSheet or
 * patchCells and reading it back gives the same value.
 */
import fc from "fast-check";
import { CellUpdate, createWorkbook, openWorkbook } from "../../src/workbook/xlsx";

type Value = string | number | boolean | null;

const anyChar = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const special = fc.constantFrom(
  "=",
  "+",
  "-",
  "@",
  "\t",
  "\r",
  "\n",
  "\r\n",
  "&",
  "<",
  ">",
  '"',
  "'",
  "]]>",
  "_x0041_",
  "_x005F_",
  "😀",
  "東京",
  "\u0000",
  "\u001f",
  "\uffff",
  "\ud800",
  "\udc00",
  " "
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.array(fc.oneof(anyChar, special), { maxLength: 30 }).map((a) => a.join("")),
  fc.tuple(fc.constantFrom("=", "+", "-", "@"), fc.string()).map(([a, b]) => a + b),
  fc.string({ minLength: 2000, maxLength: 5000 })
);
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 5e-324, 1e308, 0.1, 39187)
);
const value: fc.Arbitrary<Value> = fc.oneof(text, number, fc.boolean(), fc.constant(null));

/** What reading gives back for a written value (-0 is stored as 0). */
const expected = (v: Value): Value => (typeof v === "number" && Object.is(v, -0) ? 0 : v);

const grid = fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 8,
});

test("addSheet: every value reads back as written", () => {
  fc.assert(
    fc.property(grid, (rows) => {
      const wb = createWorkbook();
      wb.addSheet({
        name: "P",
        cells: rows.flatMap((r, i) => r.map((v, j) => ({ row: i + 1, col: j + 1, value: v }))),
      });
      const back = openWorkbook(wb.save()).readSheet("P");
      rows.forEach((r, i) =>
        r.forEach((v, j) => expect(back.cell(i + 1, j + 1)).toEqual(expected(v)))
      );
    }),
    { numRuns: 150 }
  );
});

test("patchCells over existing content: patched cells read back as written, the others are unchanged", () => {
  fc.assert(
    fc.property(
      grid,
      fc.array(
        fc.record({
          row: fc.integer({ min: 1, max: 12 }),
          col: fc.integer({ min: 1, max: 9 }),
          value,
        }),
        { maxLength: 40 }
      ),
      (rows, updates: CellUpdate[]) => {
        const wb = createWorkbook();
        wb.addSheet({
          name: "P",
          cells: rows.flatMap((r, i) => r.map((v, j) => ({ row: i + 1, col: j + 1, value: v }))),
        });
        const base = openWorkbook(wb.save());
        base.patchCells("P", updates);
        const back = openWorkbook(base.save()).readSheet("P");
        const last = new Map<string, Value>();
        for (const u of updates) last.set(`${u.row},${u.col}`, u.value);
        for (let r = 1; r <= 12; r++) {
          for (let c = 1; c <= 9; c++) {
            const key = `${r},${c}`;
            const want = last.has(key) ? last.get(key)! : (rows[r - 1]?.[c - 1] ?? null);
            expect([key, back.cell(r, c)]).toEqual([key, expected(want)]);
          }
        }
      }
    ),
    { numRuns: 150 }
  );
});
