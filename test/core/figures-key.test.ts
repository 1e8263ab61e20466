/**
 * The figures key readLog records on request (src/core/figures-key.ts): a copy of the same log
 * matches it; a change the figures could see does not; free text and columns that are not the
 * log's are not compared. test/functions/cache.test.ts holds the property over random edits.
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
const keyOf = (values: CellValue[][]) => {
  const key = readLog({ values }, { figuresKey: true }).figuresKey;
  if (!key) throw new Error("no figures key");
  return key;
};

describe("figures key", () => {
  test("recorded only when asked for", () => {
    expect(readLog({ values: LOG }).figuresKey).toBeUndefined();
    expect(keyOf(LOG).rows).toBe(3);
  });

  test("a fresh copy of the same log matches", () => {
    expect(matchesFiguresKey(keyOf(LOG), copy(LOG))).toBe(true);
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
    expect(matchesFiguresKey(keyOf(LOG), changed)).toBe(false);
  });

  test("other free text, or a column that is not the log's: still a match", () => {
    const withNotes = LOG.map((r, i) => [...r, i === 0 ? "Notes" : `note ${i}`]);
    const key = keyOf(withNotes);
    const changed = copy(withNotes);
    changed[1][at("Agency")] = "Polaris Project";
    changed[2][at("Content")] = "Trained 30 officers.";
    changed[2][HEADERS.length] = "another note";
    expect(matchesFiguresKey(key, changed)).toBe(true);
  });

  test("a row more or fewer: no match", () => {
    const key = keyOf(LOG);
    expect(matchesFiguresKey(key, copy(LOG).slice(0, 2))).toBe(false);
    expect(matchesFiguresKey(key, [...copy(LOG), row()])).toBe(false);
  });

  test("NaN never matches, so it is always read again", () => {
    const odd = copy(LOG);
    odd[2][at("Attendees")] = NaN;
    expect(matchesFiguresKey(keyOf(odd), odd)).toBe(false);
  });
});
