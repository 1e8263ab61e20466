/**
 * Reading: every cell type, shared strings with runs and escapes, producers' variants (cells and
 * rows without r, x: prefixes, absolute or relative part paths, BOM, CDATA), workbook-level
 * facts (1904 dates, defined names, tables), and the grid's accessors.
 */
import { openWorkbook } from "../../src/workbook/xlsx";
import { SML, REL, bookParts, makeBook, worksheet, zipParts } from "./build";

describe("cell values", () => {
  const book = openWorkbook(
    makeBook({
      sharedStrings:
        "<si><t>plain</t></si>" +
        '<si><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> and plain</t></r></si>' +
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
        "<si><t>A &amp; B &lt;c&gt; &quot;d&quot; &#233;&#x263A;</t></si>" +
        "<si><t>line_x000D_break _x005F_x0041_ tab_x0009_</t></si>" +
        "<si><t>two\r\nlines</t></si>",
      sheets: [
        {
          name: "Cells",
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
            '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
            '<row r="2"><c r="A2"><v>42</v></c><c r="B2" t="n"><v>-1.5E-3</v></c><c r="C2"><v>0.1</v></c>' +
            '<c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#N/A</v></c></row>' +
            '<row r="3"><c r="A3" t="str"><f>UPPER("x")</f><v>X</v></c><c r="B3"><f>1+1</f><v>2</v></c>' +
            '<c r="C3"><f>NOW()</f></c><c r="D3" t="d"><v>2007-04-15T00:00:00</v></c>' +
            '<c r="E3" t="d"><v>2007-04-15</v></c><c r="F3" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>' +
            '<row r="4"><c r="A4" s="3"/><c r="B4"><v></v></c><c r="C4" t="inlineStr"><is><t>=SUM(A1)</t></is></c>' +
            '<c r="D4"><v>123456789012345678</v></c><c r="E4" t="str"><v>a_x0001_b</v></c></row>',
        },
      ],
    })
  );
  const g = book.readSheet("Cells");

  test("shared strings: runs concatenated, phonetic runs left out, entities and _xHHHH_ decoded", () => {
    expect(g.rowValues(1)).toEqual([
      "plain",
      "bold and plain",
      "東京",
      'A & B <c> "d" é☺',
      "line\rbreak _x0041_ tab\t",
      "two\nlines",
    ]);
  });

  test("numbers, booleans and errors", () => {
    expect(g.rowValues(2)).toEqual([42, -0.0015, 0.1, true, false, "#N/A"]);
    // More digits than a double holds: read as JavaScript reads the same text.
    expect(g.cell(4, 4)).toBe(Number("123456789012345678"));
  });

  test("formulas give their cached value; a formula never calculated is empty", () => {
    expect(g.cell(3, 1)).toBe("X");
    expect(g.cell(3, 2)).toBe(2);
    expect(g.cell(3, 3)).toBeNull();
  });

  test('t="d" cells are Dates (UTC); inline strings read like shared ones; text that looks like a formula is text', () => {
    expect(g.cell(3, 4)).toEqual(new Date(Date.UTC(2007, 3, 15)));
    expect(g.cell(3, 5)).toEqual(new Date(Date.UTC(2007, 3, 15)));
    expect(g.cell(3, 6)).toBe("inline");
    expect(g.cell(4, 3)).toBe("=SUM(A1)");
    expect(g.cell(4, 5)).toBe("a\u0001b");
  });

  test("a styled empty cell and an empty <v> are empty", () => {
    expect(g.cell(4, 1)).toBeNull();
    expect(g.cell(4, 2)).toBeNull();
  });

  test("grid accessors", () => {
    expect([g.rows, g.cols]).toEqual([4, 6]);
    expect(g.cell(99, 1)).toBeNull();
    expect(g.cell(1, 99)).toBeNull();
    expect(g.cell(0, 1)).toBeNull();
    expect(g.values()).toHaveLength(4);
    expect(g.values()[1]).toEqual(g.rowValues(2));
    const seen: string[] = [];
    g.forEachCell((r, c, v) => seen.push(`${r},${c}=${String(v)}`));
    expect(seen[0]).toBe("1,1=plain");
    expect(seen).toHaveLength(g.cellCount);
  });
});

