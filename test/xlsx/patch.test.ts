/**
 * patchCells: only the patched cells change, new rows and cells land in order, styles stay unless
 * given, formulas go (and a shared formula's group keeps working), text is never a formula, and
 * the workbook is told to recalculate. LibreOffice checks the result where a program's reading
 * matters.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WorkbookFileError, openWorkbook } from "../../src/workbook/xlsx";
import { hasLibreOffice, readCsvSheetsWithLibreOffice } from "../helpers/libreoffice";
import { REL, SML, bookParts, partsOf, rawPartsOf, worksheet, zipParts } from "./build";
import { NEEDS_LIBREOFFICE, testRequiring } from "../helpers/requires";

const STYLES =
  `<styleSheet xmlns="${SML}"><fonts count="1"><font/></fonts><fills count="2"><fill/><fill/></fills>` +
  '<borders count="1"><border/></borders><cellXfs count="6"><xf/><xf/><xf/><xf/><xf/><xf/></cellXfs></styleSheet>';

function book(
  rows: string,
  opts: { before?: string; after?: string; extra?: Record<string, string> } = {}
) {
  const parts = bookParts({
    sheets: [{ name: "S", xml: worksheet(rows, opts.before, opts.after) }],
    extra: { "xl/styles.xml": STYLES, ...opts.extra },
  });
  parts["xl/_rels/workbook.xml.rels"] = (parts["xl/_rels/workbook.xml.rels"] as string).replace(
    "</Relationships>",
    `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/></Relationships>`
  );
  return zipParts(parts);
}

const sheetXml = (bytes: Uint8Array): string => partsOf(bytes)["xl/worksheets/sheet1.xml"];
/** The cells' addresses in document order. */
const order = (xml: string): string[] =>
  [...xml.matchAll(/<(?:x:)?c r="([A-Z]+\d+)"/g)].map((m) => m[1]);
