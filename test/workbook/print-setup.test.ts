/**
 * Print setup: every sheet the add-in makes prints one page wide (the report portrait, the tables
 * landscape with their header row on every page), and filling gives the report that setup only
 * where the office has none of its own, through the .xlsx adapter and the Excel adapter alike.
 */
import { FakeExcel } from "../office/fake-excel";
import { fillQuarterly, loadQuarterly } from "../../src/app/quarterly";
import { sampleLog } from "../../src/app/sample";
import { parsePeriod } from "../../src/core/period";
import { OfficeAdapter } from "../../src/workbook/office-adapter";
import {
  PageSetupFound,
  REPORT_PRINT,
  hasOwnPageSetup,
  tablePrint,
} from "../../src/workbook/print-setup";
import { logSheet, prospectiveSheet, reportSheet } from "../../src/workbook/seed-layout";
import { LOG_SHEET, PROSPECTIVE_SHEET, REPORT_SHEET } from "../../src/workbook/layout";
import { BLOCK_NAME_PREFIX } from "../../src/workbook/ownership";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { partsOf, zipParts } from "../xlsx/build";
import { strToU8 } from "fflate";

const PERIOD = parsePeriod("FY2007 Q3");
const DEFAULTS: PageSetupFound = {
  landscape: false,
  scale: 100,
  fitToPages: false,
  printArea: false,
  printTitles: false,
};

describe("the rule: an office's own page setup is kept", () => {
  test.each<[string, Partial<PageSetupFound>, boolean]>([
    ["a new sheet's defaults", {}, false],
    ["landscape", { landscape: true }, true],
    ["a scale of 85%", { scale: 85 }, true],
    ["fit to pages", { fitToPages: true }, true],
    ["a print area", { printArea: true }, true],
    ["print titles", { printTitles: true }, true],
  ])("%s: own = %s", (_what, change, own) => {
    expect(hasOwnPageSetup({ ...DEFAULTS, ...change })).toBe(own);
  });
});

/** The worksheet's children, by local name, in order. */
const children = (xml: string): string[] => {
  const body = xml.slice(xml.indexOf("<worksheet"));
  return [...body.matchAll(/<([A-Za-z]+)[\s/>]/g)]
    .map((m) => m[1])
    .filter((n, i, all) => n !== "worksheet" && (i === 0 || all[i - 1] !== n));
};

describe("the sheets the add-in makes (.xlsx)", () => {
  const book = XlsxAdapter.blank();
  beforeAll(async () => {
    await book.addSheet(reportSheet(PERIOD, "SAC Houston"));
    await book.addSheet(logSheet(sampleLog(PERIOD, 40)));
    await book.addSheet(prospectiveSheet());
  });

  test("the report portrait, the tables landscape, all fit to one page wide, as tall as needed", () => {
    expect(book.book.pageSetup(REPORT_SHEET)).toMatchObject({ landscape: false, fitToPages: true });
    expect(book.book.pageSetup(LOG_SHEET)).toMatchObject({ landscape: true, fitToPages: true });
    const xml = partsOf(book.save());
    expect(xml["xl/worksheets/sheet2.xml"]).toContain(
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    );
    expect(xml["xl/worksheets/sheet2.xml"]).toContain(
      '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    );
    expect(xml["xl/worksheets/sheet1.xml"]).toContain('<pageSetup orientation="portrait"');
  });

  test("each table's header row is its print titles (sheet-local); the report has none", () => {
    expect(book.book.definedNames()).toEqual([
      {
        name: "_xlnm.Print_Titles",
        ref: `'${LOG_SHEET}'!$1:$1`,
        localSheet: LOG_SHEET,
        hidden: false,
      },
      {
        name: "_xlnm.Print_Titles",
        ref: `'${PROSPECTIVE_SHEET}'!$1:$1`,
        localSheet: PROSPECTIVE_SHEET,
        hidden: false,
      },
    ]);
  });

  test("the elements are in the schema's order", () => {
    const order = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData"];
    const tail = ["dataValidations", "pageMargins", "pageSetup", "headerFooter", "tableParts"];
    const xml = partsOf(book.save())["xl/worksheets/sheet2.xml"];
    const top = children(xml).filter((n) => order.includes(n) || tail.includes(n));
    expect(top).toEqual([...order, ...tail]);
  });
});

// ---- Filling an office's workbook ------------------------------------------------------------

/** The seed's workbook with no print setup of the add-in's: as an office's might be. */
async function officeBook(): Promise<Uint8Array> {
  const book = XlsxAdapter.blank();
  await book.addSheet({ ...reportSheet(PERIOD, "SAC Houston"), print: undefined });
  await book.addSheet(logSheet(sampleLog(PERIOD, 40)));
  return book.save();
}

const REPORT_PART = "xl/worksheets/sheet1.xml";

/** The report sheet's XML changed by `f` (as Excel or LibreOffice would have written it). */
function withReportXml(bytes: Uint8Array, f: (xml: string) => string): Uint8Array {
  const parts: Record<string, string | Uint8Array> = partsOf(bytes);
  parts[REPORT_PART] = f(parts[REPORT_PART] as string);
  return zipParts(
    Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v as string)]))
  );
}

