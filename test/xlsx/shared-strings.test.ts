/**
 * The text of a sheet made by addSheet is stored as shared strings: a `t="s"` cell holds the index
 * of an item of xl/sharedStrings.xml, and an item is only ever text (there is no formula in it),
 * so text that looks like a formula stays text, as with inline strings. New items are appended:
 * the existing items keep their index, so the existing sheets are untouched. patchCells keeps
 * writing inline strings and leaves the table alone. LibreOffice gives the second opinion.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WorksheetCell, createWorkbook, openWorkbook } from "../../src/workbook/xlsx";
import { hasLibreOffice, readCsvSheetsWithLibreOffice } from "../helpers/libreoffice";
import { NEEDS_LIBREOFFICE, testRequiring } from "../helpers/requires";
import { REL, SML, bookParts, partsOf, zipParts } from "./build";

const TEXTS = [
  "=1+1",
  '=HYPERLINK("http://example.invalid/x","click me")',
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1,2)",
  "Catholic Charities & Co <Houston>",
  " padded ",
  "   ",
  "_x0041_ stays as written",
  "東京 😀",
  "NGO",
  "NGO", // again: one item, two cells
];

/** The items of a shared string table, as written. */
const items = (sst: string): string[] =>
  [...sst.matchAll(/<(?:x:)?si>([\s\S]*?)<\/(?:x:)?si>/g)].map((m) => m[1]);

