/**
 * Filling an office's existing workbook keeps everything else in it. The workbook was made by a
 * real spreadsheet program (LibreOffice, from test/fixtures/xlsx/office-features.fods; see
 * make-fixtures.ts) with other sheets, styles, a merge, a comment, drop-downs, defined names,
 * formulas with a calculation chain, a table and an image. We patch cells of one sheet, then
 * prove that every other part is byte-identical, every other cell of that sheet keeps its exact
 * XML, and LibreOffice opens the result, shows the new values and recalculates the old formulas.
 * The same for the template Office's tooling sideloads an add-in with (Open XML SDK output).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { CellUpdate, openWorkbook } from "../../src/workbook/xlsx";
import {
  convertWithLibreOffice,
  hasLibreOffice,
  readCsvSheetsWithLibreOffice,
} from "../helpers/libreoffice";
import { NEEDS_LIBREOFFICE, testRequiring } from "../helpers/requires";

const FIXTURES = join(__dirname, "../fixtures/xlsx");
const ORIGINAL = readFileSync(join(FIXTURES, "office-features.xlsx"));
const REPORT_PART = "xl/worksheets/sheet1.xml";
const soffice = testRequiring(hasLibreOffice(), NEEDS_LIBREOFFICE);

const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
const text = (parts: Record<string, Uint8Array>, name: string): string => strFromU8(parts[name]);

/** Each cell's exact XML, by address. */
function cells(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g))
    out.set(m[1], m[0]);
  return out;
}

/** The sheet without its cell data and dimension: everything patchCells must not touch. */
const outsideCells = (xml: string): string =>
  xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, "").replace(/<dimension [^>]*\/>/, "");

function expectSameBytes(
  before: Record<string, Uint8Array>,
  after: Record<string, Uint8Array>,
  except: string[]
): void {
  for (const name of Object.keys(before)) {
    if (except.includes(name)) continue;
    expect([
      name,
      after[name] !== undefined && Buffer.from(after[name]).equals(Buffer.from(before[name])),
    ]).toEqual([name, true]);
  }
  expect(Object.keys(after).filter((n) => !(n in before))).toEqual([]);
}

