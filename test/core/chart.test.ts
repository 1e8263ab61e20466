import { readFileSync } from "fs";
import fc from "fast-check";
import {
  CHART_LINE,
  CHART_LINES,
  FORM_ROWS,
  LINE_KEYS,
  LineKey,
  addFigures,
  isLineKey,
  labelEquals,
  lineKeyFromName,
  normalizeLabel,
  zeroFigures,
} from "../../src/core/chart";
import { LINES, figures } from "./builders";

/** The chart's rows as the seed's form prints them, from "Non-Government Organization" down. */
function seedChartRows(): string[] {
  const text = readFileSync("/work/shared/seeds/ice-tips-strategy-2007-05.txt", "utf8");
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\t+$/, "").trim());
  const start = lines.indexOf("Non-Government Organization");
  const end = lines.indexOf("## Significant Outreach Activity");
  return lines.slice(start, end).filter((l) => l !== "");
}

describe("the chart's lines", () => {
  test("the 15 line keys are the spec's, in the form's order", () => {
    expect([...LINE_KEYS]).toEqual(LINES);
    expect(CHART_LINES.map((l) => l.key)).toEqual(LINES);
  });

  test("the form's rows are the seed's 19 rows, labels and quirks included", () => {
    const seed = seedChartRows();
    expect(seed).toHaveLength(19);
    expect(FORM_ROWS.map((r) => (r.kind === "heading" ? r.label : r.line.label))).toEqual(seed);
  });

  test.each<[LineKey, "ngo" | "le", boolean, string]>([
    ["ngo.newContact", "ngo", false, "New Contact"],
    ["ngo.followUpContact", "ngo", false, "Follow Up Contact"],
    ["ngo.requestedServices", "ngo", false, "Requested Services"],
    ["ngo.training.presentations", "ngo", true, "1. Number of presentations"],
    ["ngo.training.agencies", "ngo", true, "2. Number of agencies"],
    ["ngo.training.attendees", "ngo", true, "3. Members in attendance"],
    ["le.newContact", "le", false, "New Contact"],
    ["le.followUpContact", "le", false, "Follow Up Contact"],
    ["le.local", "le", false, "Local"],
    ["le.state", "le", false, "State"],
    ["le.federal", "le", false, "Federal"],
    ["le.foreign", "le", false, "Foreign"],
    ["le.training.presentations", "le", true, "Number of presentations"],
    ["le.training.agencies", "le", true, "2. Number of agencies"],
    ["le.training.attendees", "le", true, "3. Members in attendance"],
  ])("%s: section %s, training %p, label %p", (key, section, training, label) => {
    expect(CHART_LINE[key]).toEqual({ key, section, training, label });
    expect(isLineKey(key)).toBe(true);
  });

  test.each(["ngo", "le.training", "ngo.newcontact", "Local", ""])("%p is not a line key", (s) => {
    expect(isLineKey(s)).toBe(false);
  });
});

describe("line names a user may write", () => {
  test.each<[string, LineKey | undefined]>([
    ["le.local", "le.local"],
    ["LE Local", "le.local"],
    ["Law Enforcement Federal", "le.federal"],
    ["NGO New Contact", "ngo.newContact"],
    ["Non-Government Organization New Contact", "ngo.newContact"],
    ["LE New Contact", "le.newContact"],
    ["NGO Follow-up Contact", "ngo.followUpContact"],
    ["ngo follow up contact", "ngo.followUpContact"],
    ["le followUpContact", "le.followUpContact"],
    ["NGO Requested Services", "ngo.requestedServices"],
    ["NGO Presentations", "ngo.training.presentations"],
    ["LE Training Attendees", "le.training.attendees"],
    ["LE Members in attendance", "le.training.attendees"],
    ["ngo.training.agencies", "ngo.training.agencies"],
    ["LE Requested Services", undefined],
    ["NGO Local", undefined],
    ["New Contact", undefined],
    ["", undefined],
  ])("%p -> %p", (name, key) => {
    expect(lineKeyFromName(name)).toBe(key);
  });
});

describe("label matching", () => {
  test.each<[string, string]>([
    ["1. Number of presentations", "Number of presentations"],
    ["  2) number of AGENCIES ", "2. Number of agencies"],
    ["Follow-up Contact", "Follow Up Contact"],
    ["FOLLOW UP CONTACT", "Follow Up Contact"],
    ["Non-Government Organization", "non government organization"],
  ])("%p matches %p", (a, b) => {
    expect(normalizeLabel(a)).toBe(normalizeLabel(b));
  });

  test.each<[string, string]>([
    ["New Contact", "Follow Up Contact"],
    ["Local", "State"],
    ["Number of presentations", "Number of agencies"],
  ])("%p does not match %p", (a, b) => {
    expect(normalizeLabel(a)).not.toBe(normalizeLabel(b));
  });
});

describe("figures", () => {
  test("zeroFigures has every line at 0, and addFigures adds line by line", () => {
    expect(zeroFigures()).toEqual(figures());
    const f = addFigures(zeroFigures(), { "le.local": 2, "ngo.training.attendees": 30 });
    addFigures(f, { "le.local": 1, "le.newContact": 3 });
    expect(f).toEqual(figures({ "le.local": 3, "ngo.training.attendees": 30, "le.newContact": 3 }));
  });
});

describe("labelEquals: normalizeLabel(text) === label, without building the text", () => {
  const LABELS = ["office", "outreachactivity", "significantoutreachactivity", "quarter", ""];
  // The characters the normalising treats apart: spaces (ASCII and not), digits, the numbering
  // punctuation, letters of both cases, and the two that lower-case into ASCII ("İ", Kelvin's K).
  const pieces = fc.constantFrom(
    ..."Office OUTREACH activity Significant Quarter 12 3 . ) : - \t \n \u00a0 \u2003 \ufeff • – é İ \u212a x".split(
      " "
    ),
    " ",
    "",
    "\ud83d\ude00"
  );
  const texts = fc.array(pieces, { maxLength: 8 }).map((p) => p.join(""));

  test("agrees with normalizeLabel on generated text", () => {
    fc.assert(
      fc.property(texts, fc.constantFrom(...LABELS), (text, label) => {
        expect(labelEquals(text, label)).toBe(normalizeLabel(text) === label);
      }),
      { numRuns: 5000 }
    );
  });

  test("agrees on each text's own normalised form", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(labelEquals(text, normalizeLabel(text))).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });

  test.each([
    ["Office:", "office", true],
    ["  3. Office", "office", true],
    ["3 Office", "office", false],
    ["3) Office", "office", true],
    ["\u00a012 . Office", "office", true],
    ["OFF\u0130CE", "office", true], // "İ" lower-cases to "i" and a combining dot
    ["\u212aey", "key", true],
    ["• 06/30/2007 – New Contact", "office", false],
    ["Outreach Activity", "outreachactivity", true],
  ])("%j vs %j: %s", (text, label, equal) => {
    expect(labelEquals(text, label)).toBe(equal);
    expect(normalizeLabel(text) === label).toBe(equal);
  });
});