describe("a new workbook", () => {
  const wb = createWorkbook();
  wb.addSheet({
    name: "Log",
    cells: TEXTS.map((value, i) => ({ row: i + 1, col: 1, value })),
  });
  const saved = wb.save();
  const parts = partsOf(saved);
  const sheet = parts["xl/worksheets/sheet1.xml"];

  test("its text cells are shared strings, with no formula anywhere", () => {
    for (const part of Object.values(parts)) expect(part).not.toMatch(/<(?:x:)?f[ >]/);
    expect(sheet).not.toMatch(/inlineStr|t="str"/);
    expect(sheet.match(/ t="s"><v>\d+<\/v><\/c>/g)).toHaveLength(TEXTS.length);
    const sst = parts["xl/sharedStrings.xml"];
    expect(sst).toMatch(
      new RegExp(`^<\\?xml[^>]*\\?>\\n<sst xmlns="${SML}" count="12" uniqueCount="11">`)
    );
    expect(items(sst)).toHaveLength(11);
    expect(items(sst)[6]).toBe('<t xml:space="preserve"> padded </t>');
    expect(items(sst)[8]).toBe("<t>_x005F_x0041_ stays as written</t>");
    // The two "NGO" cells share an item.
    expect(sheet).toContain('<c r="A11" t="s"><v>10</v></c><');
    expect(sheet).toContain('<c r="A12" t="s"><v>10</v></c><');
  });

  test("the table is a part of the package: relationship and content type", () => {
    expect(parts["xl/_rels/workbook.xml.rels"]).toMatch(
      new RegExp(
        `<Relationship Id="rId\\d+" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
      )
    );
    expect(parts["[Content_Types].xml"]).toContain(
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    );
  });

  test("every text reads back as written, before and after saving", () => {
    expect(
      wb
        .readSheet("Log")
        .values()
        .map((r) => r[0])
    ).toEqual(TEXTS);
    expect(
      openWorkbook(saved)
        .readSheet("Log")
        .values()
        .map((r) => r[0])
    ).toEqual(TEXTS);
  });

  test("saving twice gives the same bytes; a sheet without text makes no table", () => {
    expect(Buffer.from(wb.save()).equals(Buffer.from(saved))).toBe(true);
    const plain = createWorkbook();
    plain.addSheet({ name: "N", cells: [{ row: 1, col: 1, value: 1 }] });
    expect(Object.keys(partsOf(plain.save()))).not.toContain("xl/sharedStrings.xml");
  });

  testRequiring(hasLibreOffice(), NEEDS_LIBREOFFICE)(
    "LibreOffice reads every text as the text it is",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "xlsx-sst-"));
      try {
        const file = join(dir, "shared.xlsx");
        writeFileSync(file, saved);
        const sheets = await readCsvSheetsWithLibreOffice(file);
        expect(sheets.Log.map((r) => r[0])).toEqual(TEXTS);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000
  );
});

describe("a workbook that has a shared string table", () => {
  const existing = (sst: string): Uint8Array =>
    zipParts(
      bookParts({
        sheets: [
          {
            name: "Old",
            rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
          },
        ],
        sharedStrings: "",
        extra: { "xl/sharedStrings.xml": sst },
      })
    );
  const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const SST =
    `${DECL}<sst xmlns="${SML}" count="2" uniqueCount="2">` +
    "<si><t>Alpha</t></si><si><r><rPr><b/></rPr><t>Bold</t></r></si></sst>";

  test("the new sheet's text is appended: old items, old indexes and the old sheet stay", () => {
    const original = existing(SST);
    const wb = openWorkbook(original);
    wb.addSheet({
      name: "New",
      cells: [
        { row: 1, col: 1, value: "Bold" }, // the same text as a formatted item: a new, plain item
        { row: 1, col: 2, value: "Alpha" },
        { row: 2, col: 1, value: "Beta" },
        { row: 2, col: 2, value: "Beta" },
      ],
    });
    const saved = wb.save();
    const before = partsOf(original);
    const after = partsOf(saved);
    expect(after["xl/worksheets/sheet1.xml"]).toBe(before["xl/worksheets/sheet1.xml"]);
    expect(after["xl/sharedStrings.xml"]).toBe(
      `${DECL}<sst xmlns="${SML}" count="6" uniqueCount="5">` +
        "<si><t>Alpha</t></si><si><r><rPr><b/></rPr><t>Bold</t></r></si>" +
        "<si><t>Bold</t></si><si><t>Alpha</t></si><si><t>Beta</t></si></sst>"
    );
    expect(after["xl/worksheets/sheet2.xml"]).toContain(
      '<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" t="s"><v>3</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>4</v></c></row>'
    );
    // One relationship and one content type for the table, as before.
    expect(after["xl/_rels/workbook.xml.rels"].match(/sharedStrings"/g)).toHaveLength(1);
    expect(after["[Content_Types].xml"].match(/sharedStrings\.xml"/g)).toHaveLength(1);
    const back = openWorkbook(saved);
    expect(back.readSheet("Old").values()).toEqual([["Alpha", "Bold"]]);
    expect(back.readSheet("New").values()).toEqual([
      ["Bold", "Alpha"],
      ["Beta", "Beta"],
    ]);
  });

  test("prefixed, self-closing, without counts: items take the prefix, counts are not invented", () => {
    const wb = openWorkbook(existing(`${DECL}<x:sst xmlns:x="${SML}"/>`));
    wb.addSheet({ name: "New", cells: [{ row: 1, col: 1, value: "Gamma" }] });
    expect(partsOf(wb.save())["xl/sharedStrings.xml"]).toBe(
      `${DECL}<x:sst xmlns:x="${SML}" uniqueCount="1"><x:si><x:t>Gamma</x:t></x:si></x:sst>`
    );
    expect(openWorkbook(wb.save()).readSheet("New").cell(1, 1)).toBe("Gamma");
  });

  test("patchCells writes inline strings and leaves the table as it was", () => {
    const original = existing(SST);
    const wb = openWorkbook(original);
    wb.addSheet({ name: "New", cells: [{ row: 1, col: 1, value: "Beta" }] });
    const added = partsOf(wb.save());
    wb.patchCells("Old", [{ row: 2, col: 1, value: "=2+2" }]);
    wb.patchCells("New", [{ row: 1, col: 2, value: "Delta" }]);
    const patched = partsOf(wb.save());
    expect(patched["xl/sharedStrings.xml"]).toBe(added["xl/sharedStrings.xml"]);
    expect(patched["xl/worksheets/sheet1.xml"]).toContain(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">=2+2</t></is></c>'
    );
    expect(patched["xl/worksheets/sheet2.xml"]).toContain(
      '<c r="A1" t="s"><v>2</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">Delta</t></is></c>'
    );
  });
});

test("cells in any order, an address given twice: the same sheet as in row order, the later wins", () => {
  const inOrder: WorksheetCell[] = [
    { row: 1, col: 1, value: "a" },
    { row: 1, col: 3, value: 3, style: { bold: true } },
    { row: 2, col: 2, value: true },
    { row: 4, col: 1, value: null, style: { italic: true } },
    { row: 4, col: 2, value: "later" },
  ];
  const shuffled: WorksheetCell[] = [
    { row: 4, col: 2, value: "earlier" },
    inOrder[3],
    inOrder[2],
    { row: 1, col: 1, value: 99 },
    inOrder[1],
    inOrder[0],
    inOrder[4],
    { row: 7, col: 7, value: "gone" },
    { row: 7, col: 7, value: null },
  ];
  const partsFrom = (cells: WorksheetCell[]): Record<string, string> => {
    const wb = createWorkbook();
    // The styles first, in one order, so that both workbooks number them alike.
    wb.styleId({ bold: true });
    wb.styleId({ italic: true });
    wb.addSheet({ name: "S", cells });
    return partsOf(wb.save());
  };
  const a = partsFrom(inOrder);
  const b = partsFrom(shuffled);
  expect(a["xl/worksheets/sheet1.xml"]).toContain(
    '<dimension ref="A1:C4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>3</v></c></row>' +
      '<row r="2"><c r="B2" t="b"><v>1</v></c></row>' +
      '<row r="4"><c r="A4" s="2"/><c r="B4" t="s"><v>1</v></c></row></sheetData>'
  );
  // Replaced cells never reach the shared string table.
  expect(b["xl/worksheets/sheet1.xml"]).toBe(a["xl/worksheets/sheet1.xml"]);
  expect(b["xl/sharedStrings.xml"]).toBe(a["xl/sharedStrings.xml"]);
  expect(items(a["xl/sharedStrings.xml"])).toEqual(["<t>a</t>", "<t>later</t>"]);
});