async function withFile<T>(bytes: Uint8Array, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "xlsx-fidelity-"));
  try {
    const file = join(dir, "filled.xlsx");
    writeFileSync(file, bytes);
    return await fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("we read the LibreOffice-made workbook as it was written", () => {
  const wb = openWorkbook(ORIGINAL);
  expect(wb.sheetNames()).toEqual(["Report", "Log", "Notes"]);
  const report = wb.readSheet("Report");
  expect(report.cell(1, 1)).toBe("Human Trafficking Outreach Quarterly Report");
  expect(report.rowValues(5)).toEqual(["New Contact", 3, 10, 6]);
  expect(report.rowValues(8)).toEqual(["Total", 8, 27, 16]);
  // LibreOffice stores a boolean formula result as a number (t="n") with a TRUE/FALSE format.
  expect(report.rowValues(10)).toEqual(["Reported on", 39278, "FY2007", 1]);
  expect(report.cell(11, 2)).toBe(0.25);
  expect(report.cell(13, 1)).toBe("A & B <c> \"q\" 'a' – é 東京 😀");
  expect(report.cell(14, 1)).toBe("=not a formula");
  expect(wb.readSheet("Log").values()).toEqual([
    ["Date", "Agency", "Attendees"],
    [39187, "Catholic Charities", 35],
    [39203, "Houston PD", 12],
    [39253, "=cmd|' /C calc'!A0", 0],
  ]);
  expect(wb.tables().map((t) => [t.name, t.sheet, t.ref, t.columns])).toEqual([
    ["OutreachLog", "Log", "A1:C4", ["Date", "Agency", "Attendees"]],
  ]);
  expect(wb.definedNames().map((n) => [n.name, n.ref, n.localSheet])).toEqual([
    ["OfficeBudget", "Notes!$B$1", undefined],
    ["QuarterFigures", "Report!$B$5:$B$7", undefined],
    ["LocalNote", "Notes!$A$1", "Notes"],
  ]);
});

describe("patching values (no formula overwritten)", () => {
  const updates: CellUpdate[] = [
    { row: 5, col: 2, value: 30 }, // a figure the formulas use
    { row: 14, col: 2, value: "New note" }, // text replaced
    { row: 5, col: 5, value: "=SUM(1)" }, // a new cell at the end of a row: text, not a formula
    { row: 3, col: 2, value: "inserted" }, // a cell in a row that has only an empty cell
    { row: 12, col: 2, value: "Final" }, // the validated cell
    { row: 16, col: 1, value: "Added row" }, // a new row after the last
    { row: 9, col: 1, value: -1.5 }, // a new row between rows
  ];
  const wb = openWorkbook(ORIGINAL);
  wb.patchCells("Report", updates);
  const saved = wb.save();
  const before = unzip(ORIGINAL);
  const after = unzip(saved);

  test("every part but the patched sheet and workbook.xml is byte-for-byte the same", () => {
    expectSameBytes(before, after, [REPORT_PART, "xl/workbook.xml"]);
    expect(after["xl/calcChain.xml"]).toBeDefined();
  });

  test("workbook.xml differs only by asking for recalculation on open", () => {
    const now = text(after, "xl/workbook.xml");
    expect(now).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    expect(now.replace(' fullCalcOnLoad="1"', "")).toBe(text(before, "xl/workbook.xml"));
  });

  test("in the patched sheet, every other cell keeps its exact XML, and so does everything around the cells", () => {
    const old = cells(text(before, REPORT_PART));
    const now = cells(text(after, REPORT_PART));
    const patched = new Set(updates.map((u) => `${String.fromCharCode(64 + u.col)}${u.row}`));
    let kept = 0;
    for (const [address, xml] of old) {
      if (patched.has(address)) continue;
      expect([address, now.get(address)]).toEqual([address, xml]);
      kept++;
    }
    expect(kept).toBeGreaterThan(30);
    expect(outsideCells(text(after, REPORT_PART))).toBe(outsideCells(text(before, REPORT_PART)));
    expect(text(after, REPORT_PART)).toMatch(/<mergeCell ref="A1:D1"\/>.*<dataValidation /);
    expect(text(after, REPORT_PART)).toMatch(/<dimension ref="A1:E16"\/>/);
  });

  test("we read the new values; formulas keep their cached results until recalculated", () => {
    const report = openWorkbook(saved).readSheet("Report");
    expect(report.rowValues(5)).toEqual(["New Contact", 30, 10, 6, "=SUM(1)"]);
    expect(report.cell(3, 2)).toBe("inserted");
    expect(report.cell(9, 1)).toBe(-1.5);
    expect(report.cell(12, 2)).toBe("Final");
    expect(report.cell(14, 2)).toBe("New note");
    expect(report.cell(16, 1)).toBe("Added row");
  });

  soffice(
    "LibreOffice shows the new values and recalculates the office's formulas",
    async () => {
      const sheets = await withFile(saved, readCsvSheetsWithLibreOffice);
      const r = sheets.Report;
      expect(r[4]).toEqual(["New Contact", "30", "10", "60", "=SUM(1)"]);
      expect(r[7]).toEqual(["Total", "35", "27", "70", ""]);
      expect(r[9].slice(0, 4)).toEqual(["Reported on", "07/15/2007", "FY2007", "TRUE"]);
      expect(r[2][1]).toBe("inserted");
      expect(r[8][0]).toBe("-1.5");
      expect(r[13].slice(0, 2)).toEqual(["=not a formula", "New note"]);
      expect(r[15][0]).toBe("Added row");
      expect(sheets.Log[3][1]).toBe("=cmd|' /C calc'!A0");
      expect(sheets.Notes[0]).toEqual(["Budget", "1203"]);
    },
    120_000
  );

  soffice(
    "LibreOffice still finds the comment, the image, the table, the names and the drop-down",
    async () => {
      const again = await withFile(saved, async (file) =>
        readFileSync(await convertWithLibreOffice(file, "xlsx"))
      );
      const parts = unzip(again);
      const names = Object.keys(parts);
      const comments = names.find((n) => /comments\d*\.xml$/.test(n));
      expect(comments && text(parts, comments)).toMatch(/Set by HQ, do not edit/);
      expect(names.some((n) => n.startsWith("xl/media/"))).toBe(true);
      const book = openWorkbook(again);
      expect(book.tables().map((t) => t.name)).toEqual(["OutreachLog"]);
      expect(
        book
          .definedNames()
          .map((n) => n.name)
          .sort()
      ).toEqual(["LocalNote", "OfficeBudget", "QuarterFigures"]);
      expect(text(parts, "xl/worksheets/sheet1.xml")).toMatch(
        /<formula1>&quot;Draft,Final&quot;<\/formula1>/
      );
      expect(book.readSheet("Report").cell(12, 2)).toBe("Final");
    },
    120_000
  );
});

describe("overwriting a formula", () => {
  const wb = openWorkbook(ORIGINAL);
  wb.patchCells("Report", [{ row: 6, col: 4, value: 99 }]);
  const saved = wb.save();
  const before = unzip(ORIGINAL);
  const after = unzip(saved);

  test("drops the calculation chain, its relationship and its content type, and nothing else", () => {
    expect(after["xl/calcChain.xml"]).toBeUndefined();
    const changed = [
      REPORT_PART,
      "xl/workbook.xml",
      "xl/calcChain.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
    ];
    expectSameBytes(before, after, changed);
    expect(text(after, "xl/_rels/workbook.xml.rels")).toBe(
      text(before, "xl/_rels/workbook.xml.rels").replace(
        /<Relationship Id="rIdCalcChain"[^>]*\/>/,
        ""
      )
    );
    expect(text(after, "[Content_Types].xml")).toBe(
      text(before, "[Content_Types].xml").replace(
        /<Override PartName="\/xl\/calcChain.xml"[^>]*\/>/,
        ""
      )
    );
    expect(cells(text(after, REPORT_PART)).get("D6")).toBe('<c r="D6" s="0"><v>99</v></c>');
    expect(cells(text(after, REPORT_PART)).get("D5")).toBe(
      cells(text(before, REPORT_PART)).get("D5")
    );
  });

  soffice(
    "LibreOffice shows the value and recalculates the total over it",
    async () => {
      const r = (await withFile(saved, readCsvSheetsWithLibreOffice)).Report;
      expect(r[5]).toEqual(["Follow Up Contact", "4", "12", "99"]);
      expect(r[7]).toEqual(["Total", "8", "27", "107"]);
    },
    120_000
  );
});

describe("the template Office sideloads an add-in with (Open XML SDK: x: prefixes, no styles.xml)", () => {
  const original = readFileSync(join(FIXTURES, "office-addin-taskpane.xlsx"));
  const wb = openWorkbook(original);
  const bold = wb.styleId({ bold: true });
  wb.patchCells("Sheet1", [
    { row: 1, col: 1, value: "Office", style: bold },
    { row: 1, col: 2, value: "SAC Houston" },
    { row: 2, col: 1, value: 2007 },
  ]);
  wb.addSheet({
    name: "Outreach Log",
    cells: [{ row: 2, col: 1, value: "Catholic Charities" }],
    table: { name: "OutreachLog", ref: "A1:B2", columns: ["Agency", "Content"] },
  });
  wb.setCustomProperty("Office", "SAC Houston");
  const saved = wb.save();

  test("the add-in's webextension and taskpane parts are byte-for-byte the same", () => {
    const before = unzip(original);
    const after = unzip(saved);
    const addIn = Object.keys(before).filter((n) => n.startsWith("xl/webextensions/"));
    expect(addIn.length).toBeGreaterThanOrEqual(3);
    for (const name of addIn) {
      expect([name, Buffer.from(after[name]).equals(Buffer.from(before[name]))]).toEqual([
        name,
        true,
      ]);
    }
    expect(text(after, "_rels/.rels")).toMatch(/webextensiontaskpanes/);
    // This package's Default content type for .xml is the workbook's, so every new part needs
    // its own Override.
    const types = text(after, "[Content_Types].xml");
    for (const part of [
      "xl/styles.xml",
      "xl/worksheets/sheet1.xml",
      "xl/tables/table1.xml",
      "xl/sharedStrings.xml", // the new sheet's text
      "docProps/custom.xml",
    ]) {
      expect(after[part]).toBeDefined();
      expect(types).toContain(`<Override PartName="/${part}"`);
    }
  });

  test("reads back: patched cells, the new sheet and its table, the setting", () => {
    const back = openWorkbook(saved);
    expect(back.sheetNames()).toEqual(["Sheet1", "Outreach Log"]);
    expect(back.readSheet("Sheet1").values()).toEqual([
      ["Office", "SAC Houston"],
      [2007, null],
    ]);
    expect(back.tables()[0].name).toBe("OutreachLog");
    expect(back.getCustomProperty("Office")).toBe("SAC Houston");
  });

  soffice(
    "LibreOffice opens it and reads the same",
    async () => {
      const sheets = await withFile(saved, readCsvSheetsWithLibreOffice);
      expect(sheets.Sheet1).toEqual([
        ["Office", "SAC Houston"],
        ["2007", ""],
      ]);
      expect(sheets["Outreach Log"]).toEqual([
        ["Agency", "Content"],
        ["Catholic Charities", ""],
      ]);
    },
    120_000
  );
});
