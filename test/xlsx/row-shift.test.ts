/**
 * Inserting and deleting whole rows in an .xlsx, as Excel does: the reference arithmetic
 * (table-driven), and a workbook made by LibreOffice shifted, then read back by LibreOffice:
 * its formulas, comment, merge and names still point at the same cells.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8 } from "fflate";
import {
  shiftFormulaRows,
  shiftedRef,
  shiftedSqref,
  shiftWorksheetXml,
} from "../../src/workbook/xlsx/row-shift";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { makeOfficeWorkbook } from "../helpers/office-workbook";
import { readCsvSheetsWithLibreOffice } from "../helpers/libreoffice";
import { parts, sheetPart } from "../helpers/package-parts";

const INSERT = { at: 5, count: 3 };
const DELETE = { at: 5, count: -2 };

describe("references", () => {
  test.each([
    ["A4", INSERT, "A4"],
    ["A5", INSERT, "A8"],
    ["$B$10", INSERT, "$B$13"],
    ["A1:A4", INSERT, "A1:A4"],
    ["A3:C6", INSERT, "A3:C9"],
    ["A5:A6", INSERT, "A8:A9"],
    ["3:7", INSERT, "3:10"],
    ["A:C", INSERT, "A:C"],
    ["A4", DELETE, "A4"],
    ["A7", DELETE, "A5"],
    ["A3:A8", DELETE, "A3:A6"],
    ["A5:A9", DELETE, "A5:A7"],
    ["A2:A5", DELETE, "A2:A4"],
  ])("%s, shifted by %j, is %s", (ref, shift, expected) => {
    expect(shiftedRef(ref, shift)).toBe(expected);
  });

  test("a reference whose rows are all deleted is gone", () => {
    expect(shiftedRef("B5", DELETE)).toBeNull();
    expect(shiftedRef("B5:C6", DELETE)).toBeNull();
    expect(shiftedSqref("B5:C6 A1 D9", DELETE)).toBe("A1 D7");
  });

  const onReport = (q: string | undefined) => q === undefined || q === "Quarterly Report";
  test.each([
    ["=SUM(D9:D27)", "=SUM(D12:D30)"],
    ["=D4+D5*2", "=D4+D8*2"],
    ["='Quarterly Report'!B7+Notes!B7", "='Quarterly Report'!B10+Notes!B7"],
    ['=IF(A9="A9",LOG10(A9),0)', '=IF(A12="A9",LOG10(A12),0)'],
    ["=SUM(Table1[Amount])+A6", "=SUM(Table1[Amount])+A9"],
    ["=SUM(5:6)+1", "=SUM(8:9)+1"],
  ])("formula %s on the shifted sheet becomes %s", (formula, expected) => {
    expect(shiftFormulaRows(formula, INSERT, onReport)).toBe(expected);
  });

  test("a formula on another sheet follows only its references to the shifted sheet", () => {
    const onOther = (q: string | undefined) => q === "Quarterly Report";
    expect(shiftFormulaRows("A9+'Quarterly Report'!A9", INSERT, onOther)).toBe(
      "A9+'Quarterly Report'!A12"
    );
    expect(shiftFormulaRows("'Quarterly Report'!A5*2", DELETE, onOther)).toBe(
      "'Quarterly Report'!#REF!*2"
    );
  });
});

describe("a worksheet part", () => {
  const sheet = (inner: string, after = "") =>
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C9"/><sheetData>${inner}</sheetData>${after}</worksheet>`;

  test("rows, cells, formulas, merges and drop-downs move; deleted rows go", () => {
    const xml = sheet(
      '<row r="4"><c r="A4"><v>1</v></c></row><row r="5"><c r="A5"><v>2</v></c></row>' +
        '<row r="7"><c r="A7"><f>A4+A9</f><v>0</v></c></row><row r="9"><c r="A9"><v>3</v></c></row>',
      '<mergeCells count="2"><mergeCell ref="A5:C5"/><mergeCell ref="A9:C9"/></mergeCells>' +
        '<dataValidations count="1"><dataValidation sqref="B5:B9"><formula1>$A$9</formula1></dataValidation></dataValidations>'
    );
    const inserted = shiftWorksheetXml(xml, "s.xml", INSERT, "S", true);
    expect(inserted).toContain('<row r="8"><c r="A8"><v>2</v></c></row>');
    expect(inserted).toContain('<row r="10"><c r="A10"><f>A4+A12</f>');
    expect(inserted).toContain('<mergeCell ref="A8:C8"/><mergeCell ref="A12:C12"/>');
    expect(inserted).toContain('sqref="B8:B12"><formula1>$A$12</formula1>');
    const deleted = shiftWorksheetXml(xml, "s.xml", DELETE, "S", true);
    expect(deleted).not.toContain("<v>2</v>");
    expect(deleted).toContain('<row r="5"><c r="A5"><f>A4+A7</f>');
    expect(deleted).toContain('<mergeCells count="1"><mergeCell ref="A7:C7"/></mergeCells>');
  });
});

describe("an office's workbook made by LibreOffice", () => {
  let dir: string;
  let shifted: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tips-rowshift-"));
    const original = await makeOfficeWorkbook(dir);
    const book = XlsxWorkbook.open(readFileSync(original));
    book.shiftRows("Quarterly Report", 5, 3); // above the chart: everything below moves
    book.shiftRows("Quarterly Report", 5, -1); // and one of the new rows taken out again
    shifted = join(dir, "shifted.xlsx");
    writeFileSync(shifted, book.save());
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("LibreOffice reads the same figures, formulas and texts two rows lower", async () => {
    const sheets = await readCsvSheetsWithLibreOffice(shifted);
    const report = sheets["Quarterly Report"];
    // The chart's header row was row 8 (OFFICE_CHART.headerRow): now row 10.
    expect(report[9].slice(3, 5)).toEqual(["Quarter", "Cumulative"]);
    // "Doubled quarter", the office's formula per line: still twice the Quarter cell beside it.
    const lines = report.slice(10, 29).filter((r) => r[3] !== "");
    expect(lines.length).toBeGreaterThan(10);
    for (const r of lines) expect(Number(r[5])).toBe(2 * Number(r[3]));
    // The SUM in row 3 (above the insertion) now adds the moved cells.
    const sum = lines.reduce((n, r) => n + Number(r[3]), 0);
    expect(Number(report[2][3])).toBe(sum);
    expect(report[6][0]).toBe("Internal notes: do not delete this block");
  }, 120_000);

  test("the comment and the names moved with their cells", () => {
    const files = parts(shifted);
    const comments = Object.keys(files).find((n) => /comments\d*\.xml$/.test(n))!;
    // The comment was on C10 ("New Contact" under the NGO heading): now C12.
    expect(strFromU8(files[comments])).toMatch(/<comment ref="C12"/);
    expect(strFromU8(files[sheetPart(files, "Quarterly Report")])).toMatch(
      /<mergeCell ref="A1:D1"\/>/
    );
    expect(strFromU8(files["xl/workbook.xml"])).toMatch(/OfficeBudget/);
  });
});
