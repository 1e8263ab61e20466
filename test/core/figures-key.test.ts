/**
 * The figures key readLog notes (src/core/figures-key.ts): a copy of the same log matches the
 * range it was read from; a change the figures could see does not; free text and columns that
 * are not the log's are not compared. test/functions/cache.test.ts holds the property over random edits.
 */
import { matchesFiguresKey } from "../../src/core/figures-key";
import { CellValue, readLog } from "../../src/core/log";
import { HEADERS } from "./builders";

const at = (header: string): number => (HEADERS as readonly string[]).indexOf(header);
const row = (over: Partial<Record<string, CellValue>> = {}): CellValue[] =>
  HEADERS.map((h) => (h in over ? (over[h] as CellValue) : null));
const LOG: CellValue[][] = [
  [...HEADERS],
  row({ Date: 39200, Sector: "NGO", Activity: "New Contact", Agency: "Polaris", Content: "Met." }),
  row({
    Date: 39210,
    Sector: "Law Enforcement",
    Level: "Local",
    Activity: "Training/Seminar",
    Agency: "PD",
    Presentations: 1,
    Agencies: 2,
    Attendees: 30,
    Content: "Trained.",
  }),
];
const copy = (v: CellValue[][]): CellValue[][] => JSON.parse(JSON.stringify(v)) as CellValue[][];
/** Whether `copy` gives the figures of `read`, by the key readLog notes for `read`. */
const matches = (read: CellValue[][], copy: CellValue[][]): boolean =>
  matchesFiguresKey(readLog({ values: read }).figuresKey, read, copy);

describe("figures key", () => {
  test("the key names the columns: exact ones, and free text compared only as blank or not", () => {
    const key = readLog({ values: LOG }).figuresKey;
    expect(key.start).toBe(1);
    expect(key.exactColumns).toEqual(expect.arrayContaining([at("Date"), at("Attendees")]));
    expect(key.presenceColumns).toEqual(expect.arrayContaining([at("Agency"), at("Content")]));
    expect(key.exactColumns).not.toContain(at("Content"));
  });

  test("a fresh copy of the same log matches", () => {
    expect(matches(LOG, copy(LOG))).toBe(true);
  });

  test.each([
    ["a date", 1, "Date", 39201],
    ["a sector", 1, "Sector", "Law Enforcement"],
    ["a count", 2, "Attendees", 31],
    ["a count given as text", 2, "Attendees", "30"],
    ["a filled free-text cell made blank", 1, "Agency", null],
    ["a blank free-text cell filled", 1, "POC Name", "Ana"],
    ["a header", 0, "Agency", "Agency Name"],
  ])("%s changed: no match", (_, r, header, value) => {
    const changed = copy(LOG);
    changed[r][at(header)] = value;
    expect(matches(LOG, changed)).toBe(false);
  });

  test("other free text, or a column that is not the log's: still a match", () => {
    const withNotes = LOG.map((r, i) => [...r, i === 0 ? "Notes" : `note ${i}`]);
    const changed = copy(withNotes);
    changed[1][at("Agency")] = "Polaris Project";
    changed[2][at("Content")] = "Trained 30 officers.";
    changed[2][HEADERS.length] = "another note";
    expect(matches(withNotes, changed)).toBe(true);
  });

  test("a row more or fewer: no match", () => {
    expect(matches(LOG, copy(LOG).slice(0, 2))).toBe(false);
    expect(matches(LOG, [...copy(LOG), row()])).toBe(false);
  });

  test("NaN never matches, so it is always read again", () => {
    const odd = copy(LOG);
    odd[2][at("Attendees")] = NaN;
    expect(
      matches(
        odd,
        odd.map((r) => [...r])
      )
    ).toBe(false);
  });
});
