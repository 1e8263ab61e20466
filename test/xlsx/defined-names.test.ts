/**
 * Defined names set and deleted through XlsxWorkbook: scoped to the workbook or to one sheet,
 * replaced in place, written where the schema puts <definedNames>, and nothing else in
 * workbook.xml changes.
 */
import { openWorkbook } from "../../src/workbook/xlsx";
import { makeBook, partsOf } from "./build";

const book = (definedNames?: string) =>
  openWorkbook(
    makeBook({
      sheets: [{ name: "One" }, { name: "Two words" }],
      workbookPr: '<workbookPr date1904="false"/>',
      ...(definedNames ? { definedNames } : {}),
    })
  );

const reopened = (wb: ReturnType<typeof book>) => openWorkbook(wb.save());

describe("setDefinedName / deleteDefinedName", () => {
  test("a new name, workbook-scoped and sheet-local, survives a save; <definedNames> after <sheets>", () => {
    const wb = book();
    wb.setDefinedName("Budget", "One!$B$2");
    wb.setDefinedName("_xlnm.Print_Titles", "'Two words'!$1:$1", "Two words");
    const again = reopened(wb);
    expect(again.definedNames()).toEqual([
      { name: "Budget", ref: "One!$B$2", hidden: false },
      {
        name: "_xlnm.Print_Titles",
        ref: "'Two words'!$1:$1",
        localSheet: "Two words",
        hidden: false,
      },
    ]);
    const xml = partsOf(wb.save())["xl/workbook.xml"];
    expect(xml.indexOf("</sheets>")).toBeLessThan(xml.indexOf("<definedNames>"));
    expect(xml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">');
  });

  test("the same name in another scope is another name; setting it again replaces its formula only", () => {
    const wb = book('<definedName name="Note" hidden="1" comment="kept">One!$A$1</definedName>');
    wb.setDefinedName("Note", "'Two words'!$C$3", "Two words");
    wb.setDefinedName("NOTE", "One!$A$1:$A$9");
    expect(wb.definedNames()).toEqual([
      { name: "Note", ref: "One!$A$1:$A$9", hidden: true },
      { name: "Note", ref: "'Two words'!$C$3", localSheet: "Two words", hidden: false },
    ]);
    expect(partsOf(wb.save())["xl/workbook.xml"]).toContain('comment="kept"');
  });

  test("text in a formula is escaped; a calcPr stays after the names", () => {
    const wb = openWorkbook(makeBook({ sheets: [{ name: "A & B" }], workbookPr: "<workbookPr/>" }));
    wb.patchCells("A & B", [{ row: 1, col: 1, value: 1 }]); // adds <calcPr fullCalcOnLoad="1"/>
    wb.setDefinedName("Where", "'A & B'!$A$1");
    const xml = partsOf(wb.save())["xl/workbook.xml"];
    expect(xml).toContain("'A &amp; B'!$A$1");
    expect(xml.indexOf("</definedNames>")).toBeLessThan(xml.indexOf("<calcPr"));
    expect(reopened(wb).definedNames()[0].ref).toBe("'A & B'!$A$1");
  });

  test("delete removes only that scope's name; the last one takes <definedNames> with it", () => {
    const wb = book(
      '<definedName name="X">One!$A$1</definedName><definedName name="X" localSheetId="0">One!$B$1</definedName>'
    );
    expect(wb.deleteDefinedName("x", "One")).toBe(true);
    expect(wb.definedNames()).toEqual([{ name: "X", ref: "One!$A$1", hidden: false }]);
    expect(wb.deleteDefinedName("X", "One")).toBe(false);
    expect(wb.deleteDefinedName("X")).toBe(true);
    expect(wb.definedNames()).toEqual([]);
    expect(partsOf(wb.save())["xl/workbook.xml"]).not.toContain("definedNames");
  });

  test("mistakes are refused, naming the name or the sheet", () => {
    const wb = book();
    expect(() => wb.setDefinedName("A1", "One!$A$1")).toThrow(/"A1" cannot be a defined name/);
    expect(() => wb.setDefinedName("Ok", "One!$A$1", "Three")).toThrow(/no sheet named "Three"/);
    expect(() => wb.setDefinedName("Ok", " ")).toThrow(/needs a formula/);
  });
});