describe("what other producers write", () => {
  test("cells and rows without r follow the previous one", () => {
    const g = openWorkbook(
      makeBook({
        sheets: [
          {
            name: "S",
            rows:
              '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>' +
              '<row><c><v>7</v></c></row><row r="5"><c><v>9</v></c></row><row><c r="B6"><v>10</v></c></row>',
          },
        ],
      })
    ).readSheet("S");
    expect(g.values()).toEqual([
      [1, 2, null, null, 5, 6],
      [7, null, null, null, null, null],
      [null, null, null, null, null, null],
      [null, null, null, null, null, null],
      [9, null, null, null, null, null],
      [null, 10, null, null, null, null],
    ]);
  });

  test("prefixed SpreadsheetML (x:), a UTF-8 BOM, comments and CDATA", () => {
    const xml =
      `\uFEFF<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${SML}"><!-- made by a tool -->` +
      '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>hi</x:t></x:is></x:c>' +
      '<x:c r="B1"><x:v><![CDATA[3]]></x:v></x:c><x:c r="C1" t="str"><x:v><![CDATA[<&>]]></x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const g = openWorkbook(makeBook({ sheets: [{ name: "P", xml }] })).readSheet("P");
    expect(g.rowValues(1)).toEqual(["hi", 3, "<&>"]);
  });

  test("inline strings read the same in the shape filling writes and in any other shape", () => {
    // The first of each pair is the common shape, read straight from the text; the second has
    // a comment that sends it through the general scanner.
    const texts = ["plain", "A &amp; B &lt;c&gt; &#233;", "line_x000D_break", "two\r\nlines", ""];
    const cell = (col: string, t: string, general: boolean): string =>
      `<c r="${col}1" t="inlineStr"><is>${general ? "<!-- -->" : ""}<t xml:space="preserve">${t}</t></is></c>`;
    const cols = "ABCDEFGHIJ";
    const rows =
      '<row r="1">' +
      texts.map((t, i) => cell(cols[2 * i], t, false) + cell(cols[2 * i + 1], t, true)).join("") +
      '</row><row r="2"><c r="A2" t="inlineStr"><is><t>no preserve</t></is></c>' +
      '<c r="B2" t="inlineStr"><is><t>CDATA <![CDATA[<&>]]></t></is></c></row>';
    const g = openWorkbook(makeBook({ sheets: [{ name: "I", rows }] })).readSheet("I");
    const expected = ["plain", "A & B <c> é", "line\rbreak", "two\nlines", ""];
    expect(g.rowValues(1)).toEqual(expected.flatMap((v) => [v, v]));
    expect(g.rowValues(2).slice(0, 2)).toEqual(["no preserve", "CDATA <&>"]);
  });

  test("absolute and ./ targets in the workbook's relationships", () => {
    const book = openWorkbook(
      makeBook({
        sheets: [
          {
            name: "Abs",
            target: "/xl/worksheets/sheet1.xml",
            rows: '<row r="1"><c r="A1"><v>1</v></c></row>',
          },
          {
            name: "Dot",
            target: "./worksheets/sheet2.xml",
            rows: '<row r="1"><c r="A1"><v>2</v></c></row>',
          },
        ],
      })
    );
    expect(book.readSheet("Abs").cell(1, 1)).toBe(1);
    expect(book.readSheet("Dot").cell(1, 1)).toBe(2);
  });

  test("a percent-encoded target names the part by its decoded name", () => {
    const parts = bookParts({ sheets: [{ name: "Pct", target: "worksheets/my%20sheet.xml" }] });
    delete parts["xl/worksheets/my%20sheet.xml"];
    parts["xl/worksheets/my sheet.xml"] = worksheet('<row r="1"><c r="A1"><v>3</v></c></row>');
    expect(openWorkbook(zipParts(parts)).readSheet("Pct").cell(1, 1)).toBe(3);
  });

  test("cells out of order are sorted; a cell written twice keeps its later value", () => {
    const g = openWorkbook(
      makeBook({
        sheets: [
          {
            name: "S",
            rows:
              '<row r="2"><c r="B2"><v>4</v></c><c r="A2"><v>3</v></c></row>' +
              '<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>',
          },
        ],
      })
    ).readSheet("S");
    expect(g.values()).toEqual([
      [2, null],
      [3, 4],
    ]);
  });

  test("a chart sheet has no cells", () => {
    const book = openWorkbook(
      makeBook({
        sheets: [
          { name: "Data", rows: "" },
          { name: "Chart", type: "chartsheet", xml: `<chartsheet xmlns="${SML}"/>` },
        ],
      })
    );
    expect(book.sheetNames()).toEqual(["Data", "Chart"]);
    expect(book.readSheet("Chart").rows).toBe(0);
  });
});

