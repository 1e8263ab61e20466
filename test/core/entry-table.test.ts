/**
 * EntryTable keeps entries column by column: what comes back out must be the entry that went in,
 * field for field, whatever the entry holds.
 */
import fc from "fast-check";
import { EntryTable } from "../../src/core/entry-table";
import { LogEntry, readLog } from "../../src/core/log";
import { ACTIVITIES, LEVELS, SECTORS } from "../../src/core/vocabulary";
import { grid, leTraining, ngoNew, utcDay } from "./builders";

const text = fc.string({ maxLength: 12 });
/** Every entry of the table, in order. */
const all = (table: EntryTable): LogEntry[] =>
  Array.from({ length: table.length }, (_, i) => table.entry(i));

const entryArb: fc.Arbitrary<LogEntry> = fc.record({
  row: fc.integer({ min: 2, max: 1_048_576 }),
  date: fc.integer({ min: utcDay(2000, 1, 1), max: utcDay(2099, 12, 31) }),
  sector: fc.constantFrom(...SECTORS),
  level: fc.option(fc.constantFrom(...LEVELS), { nil: undefined }),
  activity: fc.constantFrom(...ACTIVITIES),
  agency: text,
  pocName: text,
  pocTitle: text,
  // Counts beyond 32 bits are still whole numbers a cell can hold.
  presentations: fc.oneof(fc.nat(60), fc.constant(2 ** 40)),
  agencies: fc.nat(600),
  attendees: fc.oneof(fc.nat(6000), fc.constant(Number.MAX_SAFE_INTEGER)),
  content: text,
  significant: fc.boolean(),
});

describe("EntryTable", () => {
  it("gives back every entry it was given, field for field, in order", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (entries) => {
        const table = EntryTable.of(entries);
        expect(table.length).toBe(entries.length);
        expect(all(table)).toStrictEqual(entries.map((e) => ({ ...e, level: e.level })));
      }),
      { numRuns: 300 }
    );
  });

  it("keeps the entries readLog gives, an NGO row without a level among them", () => {
    const parsed = readLog(
      grid([ngoNew({ Agency: "Houston Shelter" }), leTraining("State", { Attendees: 40 })])
    );
    expect(parsed.entries).toHaveLength(2);
    const table = EntryTable.of(parsed.entries);
    expect(table.entry(0)).toEqual(parsed.entries[0]);
    expect(table.entry(0).level).toBeUndefined();
    expect(table.entry(1)).toEqual(parsed.entries[1]);
    expect(table.entry(1)).toMatchObject({ level: "State", attendees: 40 });
  });

  it("refuses an index outside the table instead of making up an entry", () => {
    const table = EntryTable.of([]);
    expect(table.length).toBe(0);
    expect(() => table.entry(0)).toThrow(RangeError);
    expect(all(EntryTable.EMPTY)).toEqual([]);
  });
});