const afterMargins = (text: string) => (xml: string) =>
  xml.replace(/(<pageMargins [^>]*\/>)/, `$1${text}`);

/** Each office's own setup, as a program writes it in the file. */
const OWN: [string, (bytes: Uint8Array) => Uint8Array][] = [
  ["landscape", (b) => withReportXml(b, afterMargins('<pageSetup orientation="landscape"/>'))],
  ["a scale of 85%", (b) => withReportXml(b, afterMargins('<pageSetup scale="85"/>'))],
  [
    "fit to 1 x 2 pages",
    (b) =>
      withReportXml(b, (xml) =>
        afterMargins('<pageSetup fitToHeight="2"/>')(
          xml.replace(
            "<dimension",
            '<sheetPr><tabColor rgb="FF00B050"/><pageSetUpPr fitToPage="1"/></sheetPr><dimension'
          )
        )
      ),
  ],
  [
    "a print area",
    (b) => {
      const x = XlsxAdapter.fromBytes(b);
      x.book.setDefinedName("_xlnm.Print_Area", `'${REPORT_SHEET}'!$A$1:$C$30`, REPORT_SHEET);
      return x.save();
    },
  ],
  [
    "print titles",
    (b) => {
      const x = XlsxAdapter.fromBytes(b);
      x.book.setDefinedName("_xlnm.Print_Titles", `'${REPORT_SHEET}'!$5:$5`, REPORT_SHEET);
      return x.save();
    },
  ],
];

/** The sheet's XML but its cells. */
/** The sheet but for its cells and the merges of the add-in's own bullets (ownership.ts). */
const outsideCells = (xml: string) =>
  xml
    .replace(/<sheetData>[\s\S]*<\/sheetData>/, "")
    .replace(/<dimension [^>]*\/>/, "")
    .replace(/<mergeCells[\s\S]*?<\/mergeCells>/, "");

async function fill(bytes: Uint8Array): Promise<Uint8Array> {
  const book = XlsxAdapter.fromBytes(bytes);
  await fillQuarterly(book, await loadQuarterly(book, { period: "FY2007 Q3" }));
  return book.save();
}