describe("workbook facts", () => {
  test("sheet order is the workbook's; names match case-insensitively", () => {
    const book = openWorkbook(
      makeBook({ sheets: [{ name: "Zeta" }, { name: "Alpha" }, { name: "Ärger" }] })
    );
    expect(book.sheetNames()).toEqual(["Zeta", "Alpha", "Ärger"]);
    expect(book.hasSheet("alpha")).toBe(true);
    expect(book.hasSheet("ÄRGER")).toBe(true);
    expect(book.hasSheet("Beta")).toBe(false);
    expect(book.readSheet("ZETA").name).toBe("Zeta");
  });

  test.each([
    ['<workbookPr date1904="1"/>', true],
    ['<workbookPr date1904="true"/>', true],
    ['<workbookPr date1904="false"/>', false],
    ["", false],
  ])("date1904 from %s", (pr, expected) => {
    expect(openWorkbook(makeBook({ sheets: [{ name: "S" }], workbookPr: pr })).date1904).toBe(
      expected
    );
  });

  test("defined names, with their scope and visibility", () => {
    const book = openWorkbook(
      makeBook({
        sheets: [{ name: "One" }, { name: "Two" }],
        definedNames:
          '<definedName name="Budget">One!$B$2</definedName>' +
          '<definedName name="Local" localSheetId="1">Two!$A$1:$C$3</definedName>' +
          '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">One!$A$1:$D$9</definedName>' +
          "<definedName name=\"Quoted\">'Sheet &amp; Co'!$A$1</definedName>",
      })
    );
    expect(book.definedNames()).toEqual([
      { name: "Budget", ref: "One!$B$2", hidden: false },
      { name: "Local", ref: "Two!$A$1:$C$3", localSheet: "Two", hidden: false },
      { name: "_xlnm._FilterDatabase", ref: "One!$A$1:$D$9", localSheet: "One", hidden: true },
      { name: "Quoted", ref: "'Sheet & Co'!$A$1", hidden: false },
    ]);
  });

  test("tables: from the sheet's relationships, header row count 1 unless said, escaped column names", () => {
    const table = (id: number, attrs: string, cols: string[]) =>
      `<table xmlns="${SML}" id="${id}" ${attrs}><autoFilter ref="A1:B3"/>` +
      `<tableColumns count="${cols.length}">${cols.map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`).join("")}</tableColumns></table>`;
    const book = openWorkbook(
      makeBook({
        sheets: [{ name: "Log" }, { name: "Other" }],
        extra: {
          "xl/worksheets/_rels/sheet1.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            `<Relationship Id="rId1" Type="${REL}/table" Target="../tables/table1.xml"/>` +
            `<Relationship Id="rId2" Type="${REL}/table" Target="/xl/tables/table2.xml"/></Relationships>`,
          "xl/tables/table1.xml": table(1, 'name="Table1" displayName="OutreachLog" ref="A1:B3"', [
            "Date",
            "POC_x000a_Name",
          ]),
          "xl/tables/table2.xml": table(
            2,
            'name="T2" displayName="T2" ref="D1:E9" headerRowCount="0" totalsRowCount="1"',
            ["a", "b"]
          ),
        },
      })
    );
    expect(book.tables()).toEqual([
      {
        name: "OutreachLog",
        sheet: "Log",
        ref: "A1:B3",
        headerRowCount: 1,
        totalsRowCount: 0,
        columns: ["Date", "POC\nName"],
      },
      {
        name: "T2",
        sheet: "Log",
        ref: "D1:E9",
        headerRowCount: 0,
        totalsRowCount: 1,
        columns: ["a", "b"],
      },
    ]);
  });
});
