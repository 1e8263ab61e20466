/**
 * The words rule and its shortcut: normalizesWithin may rule a text out before it is normalised
 * (a header search asks it of every cell of a sheet's first rows), so it must never rule out a
 * text whose normal form is short enough, whatever the text holds.
 */
import fc from "fast-check";
import { normalizeWord, normalizesWithin } from "../../src/core/words";
import { LOG_HEADER_WORDS } from "../../src/core/vocabulary";

// Characters whose lower case is, or holds, ASCII letters: the cases a count of ASCII could miss.
const TRICKY = ["\u0130", "\u212a", "\u00df", "\ufb00", "\uff21", "\u0131", "\u{1d400}", "é"];

describe("normalizesWithin", () => {
  it("never rules out a text that normalises to at most max characters", () => {
    const unit = fc.oneof(
      fc.constantFrom(...TRICKY, " ", "-", ".", "/", "\t"),
      fc.string({ unit: "grapheme-ascii", maxLength: 1 }),
      fc.string({ unit: "binary", maxLength: 1 })
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.nat(30), (parts, max) => {
        const text = parts.join("");
        const fits = normalizeWord(text).length <= max;
        if (fits) expect(normalizesWithin(text, max)).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });

  it("rules out long free text early, and keeps the U+0130 and Kelvin-sign spellings", () => {
    expect(normalizesWithin("Discussed Continued Presence with the task force.", 20)).toBe(false);
    expect(normalizeWord("\u0130D")).toBe("id");
    expect(normalizesWithin("\u0130D", 2)).toBe(true);
    expect(normalizeWord("\u212ait")).toBe("kit");
    expect(normalizesWithin("\u212ait", 3)).toBe(true);
  });
});

describe("a header cell is found whatever surrounds its words", () => {
  it.each([
    ["Date", "date"],
    ["  D a t e   ", "date"],
    [`Presentations${"!".repeat(60)}`, "presentations"],
    [`${" ".repeat(80)}POC-Title`, "pocTitle"],
  ])("%j names %s", (text, key) => {
    expect(LOG_HEADER_WORDS.keyOf(text)).toBe(key);
  });

  it("a long text names no column", () => {
    expect(LOG_HEADER_WORDS.keyOf("Date of the visit to the shelter, with the case agent")).toBe(
      undefined
    );
  });
});