describe("filling an office's report (.xlsx)", () => {
  test.each(OWN)("its own setup (%s) is kept exactly", async (_what, make) => {
    const before = make(await officeBook());
    const after = await fill(before);
    expect(outsideCells(partsOf(after)[REPORT_PART])).toBe(
      outsideCells(partsOf(before)[REPORT_PART])
    );
    // The names are the office's, plus the add-in's records of its own blocks (TIPS_...). A
    // print area grows with the rows the bullets insert in it, as in Excel: its last row is
    // compared apart.
    const own = (n: { name: string }) => !n.name.startsWith(BLOCK_NAME_PREFIX);
    const lastRow = (n: { ref: string }) => Number(/(\d+)$/.exec(n.ref)?.[1] ?? 0);
    const shape = (n: { name: string; ref: string }) => ({ ...n, ref: n.ref.replace(/\d+$/, "") });
    const now = XlsxAdapter.fromBytes(after).book.definedNames().filter(own);
    const then = XlsxAdapter.fromBytes(before).book.definedNames();
    expect(now.map(shape)).toEqual(then.map(shape));
    now.forEach((n, i) => expect(lastRow(n)).toBeGreaterThanOrEqual(lastRow(then[i])));
  });

  test("a sheet with none gets the report's: portrait, one page wide; Excel's other attributes stay", async () => {
    const excelDefault =
      '<pageSetup orientation="portrait" horizontalDpi="300" verticalDpi="300"/>';
    const after = await fill(withReportXml(await officeBook(), afterMargins(excelDefault)));
    const xml = partsOf(after)[REPORT_PART];
    expect(xml).toContain(
      '<pageSetup orientation="portrait" horizontalDpi="300" verticalDpi="300" fitToWidth="1" fitToHeight="0"/>'
    );
    expect(xml).toMatch(
      /^[\s\S]*<worksheet [^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr><dimension/
    );
    // Filled again: the print setup does not change again.
    expect(outsideCells(partsOf(await fill(after))[REPORT_PART])).toBe(outsideCells(xml));
  });

  test("the add-in's own report is left as it made it", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(reportSheet(PERIOD, "SAC Houston"));
    await book.addSheet(logSheet(sampleLog(PERIOD, 10)));
    expect(await book.applyPrintSetup(REPORT_SHEET, REPORT_PRINT)).toBe(false);
  });
});

// ---- The Excel adapter ---------------------------------------------------------------------------

async function excelBook(page?: Partial<FakeExcel["sheets"][number]["page"]>) {
  const excel = new FakeExcel();
  const adapter = new OfficeAdapter({ run: excel.run });
  await adapter.addSheet({ ...reportSheet(PERIOD, "SAC Houston"), print: undefined });
  await adapter.addSheet(logSheet(sampleLog(PERIOD, 40)));
  if (page) Object.assign(excel.sheet(REPORT_SHEET).page, page);
  return { excel, adapter };
}

describe("the Excel adapter", () => {
  test("addSheet: the log landscape, one page wide, its header row on every page", async () => {
    const { excel } = await excelBook();
    expect(excel.sheet(LOG_SHEET).page).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      titleRows: "$1:$1",
    });
    expect(excel.commands).toContain("pageLayout.setPrintTitleRows");
  });

  test.each<[string, Partial<FakeExcel["sheets"][number]["page"]>]>([
    ["landscape", { orientation: "Landscape" }],
    ["a scale of 85%", { zoom: { scale: 85 } }],
    ["fit to 1 x 2 pages", { zoom: { horizontalFitToPages: 1, verticalFitToPages: 2 } }],
    ["a print area", { printArea: "A1:C30" }],
    ["print titles", { titleRows: "$5:$5" }],
    ["print title columns", { titleColumns: "$A:$A" }],
  ])("filling keeps an office's own setup (%s); looking is one sync", async (_what, page) => {
    const { excel, adapter } = await excelBook(page);
    const before = JSON.stringify(excel.sheet(REPORT_SHEET).page);
    const syncs = excel.syncs;
    expect(await adapter.applyPrintSetup(REPORT_SHEET, REPORT_PRINT)).toBe(false);
    expect(excel.syncs - syncs).toBe(1);
    await fillQuarterly(adapter, await loadQuarterly(adapter));
    expect(JSON.stringify(excel.sheet(REPORT_SHEET).page)).toBe(before);
  });

  test("filling a report with none gives it the report's (two syncs); then it is its own", async () => {
    const { excel, adapter } = await excelBook();
    await fillQuarterly(adapter, await loadQuarterly(adapter));
    expect(excel.sheet(REPORT_SHEET).page).toEqual({
      orientation: "Portrait",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    const syncs = excel.syncs;
    expect(await adapter.applyPrintSetup(REPORT_SHEET, tablePrint(5))).toBe(false);
    expect(excel.syncs - syncs).toBe(1);
    const fresh = await excelBook();
    const before = fresh.excel.syncs;
    expect(await fresh.adapter.applyPrintSetup(REPORT_SHEET, tablePrint(5))).toBe(true);
    expect(fresh.excel.syncs - before).toBe(2);
    expect(fresh.excel.sheet(REPORT_SHEET).page.titleRows).toBe("$5:$5");
  });
});
