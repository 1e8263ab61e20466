/**
 * The one marking rule both adapters follow (src/workbook/marking.ts), table by table: the
 * header/footer code language, then what a sheet's header and footer become.
 */
import {
  HeaderFooterSections,
  MAX_HEADER_FOOTER_LENGTH,
  combineVerdicts,
  composeSections,
  decideMarking,
  decideMarkingCodes,
  hasMarking,
  headerSections,
} from "../../src/workbook/marking";
import { LES_HEADER_FOOTER, LES_MARKING } from "../../src/workbook/sheet-spec";

const S = (left = "", center = "", right = ""): HeaderFooterSections => ({ left, center, right });
const MARK_HEADER = S("", `&"-,Bold"${LES_MARKING}`);
const MARK_FOOTER = S(LES_MARKING, "", "Page &P of &N");

describe("the header/footer code language", () => {
  test.each([
    ["", S()],
    [`&C&"-,Bold"X`, S("", `&"-,Bold"X`)],
    ["&LA&RPage &P of &N", S("A", "", "Page &P of &N")],
    ["A && B", S("", "A && B")],
    ["no section code: centred", S("", "no section code: centred")],
    ['&L&"Arial,Bold"&12Left&C&A&R&D &T', S('&"Arial,Bold"&12Left', "&A", "&D &T")],
    ["&RRight first&LLeft after", S("Left after", "", "Right first")],
    ["&LR&&D&CCentre", S("R&&D", "Centre")],
    ["trailing &", S("", "trailing &")],
  ])("%j", (code, sections) => {
    expect(headerSections(code)).toEqual(sections);
    // Composed again, it reads back the same (the code may be written in another order).
    expect(headerSections(composeSections(sections))).toEqual(sections);
  });

  test("composeSections writes only the sections that hold something, left to right", () => {
    expect(composeSections(S())).toBe("");
    expect(composeSections(S("a", "", "c"))).toBe("&La&Rc");
    expect(composeSections(headerSections(LES_HEADER_FOOTER.oddHeader))).toBe(
      LES_HEADER_FOOTER.oddHeader
    );
    expect(composeSections(headerSections(LES_HEADER_FOOTER.oddFooter))).toBe(
      LES_HEADER_FOOTER.oddFooter
    );
  });

  test("hasMarking: the words, whatever the case and spacing", () => {
    expect(hasMarking(LES_HEADER_FOOTER.oddHeader)).toBe(true);
    expect(hasMarking("&Claw enforcement  sensitive")).toBe(true);
    expect(hasMarking("&CLAW ENFORCEMENT")).toBe(false);
  });
});

describe("decideMarking", () => {
  test.each([
    {
      what: "empty header and footer: the whole marking",
      header: S(),
      footer: S(),
      verdict: "marked",
      next: { header: MARK_HEADER, footer: MARK_FOOTER },
    },
    {
      what: "already marked (as the add-in's own sheets are)",
      header: MARK_HEADER,
      footer: MARK_FOOTER,
      verdict: "already",
    },
    {
      what: "marked in other sections, by hand: left as it is",
      header: S(LES_MARKING),
      footer: S("", "Law Enforcement Sensitive"),
      verdict: "already",
    },
    {
      what: "user text in the centre header: occupied, the free footer is marked",
      header: S("", "Draft"),
      footer: S(),
      verdict: "occupied",
      next: { header: S("", "Draft"), footer: MARK_FOOTER },
    },
    {
      what: "user text in the left header: the marking goes in the centre beside it",
      header: S("Houston"),
      footer: S(),
      verdict: "marked",
      next: { header: S("Houston", MARK_HEADER.center), footer: MARK_FOOTER },
    },
    {
      what: "a page number of the user's in the centre footer: no second one",
      header: S(),
      footer: S("", "Page &P"),
      verdict: "marked",
      next: { header: MARK_HEADER, footer: S(LES_MARKING, "Page &P") },
    },
    {
      what: "user text in the right footer: the marking goes left of it",
      header: S(),
      footer: S("", "", "&D"),
      verdict: "marked",
      next: { header: MARK_HEADER, footer: S(LES_MARKING, "", "&D") },
    },
    {
      what: "user text in the left footer: occupied, the free header is marked",
      header: S(),
      footer: S("Prepared by J. Smith"),
      verdict: "occupied",
      next: { header: MARK_HEADER, footer: S("Prepared by J. Smith") },
    },
    {
      what: "header marked, footer free: only the footer",
      header: MARK_HEADER,
      footer: S(),
      verdict: "marked",
      next: { header: MARK_HEADER, footer: MARK_FOOTER },
    },
    {
      what: "both taken: nothing changes",
      header: S("", "&A"),
      footer: S("&F"),
      verdict: "occupied",
    },
    {
      what: "a header too long for Excel with the marking added: left alone",
      header: S("x".repeat(MAX_HEADER_FOOTER_LENGTH - 10)),
      footer: MARK_FOOTER,
      verdict: "occupied",
    },
  ])("$what", ({ header, footer, verdict, next }) => {
    const d = decideMarking({ header, footer });
    expect(d.verdict).toBe(verdict);
    expect({ header: d.header, footer: d.footer }).toEqual(next ?? { header, footer });
    expect(d.changed).toBe(next !== undefined);
  });

  test("the file format's strings: an unchanged part is the very string given", () => {
    const own = '&L&"Times New Roman,Regular"&12&A';
    expect(decideMarkingCodes({ header: own, footer: "" })).toEqual({
      verdict: "marked",
      header: `${own}&C&"-,Bold"${LES_MARKING}`,
      footer: LES_HEADER_FOOTER.oddFooter,
    });
    const centred = '&"Times New Roman,Regular"&12&A'; // no code: the centre section
    expect(decideMarkingCodes({ header: centred, footer: "&CPage &P" })).toEqual({
      verdict: "occupied",
      header: centred,
      footer: `&L${LES_MARKING}&CPage &P`,
    });
    expect(decideMarkingCodes({ header: LES_HEADER_FOOTER.oddHeader, footer: "" })).toEqual({
      verdict: "marked",
      header: LES_HEADER_FOOTER.oddHeader,
      footer: LES_HEADER_FOOTER.oddFooter,
    });
  });

  test("combineVerdicts: a sheet is as marked as its least marked page", () => {
    expect(combineVerdicts(["already", "already"])).toBe("already");
    expect(combineVerdicts(["already", "marked"])).toBe("marked");
    expect(combineVerdicts(["marked", "occupied", "already"])).toBe("occupied");
  });
});
