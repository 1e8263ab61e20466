/**
 * A workbook made from nothing: createWorkbook + addSheet with every feature, saved, read back by
 * us, and read by LibreOffice as a second opinion (its CSV of the values, and the .xlsx it saves
 * after loading ours, which shows what it understood: merges, drop-downs, the table, the
 * header/footer marking, styles).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WorksheetSpec, createWorkbook, openWorkbook } from "../../src/workbook/xlsx";
import {
  convertWithLibreOffice,
  hasLibreOffice,
  readCsvSheetsWithLibreOffice,
} from "../helpers/libreoffice";
import { partsOf } from "./build";
import { NEEDS_LIBREOFFICE, describeRequiring } from "../helpers/requires";

const MARKING = "LAW ENFORCEMENT SENSITIVE / FOR OFFICIAL USE ONLY";
const header = {
  bold: true,
  fill: "DDEBF7",
  border: "thin" as const,
  align: "center" as const,
  wrap: true,
};
const date = { numFmt: "mm/dd/yyyy" };

const LOG: WorksheetSpec = {
  name: "Outreach Log",
  cells: [
    ...["Date", "Sector", "Agency", "Attendees", "Significant"].map((value, i) => ({
      row: 1,
      col: i + 1,
      value,
      style: header,
    })),
    { row: 2, col: 1, value: 39187, style: date }, // 04/15/2007
    { row: 2, col: 2, value: "NGO" },
    { row: 2, col: 3, value: "Catholic Charities & Co <Houston>" },
    { row: 2, col: 4, value: 35 },
    { row: 2, col: 5, value: true },
    { row: 3, col: 1, value: 39203, style: date }, // 05/01/2007
    { row: 3, col: 2, value: "Law Enforcement" },
    { row: 3, col: 3, value: '=HYPERLINK("http://x")' },
    { row: 3, col: 4, value: 2.5 },
    { row: 3, col: 5, value: false },
  ],
  columnWidths: [
    { col: 1, width: 12 },
    { col: 3, width: 40 },
  ],
  dataValidations: [{ ref: "B2:B1000", list: ["NGO", "Law Enforcement"] }],
  table: {
    name: "OutreachLog",
    ref: "A1:E3",
    columns: ["Date", "Sector", "Agency", "Attendees", "Significant"],
  },
  headerFooter: { oddHeader: `&C&"-,Bold"${MARKING}`, oddFooter: `&L${MARKING}&RPage &P of &N` },
  freeze: { row: 2, col: 1 },
};

const REPORT: WorksheetSpec = {
  name: "Quarterly Report",
  cells: [
    { row: 1, col: 1, value: "Human Trafficking Outreach", style: { bold: true, size: 14 } },
    { row: 3, col: 1, value: "New Contact", style: { indent: 1 } },
    { row: 3, col: 2, value: 7, style: { numFmt: "0", border: "thin" } },
    { row: 4, col: 1, value: "Percent", style: { italic: true } },
    { row: 4, col: 2, value: 0.25, style: { numFmt: "0%" } },
    { row: 5, col: 2, value: null, style: { fill: "FFFF00" } },
  ],
  merges: ["A1:C1"],
  headerFooter: { oddHeader: `&C${MARKING}`, oddFooter: `&C${MARKING}` },
};

function build(): Uint8Array {
  const wb = createWorkbook();
  wb.addSheet(REPORT);
  wb.addSheet(LOG);
  wb.setCustomProperty("Office", "SAC Houston");
  wb.setCustomProperty("Period", "FY2007 Q3");
  return wb.save();
}

describe("createWorkbook + addSheet, read back by us", () => {
  const bytes = build();
  const wb = openWorkbook(bytes);

  test("sheets, values and their types", () => {
    expect(wb.sheetNames()).toEqual(["Quarterly Report", "Outreach Log"]);
    expect(wb.readSheet("Outreach Log").values()).toEqual([
      ["Date", "Sector", "Agency", "Attendees", "Significant"],
      [39187, "NGO", "Catholic Charities & Co <Houston>", 35, true],
      [39203, "Law Enforcement", '=HYPERLINK("http://x")', 2.5, false],
    ]);
    const report = wb.readSheet("Quarterly Report");
    expect(report.cell(1, 1)).toBe("Human Trafficking Outreach");
    expect(report.cell(4, 2)).toBe(0.25);
    expect(report.cell(5, 2)).toBeNull();
    expect(wb.date1904).toBe(false);
  });

  test("the table, the custom properties", () => {
    expect(wb.tables()).toEqual([
      {
        name: "OutreachLog",
        sheet: "Outreach Log",
        ref: "A1:E3",
        headerRowCount: 1,
        totalsRowCount: 0,
        columns: ["Date", "Sector", "Agency", "Attendees", "Significant"],
      },
    ]);
    expect(wb.getCustomProperty("office")).toBe("SAC Houston");
    expect(wb.getCustomProperty("Period")).toBe("FY2007 Q3");
    expect(wb.getCustomProperty("Missing")).toBeUndefined();
    const again = openWorkbook(bytes);
    expect(again.getCustomProperty("Office")).toBe("SAC Houston"); // read (and parsed) first
    again.setCustomProperty("OFFICE", "SAC San Antonio & <Co>\r\n2");
    again.setCustomProperty("Submitted", "2007-07-05T10:00:00Z");
    // The same workbook answers with what was just set, not what it parsed before.
    expect(again.getCustomProperty("office")).toBe("SAC San Antonio & <Co>\r\n2");
    expect(again.getCustomProperty("submitted")).toBe("2007-07-05T10:00:00Z");
    const props = partsOf(again.save())["docProps/custom.xml"];
    expect(props.match(/<property /g)).toHaveLength(3);
    expect(props).toMatch(/pid="2" name="Office"/);
    expect(openWorkbook(again.save()).getCustomProperty("office")).toBe(
      "SAC San Antonio & <Co>\r\n2"
    );
    expect(openWorkbook(again.save()).getCustomProperty("Period")).toBe("FY2007 Q3");
  });

  test("the same style asked twice is one cell format; new formats are appended", () => {
    const styles = partsOf(bytes)["xl/styles.xml"];
    const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles)!;
    expect(Number(xfs[1])).toBe(xfs[2].match(/<xf /g)!.length);
    expect(wb.styleId(header)).toBe(wb.styleId({ ...header }));
    expect(wb.styleId({})).toBe(wb.styleId({}));
    const sheet = partsOf(bytes)["xl/worksheets/sheet2.xml"];
    const headerStyles = [...sheet.matchAll(/<c r="[A-E]1" s="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(headerStyles).size).toBe(1);
    expect(styles).toMatch(/<numFmt numFmtId="164" formatCode="mm\/dd\/yyyy"\/>/);
  });

  test("frozen panes as Excel writes them for Freeze Top Row (LibreOffice headless keeps no views)", () => {
    const sheet = partsOf(bytes)["xl/worksheets/sheet2.xml"];
    expect(sheet).toContain(
      '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
    );
  });

  test("adding a sheet later leaves the existing parts alone", () => {
    const more = openWorkbook(bytes);
    more.addSheet({
      name: "Prospective Training",
      cells: [{ row: 1, col: 1, value: "Tentative date" }],
    });
    const before = partsOf(bytes);
    const after = partsOf(more.save());
    for (const name of Object.keys(before)) {
      if (["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"].includes(name))
        continue;
      if (name === "xl/sharedStrings.xml") continue; // below
      expect([name, after[name]]).toEqual([name, before[name]]);
    }
    // The new sheet's text is appended to the shared strings: every existing item keeps its
    // place (and so its index), only the counts change.
    const sst = before["xl/sharedStrings.xml"];
    const unique = sst.match(/<si>/g)!.length;
    expect(sst).toContain(` count="${unique}" uniqueCount="${unique}">`);
    expect(after["xl/sharedStrings.xml"]).toBe(
      sst
        .replace(
          ` count="${unique}" uniqueCount="${unique}">`,
          ` count="${unique + 1}" uniqueCount="${unique + 1}">`
        )
        .replace("</sst>", "<si><t>Tentative date</t></si></sst>")
    );
    expect(partsOf(more.save())["xl/worksheets/sheet3.xml"]).toContain(
      `<c r="A1" t="s"><v>${unique}</v></c>`
    );
    expect(after["xl/workbook.xml"]).toMatch(
      /<sheet name="Prospective Training" sheetId="3" r:id="rId\d+"\/><\/sheets>/
    );
    expect(openWorkbook(more.save()).readSheet("Prospective Training").cell(1, 1)).toBe(
      "Tentative date"
    );
  });

  test("a table grows to take rows appended below it; only its last row can move", () => {
    const more = openWorkbook(bytes);
    more.patchCells("Outreach Log", [
      { row: 4, col: 1, value: 39250 },
      { row: 4, col: 2, value: "NGO" },
    ]);
    more.setTableRef("outreachlog", "A1:E4");
    const saved = more.save();
    expect(openWorkbook(saved).tables()[0].ref).toBe("A1:E4");
    expect(partsOf(saved)["xl/tables/table1.xml"]).toMatch(
      / ref="A1:E4"[^>]*><autoFilter ref="A1:E4"\/>/
    );
    expect(() => more.setTableRef("OutreachLog", "A1:F4")).toThrow(/only its last row can move/);
    expect(() => more.setTableRef("OutreachLog", "A2:E4")).toThrow(/only its last row can move/);
    expect(() => more.setTableRef("OutreachLog", "A1:E1")).toThrow(/only its last row can move/);
    expect(() => more.setTableRef("Nope", "A1:E4")).toThrow(/no table named "Nope"/);
  });

  test("Excel's rules for sheet names, tables, merges and drop-downs are enforced", () => {
    const wb2 = createWorkbook();
    expect(() => wb2.save()).toThrow(/at least one sheet/);
    for (const name of ["", "a".repeat(32), "a/b", "a[1]", "x:y", "what?", "'quoted'", "History"]) {
      expect(() => wb2.addSheet({ name, cells: [] })).toThrow(RangeError);
    }
    wb2.addSheet({ name: "Log", cells: [] });
    expect(() => wb2.addSheet({ name: "LOG", cells: [] })).toThrow(/already has a sheet/);
    const t =
      (table: WorksheetSpec["table"], cells: WorksheetSpec["cells"] = []) =>
      () =>
        wb2.addSheet({ name: `T${Math.random().toString(36).slice(2, 8)}`, cells, table });
    expect(t({ name: "A1", ref: "A1:A2", columns: ["x"] })).toThrow(/cannot be a table name/);
    expect(t({ name: "Tbl", ref: "A1:B2", columns: ["x"] })).toThrow(/2 columns wide/);
    expect(t({ name: "Tbl", ref: "A1:B1", columns: ["x", "y"] })).toThrow(/at least one row/);
    expect(t({ name: "Tbl", ref: "A1:B2", columns: ["x", "X"] })).toThrow(/two columns/);
    expect(
      t({ name: "Tbl", ref: "A1:B2", columns: ["x", "y"] }, [{ row: 1, col: 1, value: "z" }])
    ).toThrow(/must read "x"/);
    expect(() => wb2.addSheet({ name: "M", cells: [], merges: ["A1:B2", "B2:C3"] })).toThrow(
      /overlap/
    );
    expect(() =>
      wb2.addSheet({ name: "V", cells: [], dataValidations: [{ ref: "A1:A9", list: ["a,b"] }] })
    ).toThrow(/commas/);
    expect(wb2.sheetNames()).toEqual(["Log"]);
  });
});

describeRequiring(hasLibreOffice(), NEEDS_LIBREOFFICE)("LibreOffice reads what we wrote", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "xlsx-roundtrip-"));
    file = join(dir, "made.xlsx");
    writeFileSync(file, build());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the same values, dates shown with their format, booleans as booleans", async () => {
    const sheets = await readCsvSheetsWithLibreOffice(file);
    expect(sheets["Outreach Log"]).toEqual([
      ["Date", "Sector", "Agency", "Attendees", "Significant"],
      ["04/15/2007", "NGO", "Catholic Charities & Co <Houston>", "35", "TRUE"],
      ["05/01/2007", "Law Enforcement", '=HYPERLINK("http://x")', "2.5", "FALSE"],
    ]);
    expect(sheets["Quarterly Report"][0][0]).toBe("Human Trafficking Outreach");
    expect(sheets["Quarterly Report"][2]).toEqual(["New Contact", "7"]);
    expect(sheets["Quarterly Report"][3]).toEqual(["Percent", "25%"]);
  }, 120_000);

  test("merges, drop-downs, the table, the marking and styles survive LibreOffice", async () => {
    const again = await convertWithLibreOffice(file, "xlsx");
    const bytes = readFileSync(again);
    const parts = partsOf(bytes);
    const book = openWorkbook(bytes);
    const sheetOf = (name: string): string => {
      const i = book.sheetNames().indexOf(name);
      return parts[`xl/worksheets/sheet${i + 1}.xml`];
    };
    const report = sheetOf("Quarterly Report");
    const log = sheetOf("Outreach Log");
    expect(report).toMatch(/<mergeCell ref="A1:C1"\/>/);
    expect(log).toMatch(
      /<dataValidation\b(?=[^>]*type="list")(?=[^>]*sqref="B2:B1000")[^>]*><formula1>(&quot;|")NGO,Law Enforcement\1<\/formula1>/
    );
    expect(log).toContain(MARKING);
    expect(report).toContain(MARKING);
    expect(book.tables().map((t) => [t.name, t.ref, t.columns.length])).toEqual([
      ["OutreachLog", "A1:E3", 5],
    ]);
    expect(parts["xl/styles.xml"]).toMatch(/FFDDEBF7/i);
    expect(parts["xl/styles.xml"]).toMatch(/mm\/dd\/yyyy/i);
    expect(book.readSheet("Outreach Log").cell(2, 3)).toBe("Catholic Charities & Co <Houston>");
    expect(parts["docProps/custom.xml"]).toMatch(/SAC Houston/);
  }, 120_000);
});