const cellXml = (xml: string, ref: string): string | undefined =>
  new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`).exec(xml)?.[0];

describe("placement", () => {
  const original = book(
    '<row r="2" spans="2:4"><c r="B2"><v>1</v></c><c r="D2" s="4"><v>2</v></c></row>' +
      '<row r="5"><c r="A5"><v>3</v></c></row>',
    { before: '<dimension ref="B2:D5"/>' }
  );
  const wb = openWorkbook(original);
  wb.patchCells("S", [
    { row: 2, col: 5, value: "E2" },
    { row: 2, col: 1, value: "A2" },
    { row: 2, col: 3, value: "C2" },
    { row: 1, col: 1, value: "A1" },
    { row: 3, col: 2, value: "B3" },
    { row: 9, col: 7, value: "G9" },
    { row: 5, col: 1, value: "first" },
    { row: 5, col: 1, value: "A5 (the later update wins)" },
  ]);
  const saved = wb.save();
  const xml = sheetXml(saved);

  test("new rows and cells are inserted in worksheet order", () => {
    expect(order(xml)).toEqual(["A1", "A2", "B2", "C2", "D2", "E2", "B3", "A5", "G9"]);
    expect([...xml.matchAll(/<row r="(\d+)"/g)].map((m) => +m[1])).toEqual([1, 2, 3, 5, 9]);
  });

  test("values read back, untouched cells unchanged", () => {
    const g = openWorkbook(saved).readSheet("S");
    expect(g.cell(2, 1)).toBe("A2");
    expect(g.cell(2, 2)).toBe(1);
    expect(g.cell(2, 4)).toBe(2);
    expect(g.cell(5, 1)).toBe("A5 (the later update wins)");
    expect(g.cell(9, 7)).toBe("G9");
    expect(cellXml(xml, "B2")).toBe('<c r="B2"><v>1</v></c>');
    expect(cellXml(xml, "D2")).toBe('<c r="D2" s="4"><v>2</v></c>');
  });

  test("the touched row's spans and the sheet's dimension grow to take the new cells", () => {
    expect(xml).toMatch(/<row r="2" spans="1:5">/);
    expect(xml).toMatch(/<dimension ref="A1:G9"\/>/);
  });
});

describe("a patched cell", () => {
  const original = book(
    '<row r="1"><c r="A1" s="3"><v>1</v></c><c r="B1" s="2"><f>A1*2</f><v>2</v></c>' +
      '<c r="C1" s="5" t="s" cm="1"><v>0</v></c><c r="D1"><f>A1+1</f><v>2</v></c></row>',
    { extra: { "xl/sharedStrings.xml": `<sst xmlns="${SML}"><si><t>old</t></si></sst>` } }
  );

  test("keeps its style unless given one; loses its formula; null clears the value only", () => {
    const wb = openWorkbook(original);
    wb.patchCells("S", [
      { row: 1, col: 1, value: 10 },
      { row: 1, col: 2, value: 5, style: 1 },
      { row: 1, col: 3, value: null },
    ]);
    const xml = sheetXml(wb.save());
    expect(cellXml(xml, "A1")).toBe('<c r="A1" s="3"><v>10</v></c>');
    expect(cellXml(xml, "B1")).toBe('<c r="B1" s="1"><v>5</v></c>');
    expect(cellXml(xml, "C1")).toBe('<c r="C1" s="5"/>');
    expect(cellXml(xml, "D1")).toBe('<c r="D1"><f>A1+1</f><v>2</v></c>');
  });

  test("a style index the workbook does not have is refused", () => {
    const wb = openWorkbook(original);
    expect(() => wb.patchCells("S", [{ row: 1, col: 1, value: 1, style: 6 }])).toThrow(
      /Style 6 does not exist/
    );
    expect(() => wb.patchCells("S", [{ row: 0, col: 1, value: 1 }])).toThrow(RangeError);
    expect(() => wb.patchCells("S", [{ row: 1, col: 16385, value: 1 }])).toThrow(RangeError);
    expect(() => wb.patchCells("S", [{ row: 1, col: 1, value: NaN }])).toThrow(RangeError);
    expect(() => wb.patchCells("S", [{ row: 1, col: 1, value: "x".repeat(32768) }])).toThrow(
      /at most 32767 characters/
    );
    expect(() =>
      wb.addSheet({ name: "T", cells: [{ row: 1, col: 1, value: 1, style: 9 }] })
    ).toThrow(/Style 9 does not exist/);
    expect(() => wb.patchCells("Nope", [])).toThrow(WorkbookFileError);
    // nothing was changed by the refused calls
    expect(partsOf(wb.save())["xl/worksheets/sheet1.xml"]).toBe(
      partsOf(original)["xl/worksheets/sheet1.xml"]
    );
  });
});

test("text is stored as text, whatever it starts with", () => {
  const texts = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=2",
    "\r=3",
    "=cmd|' /C calc'!A0",
    "",
    " padded ",
  ];
  const wb = openWorkbook(book(""));
  wb.patchCells(
    "S",
    texts.map((value, i) => ({ row: i + 1, col: 1, value }))
  );
  const saved = wb.save();
  const xml = sheetXml(saved);
  expect(xml).not.toMatch(/<f>/);
  expect(xml.match(/t="inlineStr"/g)).toHaveLength(texts.length);
  const g = openWorkbook(saved).readSheet("S");
  expect(texts.map((_, i) => g.cell(i + 1, 1))).toEqual(texts);
});

test("cells and rows placed implicitly get their address when a neighbour is inserted", () => {
  const wb = openWorkbook(
    book(
      '<row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>'
    )
  );
  wb.patchCells("S", [
    { row: 1, col: 2, value: 2 },
    { row: 2, col: 3, value: 7 },
  ]);
  const saved = wb.save();
  expect(openWorkbook(saved).readSheet("S").values()).toEqual([
    [1, 2, 3, 4],
    [5, null, 7, null],
  ]);
  expect(order(sheetXml(saved))).toEqual(["A1", "B1", "C1", "D1", "A2", "C2"]);
});

test("prefixed SpreadsheetML gets prefixed cells; an empty self-closing sheetData is filled", () => {
  const xml = `<x:worksheet xmlns:x="${SML}"><x:sheetData /></x:worksheet>`;
  const parts = bookParts({ sheets: [{ name: "P", xml }] });
  const wb = openWorkbook(zipParts(parts));
  wb.patchCells("P", [
    { row: 2, col: 2, value: "hi" },
    { row: 2, col: 1, value: 1 },
  ]);
  const saved = wb.save();
  expect(sheetXml(saved)).toBe(
    `<x:worksheet xmlns:x="${SML}"><x:sheetData><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c>` +
      '<x:c r="B2" t="inlineStr"><x:is><x:t xml:space="preserve">hi</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>'
  );
  expect(openWorkbook(saved).readSheet("P").rowValues(2)).toEqual([1, "hi"]);
});

describe("formulas and recalculation", () => {
  const calcChain = `<calcChain xmlns="${SML}"><c r="B1" i="1"/><c r="B2"/><c r="B3"/></calcChain>`;
  const rows =
    '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>' +
    '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>' +
    '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row>';
  const withChain = (workbookTail = "") => {
    const parts = bookParts({ sheets: [{ name: "S", xml: worksheet(rows) }] });
    parts["xl/calcChain.xml"] = calcChain;
    parts["xl/_rels/workbook.xml.rels"] = (parts["xl/_rels/workbook.xml.rels"] as string).replace(
      "</Relationships>",
      `<Relationship Id="rIdC" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`
    );
    parts["[Content_Types].xml"] = (parts["[Content_Types].xml"] as string).replace(
      "</Types>",
      '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'
    );
    parts["xl/workbook.xml"] = (parts["xl/workbook.xml"] as string).replace(
      "</workbook>",
      `${workbookTail}</workbook>`
    );
    return zipParts(parts);
  };

  test("patching values only keeps the calculation chain; the workbook recalculates on open", () => {
    const original = withChain('<calcPr calcId="191029" iterate="1"/><extLst/>');
    const wb = openWorkbook(original);
    wb.patchCells("S", [{ row: 2, col: 1, value: 20 }]);
    const saved = wb.save();
    const parts = partsOf(saved);
    expect(Buffer.from(rawPartsOf(saved)["xl/calcChain.xml"])).toEqual(
      Buffer.from(rawPartsOf(original)["xl/calcChain.xml"])
    );
    expect(parts["xl/workbook.xml"]).toMatch(
      /<calcPr calcId="191029" iterate="1" fullCalcOnLoad="1"\/><extLst\/><\/workbook>/
    );
    // patching again does not add the attribute twice
    const again = openWorkbook(saved);
    again.patchCells("S", [{ row: 3, col: 1, value: 30 }]);
    expect(partsOf(again.save())["xl/workbook.xml"].match(/fullCalcOnLoad/g)).toHaveLength(1);
  });

  test("calcPr is added before extLst when the workbook has none", () => {
    const wb = openWorkbook(withChain("<extLst/>"));
    wb.patchCells("S", [{ row: 2, col: 1, value: 20 }]);
    expect(partsOf(wb.save())["xl/workbook.xml"]).toMatch(
      /<\/sheets><calcPr fullCalcOnLoad="1"\/><extLst\/>/
    );
  });

  test("overwriting a formula drops calcChain.xml with its relationship and content type", () => {
    const wb = openWorkbook(withChain());
    wb.patchCells("S", [{ row: 3, col: 2, value: 0 }]);
    const parts = partsOf(wb.save());
    expect(parts["xl/calcChain.xml"]).toBeUndefined();
    expect(parts["xl/_rels/workbook.xml.rels"]).not.toMatch(/calcChain/);
    expect(parts["[Content_Types].xml"]).not.toMatch(/calcChain/);
    expect(parts["xl/_rels/workbook.xml.rels"]).toMatch(/worksheet/);
  });

  test("overwriting a shared formula's first cell hands the formula on to the next cell of the group", () => {
    const wb = openWorkbook(withChain());
    wb.patchCells("S", [{ row: 1, col: 2, value: "gone" }]);
    const xml = sheetXml(wb.save());
    expect(cellXml(xml, "B1")).toBe(
      '<c r="B1" t="inlineStr"><is><t xml:space="preserve">gone</t></is></c>'
    );
    expect(cellXml(xml, "B2")).toBe(
      '<c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>4</v></c>'
    );
    expect(cellXml(xml, "B3")).toBe('<c r="B3"><f t="shared" si="0"/><v>6</v></c>');
  });

  testRequiring(hasLibreOffice(), NEEDS_LIBREOFFICE)(
    "LibreOffice recalculates the group from its new first cell, and reads text as text",
    async () => {
      const wb = openWorkbook(withChain());
      wb.patchCells("S", [
        { row: 1, col: 2, value: "gone" },
        { row: 3, col: 1, value: 100 },
        { row: 1, col: 3, value: "=1+1" },
        { row: 2, col: 3, value: "+1" },
        { row: 3, col: 3, value: "-1" },
        { row: 4, col: 3, value: "@SUM(A1:A3)" },
        { row: 4, col: 1, value: true },
      ]);
      const dir = mkdtempSync(join(tmpdir(), "xlsx-patch-"));
      try {
        const file = join(dir, "patched.xlsx");
        writeFileSync(file, wb.save());
        const sheets = await readCsvSheetsWithLibreOffice(file);
        expect(sheets.S).toEqual([
          ["1", "gone", "=1+1"],
          ["2", "4", "+1"],
          ["100", "200", "-1"],
          ["TRUE", "", "@SUM(A1:A3)"],
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000
  );
});

test("thousands of cells patch in linear time", () => {
  const rows = Array.from(
    { length: 10_000 },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`
  ).join("");
  const original = book(rows);
  const time = (n: number): number => {
    let best = Infinity;
    for (let k = 0; k < 2; k++) {
      const wb = openWorkbook(original);
      const updates = Array.from({ length: n }, (_, i) => ({
        row: 1 + ((i * 7919) % 10_000),
        col: 2 + (i % 5),
        value: i,
      }));
      const t = performance.now();
      wb.patchCells("S", updates);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  time(500); // warm up
  const small = time(1_000);
  const large = time(10_000);
  // 10x the updates: linear work grows by less than 10x (the pass over the sheet is shared);
  // quadratic work would grow by 100x.
  expect(large / small).toBeLessThan(12);
  const wb = openWorkbook(original);
  wb.patchCells(
    "S",
    Array.from({ length: 10_000 }, (_, i) => ({ row: i + 1, col: 2, value: -i }))
  );
  const g = openWorkbook(wb.save()).readSheet("S");
  expect(g.cell(2_345, 1)).toBe(2_344);
  expect(g.cell(2_345, 2)).toBe(-2_344);
});
