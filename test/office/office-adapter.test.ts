/**
 * The Excel adapter under office-addin-mock (through test/office/fake-excel.ts): what it reads
 * and writes, that text never becomes a formula, and how many `context.sync()` calls each
 * operation takes: a fixed number, plus one per block of rows of the log it reads or of the cells
 * it writes (the adapter's header; test/office/chunks.test.ts holds the blocks up to 200,000).
 */
import { FakeExcel } from "./fake-excel";
import {
  CHART_NAME,
  CHART_SHEET,
  HIGHLIGHT_COLOR,
  HIGHLIGHT_SETTING,
  OfficeAdapter,
  chunkRows,
  columnWidthPoints,
} from "../../src/workbook/office-adapter";
import { parseAddress } from "../../src/workbook/address";
import { checkWorkbook, fillQuarterly, fillWrites, loadQuarterly } from "../../src/app/quarterly";
import { appendEntry, findLogTarget, validateEntry } from "../../src/app/log-entry";
import { sampleLog } from "../../src/app/sample";
import { analyze } from "../../src/core/report";
import { LINE_KEYS } from "../../src/core/chart";
import { parsePeriod } from "../../src/core/period";
import { SETTING, openingKey } from "../../src/core/settings";
import { isError } from "../../src/core/findings";
import { LOG_HEADERS } from "../../src/core/vocabulary";
import { logSheet, prospectiveSheet, reportSheet } from "../../src/workbook/seed-layout";
import { LES_MARKING } from "../../src/workbook/sheet-spec";
import { LOG_SHEET, LOG_TABLE, REPORT_SHEET } from "../../src/workbook/layout";

const PERIOD = parsePeriod("FY2007 Q3");
const OFFICE = "SAC Houston";

/** A workbook set up through the adapter itself: report, log with `rows` rows, prospective. */
async function workbook(rows: number, options: { errors?: number; typedValues?: boolean } = {}) {
  const excel = new FakeExcel();
  const adapter = new OfficeAdapter({ run: excel.run, typedValues: options.typedValues ?? true });
  const log = sampleLog(PERIOD, rows).map((r) => [...r]);
  // Break some rows: a blank Sector is an error.
  for (let i = 0; i < (options.errors ?? 0); i++) log[i * 3][1] = "";
  await adapter.addSheet(reportSheet(PERIOD, OFFICE));
  await adapter.addSheet(logSheet(log));
  await adapter.addSheet(prospectiveSheet());
  excel.syncs = 0;
  return { excel, adapter, log };
}

/** Syncs taken by one operation. */
async function syncsOf(excel: FakeExcel, op: () => Promise<unknown>): Promise<number> {
  const before = excel.syncs;
  await op();
  return excel.syncs - before;
}

describe("the fake Excel is strict, as Office is", () => {
  test("a property read before load() and sync() throws", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S").setRows(1, 1, [["a"]]);
    await expect(
      excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRange("A1");
        // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
        return range.values; // no load
      })
    ).rejects.toThrow(/PropertyNotLoaded/);
    await expect(
      excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRange("A1");
        range.load("values");
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
        return range.values; // no sync
      })
    ).rejects.toThrow(/context.sync\(\) was not called/);
  });

  test("text entered without the Text format becomes a formula or a number", async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet("S");
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A2").values = [["=1+1"], ["007"]];
      await context.sync();
    });
    expect(sheet.cell(1, 1)?.formula).toBe("=1+1");
    expect(sheet.value(2, 1)).toBe(7);
  });
});

describe("reading", () => {
  test("readSheet: the used range, blanks as null, top and left of the first used cell", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S").setRows(3, 2, [
      ["Date", "", 5],
      [null, "x", true],
    ]);
    const adapter = new OfficeAdapter({ run: excel.run });
    const grid = await adapter.readSheet("S");
    expect(grid).toEqual({
      sheet: "S",
      top: 3,
      left: 2,
      values: [
        ["Date", null, 5],
        [null, "x", true],
      ],
    });
    expect(excel.syncs).toBe(1 + 1); // where the used range is, then its one block
    excel.addSheet("Empty");
    expect(await adapter.readSheet("Empty")).toEqual({
      sheet: "Empty",
      values: [],
      top: 1,
      left: 1,
    });
    expect(excel.syncs).toBe(2 + 1);
  });

  test("sheetNames and tables (with their sheet and corners)", async () => {
    const { excel, adapter } = await workbook(10);
    expect(await adapter.sheetNames()).toEqual([REPORT_SHEET, LOG_SHEET, "Prospective Training"]);
    const tables = await adapter.tables();
    expect(tables.find((t) => t.name === LOG_TABLE)).toEqual({
      name: LOG_TABLE,
      sheet: LOG_SHEET,
      top: 1,
      left: 1,
      bottom: 11,
      right: LOG_HEADERS.length,
    });
    expect(excel.syncs).toBe(1 + 2);
  });

  test("date1904 asks Excel (DATE(1904,1,1) is 0 in the 1904 system), once", async () => {
    for (const system of [false, true]) {
      const excel = new FakeExcel();
      excel.date1904 = system;
      const adapter = new OfficeAdapter({ run: excel.run });
      expect(await adapter.date1904()).toBe(system);
      expect(await adapter.date1904()).toBe(system);
      expect(excel.syncs).toBe(1);
    }
  });
});

describe("writing", () => {
  const awkward = [
    '=HYPERLINK("http://localhost/x","click")',
    "+1 555 0100",
    "-5",
    "@SUM(A1)",
    "\tindented",
    "\rcarriage",
    "'quoted'",
    "007",
    "04/15/2007",
    "plain text",
  ];

  test.each([true, false])(
    "text stays exactly the text given, never a formula (ExcelApi 1.16 typed values: %s)",
    async (typedValues) => {
      const excel = new FakeExcel();
      const sheet = excel.addSheet("S");
      const adapter = new OfficeAdapter({ run: excel.run, typedValues });
      await adapter.writeCells(
        "S",
        awkward.map((value, i) => ({ row: i + 1, col: 1, value }))
      );
      awkward.forEach((text, i) => {
        expect(sheet.cell(i + 1, 1)?.formula).toBeUndefined();
        expect(sheet.value(i + 1, 1)).toBe(text);
        expect(sheet.cell(i + 1, 1)?.numberFormat).toBe("@");
      });
      expect(excel.syncs).toBe(1);
    }
  );

  test("numbers stay numbers, null clears, styles apply; one sync, calculation suspended", async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet("S");
    sheet.setRows(1, 1, [["old"], ["old"]]);
    const adapter = new OfficeAdapter({ run: excel.run });
    await adapter.writeCells("S", [
      { row: 1, col: 1, value: null },
      {
        row: 2,
        col: 1,
        value: 42,
        style: { bold: true, numFmt: "0", fill: "D9E1F2", border: "thin" },
      },
    ]);
    expect(sheet.value(1, 1)).toBeNull();
    expect(sheet.value(2, 1)).toBe(42);
    expect(sheet.cell(2, 1)).toMatchObject({
      bold: true,
      numberFormat: "0",
      fill: "#D9E1F2",
      border: true,
    });
    expect(excel.syncs).toBe(1);
    expect(excel.suspendedSyncs).toBe(1);
  });

  test("writes go as 2-D blocks: one range per run of adjacent cells in a column", async () => {
    const excel = new FakeExcel();
    excel.addSheet("S");
    const adapter = new OfficeAdapter({ run: excel.run });
    const writes = Array.from({ length: 1000 }, (_, i) => ({ row: i + 1, col: 2, value: i }));
    await adapter.writeCells("S", writes);
    expect(excel.commands.filter((c) => c === "Range.values=")).toHaveLength(1);
  });

  test("settings are document custom properties with the engine's keys", async () => {
    const excel = new FakeExcel();
    const adapter = new OfficeAdapter({ run: excel.run });
    expect(await adapter.getSetting(SETTING.office)).toBeUndefined();
    await adapter.setSetting(SETTING.office, OFFICE);
    await adapter.setSetting(openingKey(2007), "1,2,3");
    expect(excel.custom.get(SETTING.office.toLowerCase())).toEqual({
      key: SETTING.office,
      value: OFFICE,
    });
    expect(await adapter.getSetting(SETTING.office)).toBe(OFFICE);
    expect(await adapter.getSetting(openingKey(2007))).toBe("1,2,3");
    await expect(adapter.setSetting(SETTING.office, "x".repeat(256))).rejects.toThrow(
      /at most 255/
    );
  });
});

describe("one pane action: reads remembered, writes forget", () => {
  test("within() reads each sheet, table list and setting once; a write is read back fresh", async () => {
    const { excel, adapter } = await workbook(20);
    const n = await syncsOf(excel, () =>
      adapter.within(async () => {
        await loadQuarterly(adapter);
        await loadQuarterly(adapter);
      })
    );
    const plain = await syncsOf(excel, () => loadQuarterly(adapter));
    expect(n).toBeLessThan(plain);
    await adapter.within(async () => {
      const before = await adapter.readSheet(REPORT_SHEET);
      await adapter.writeCells(REPORT_SHEET, [{ row: 2, col: 2, value: "SAC Dallas" }]);
      const after = await adapter.readSheet(REPORT_SHEET);
      expect(before.values[1][1]).toBe(OFFICE);
      expect(after.values[1][1]).toBe("SAC Dallas");
      await adapter.setSetting(SETTING.office, "SAC Dallas");
      expect(await adapter.getSetting(SETTING.office)).toBe("SAC Dallas");
    });
  });
});

describe("setting a sheet up from a SheetSpec", () => {
  test("values, merges, widths, drop-downs, table, marking in header and footer, frozen header", async () => {
    const { excel } = await workbook(3);
    const report = excel.sheet(REPORT_SHEET);
    expect(report.merges).toContain("B4:C4");
    expect(report.columnWidths.get(1)).toBe(
      columnWidthPoints(reportSheet().columnWidths![0].width)
    );
    expect(report.headerFooter.centerHeader).toContain(LES_MARKING);
    expect(report.headerFooter.leftFooter).toBe(LES_MARKING);
    expect(report.headerFooter.rightFooter).toBe("Page &P of &N");
    const log = excel.sheet(LOG_SHEET);
    expect(log.freeze).toEqual({ rows: 1, cols: 0 });
    expect(log.validations.map((v) => v.source)).toContain("NGO,Law Enforcement");
    expect(excel.table(LOG_TABLE)).toMatchObject({
      sheet: LOG_SHEET,
      style: "TableStyleMedium2",
      bottom: 4,
    });
    expect(LOG_HEADERS.map((_, j) => log.value(1, j + 1))).toEqual(LOG_HEADERS);
  });

  test("addSheet is one sync", async () => {
    const excel = new FakeExcel();
    const adapter = new OfficeAdapter({ run: excel.run });
    expect(await syncsOf(excel, () => adapter.addSheet(logSheet(sampleLog(PERIOD, 500))))).toBe(1);
  });

  test("parseAddress reads Excel's sheet-qualified addresses", () => {
    expect(parseAddress("'Outreach Log'!A1:L361")).toEqual({
      top: 1,
      left: 1,
      bottom: 361,
      right: 12,
    });
    expect(parseAddress("C14")).toEqual({ top: 14, left: 3, bottom: 14, right: 3 });
  });
});

describe("appending log rows", () => {
  test("a new table's blank row is used up: the first entry lands on row 2", async () => {
    const excel = new FakeExcel();
    const adapter = new OfficeAdapter({ run: excel.run });
    await adapter.addSheet(logSheet());
    excel.syncs = 0;
    const target = await findLogTarget(adapter);
    const check = validateEntry({
      date: "2007-04-15",
      sector: "NGO",
      activity: "New Contact",
      agency: "=cmd|' /C calc'!A0",
      pocName: "Maria Gonzalez",
      pocTitle: "Director",
      content: "Discussed Continued Presence.",
    });
    if (!check.ok) throw new Error(JSON.stringify(check.issues));
    await appendEntry(adapter, target, check.fields);
    const log = excel.sheet(LOG_SHEET);
    expect(log.value(2, 5)).toBe("=cmd|' /C calc'!A0");
    expect(log.cell(2, 5)?.formula).toBeUndefined();
    expect(log.value(2, 1)).toBe(39187); // 04/15/2007
    expect(log.value(3, 1)).toBeNull();
    expect(excel.table(LOG_TABLE).bottom).toBe(2);
    expect(adapter.lastAppend).toEqual({ sheet: LOG_SHEET, top: 2, bottom: 2 });
  });

  test("appending a row to a log with rows is one sync", async () => {
    const { excel, adapter } = await workbook(10);
    const target = await findLogTarget(adapter);
    const check = validateEntry({
      date: "04/16/2007",
      sector: "LE",
      level: "Local",
      activity: "Follow-up Contact",
      agency: "Houston Police Department",
      content: "Shift briefing.",
    });
    if (!check.ok) throw new Error(JSON.stringify(check.issues));
    const n = await syncsOf(excel, () => appendEntry(adapter, target, check.fields));
    expect(n).toBe(1);
    expect(excel.sheet(LOG_SHEET).value(12, 2)).toBe("Law Enforcement");
    expect(adapter.lastAppend).toEqual({ sheet: LOG_SHEET, top: 12, bottom: 12 });
  });
});

describe("highlighting the rows with errors", () => {
  test("fills those rows, remembers them, and clearing gives each cell its own fill back", async () => {
    const { excel, adapter } = await workbook(20, { errors: 3 });
    const log = excel.sheet(LOG_SHEET);
    log.cell(4, 2)!.fill = "#00B050"; // a fill of the user's own, on a row with an error
    const check = await checkWorkbook(adapter);
    const rows = [...new Set(check.findings.filter(isError).map((f) => f.row))];
    expect(rows).toEqual([2, 5, 8]);
    await adapter.highlightRows(LOG_SHEET, rows, 1, LOG_HEADERS.length);
    expect(log.cell(2, 1)?.fill).toBe(HIGHLIGHT_COLOR);
    expect(log.cell(4, 2)?.fill).toBe("#00B050"); // row 4 has no error
    expect(log.cell(3, 1)?.fill).toBeUndefined();
    expect(JSON.parse(String(excel.settings.get(HIGHLIGHT_SETTING))).runs).toEqual([
      [2, 2],
      [5, 5],
      [8, 8],
    ]);
    // The user recolours one highlighted cell: clearing leaves it alone.
    log.cell(5, 3)!.fill = "#FFFF00";
    log.cell(8, 2)!.fill = HIGHLIGHT_COLOR;
    expect(await adapter.clearHighlight()).toBe(3);
    expect(log.cell(2, 1)?.fill).toBeUndefined();
    expect(log.cell(5, 3)?.fill).toBe("#FFFF00");
    expect(excel.settings.has(HIGHLIGHT_SETTING)).toBe(false);
    expect(await adapter.clearHighlight()).toBe(0);
  });

  test("a cell with a fill of its own gets it back", async () => {
    const { excel, adapter } = await workbook(10);
    const log = excel.sheet(LOG_SHEET);
    log.cell(3, 2)!.fill = "#00B050";
    await adapter.highlightRows(LOG_SHEET, [3], 1, 12);
    expect(log.cell(3, 2)?.fill).toBe(HIGHLIGHT_COLOR);
    // Highlighting again (after another check) keeps the first record of the cell's own fill.
    await adapter.highlightRows(LOG_SHEET, [3, 4], 1, 12);
    await adapter.clearHighlight();
    expect(log.cell(3, 2)?.fill).toBe("#00B050");
    expect(log.cell(3, 1)?.fill).toBeUndefined();
    expect(log.cell(4, 1)?.fill).toBeUndefined();
  });
});

describe("Excel-only", () => {
  test("selectCell activates the sheet and selects the cell, one sync", async () => {
    const { excel, adapter } = await workbook(5);
    expect(await syncsOf(excel, () => adapter.selectCell(LOG_SHEET, "C4"))).toBe(1);
    expect(excel.selected).toEqual({ sheet: LOG_SHEET, address: "C4" });
    expect(excel.active).toBe(LOG_SHEET);
  });

  test("drawChart: a helper range and a clustered bar chart over it, then only new numbers", async () => {
    const { excel, adapter } = await workbook(50);
    const q = await loadQuarterly(adapter);
    expect(await syncsOf(excel, () => adapter.drawChart(q.period, q.report.figures))).toBe(2);
    const sheet = excel.sheet(CHART_SHEET);
    expect(sheet.charts).toEqual([
      expect.objectContaining({ name: CHART_NAME, type: "BarClustered", source: "A1:C16" }),
    ]);
    expect(sheet.value(2, 2)).toBe(q.report.figures.quarter["ngo.newContact"]);
    expect(sheet.value(16, 3)).toBe(q.report.figures.cumulative["le.training.attendees"]);
    expect(sheet.headerFooter.leftFooter).toBe(LES_MARKING);
    expect(sheet.page).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(await syncsOf(excel, () => adapter.drawChart(q.period, q.report.figures))).toBe(3);
    expect(sheet.charts).toHaveLength(1);
    // The helper sheet is never taken for the report's chart.
    const again = await loadQuarterly(adapter);
    expect(again.chart.sheet).toBe(REPORT_SHEET);
  });

  test("markSheets marks sheets without a header, leaves the others", async () => {
    const excel = new FakeExcel();
    excel.addSheet("Plain");
    excel.addSheet("Own header").headerFooter.centerHeader = "Draft";
    const footer = excel.addSheet("Own footer").headerFooter;
    footer.centerFooter = "Page &P";
    const adapter = new OfficeAdapter({ run: excel.run });
    await adapter.addSheet(reportSheet());
    const before = excel.syncs;
    const result = await adapter.markSheets();
    expect(excel.syncs - before).toBe(3);
    expect(result).toEqual({
      marked: ["Plain", "Own footer"],
      already: [REPORT_SHEET],
      occupied: ["Own header"],
    });
    expect(excel.sheet("Plain").headerFooter.centerHeader).toContain(LES_MARKING);
    expect(excel.sheet("Plain").headerFooter.rightFooter).toBe("Page &P of &N");
    // The footer's own page number stays, with the marking beside it and no second one.
    expect(excel.sheet("Own footer").headerFooter).toMatchObject({
      leftFooter: LES_MARKING,
      centerFooter: "Page &P",
      rightFooter: "",
    });
    expect(excel.sheet("Own header").headerFooter.centerHeader).toBe("Draft");
    // Its footer was free: it has the marking, though the sheet is reported.
    expect(excel.sheet("Own header").headerFooter.leftFooter).toBe(LES_MARKING);
    expect(await adapter.markSheets()).toEqual({
      marked: [],
      already: ["Plain", "Own footer", REPORT_SHEET],
      occupied: ["Own header"],
    });
  });
});

describe("the use cases through the Excel adapter", () => {
  test("the figures loadQuarterly finds equal analyze()'s over the same rows", async () => {
    const { adapter, log } = await workbook(300, { errors: 2 });
    const q = await loadQuarterly(adapter, { period: "FY2007 Q3" });
    const direct = analyze({
      log: { values: [LOG_HEADERS, ...log], header: "required" },
      period: PERIOD,
    });
    expect(q.report.figures).toEqual(direct.figures);
    expect(q.report.errors).toBe(direct.errors);
  });

  test("filling writes the figures into the chart's cells", async () => {
    const { excel, adapter } = await workbook(100);
    const q = await loadQuarterly(adapter);
    await fillQuarterly(adapter, q);
    const report = excel.sheet(REPORT_SHEET);
    for (const key of LINE_KEYS) {
      const row = q.chart.lineRows[key];
      expect(report.value(row, q.chart.quarterCol)).toBe(q.report.figures.quarter[key]);
      expect(report.value(row, q.chart.cumulativeCol)).toBe(q.report.figures.cumulative[key]);
    }
    expect(String(report.value(1, 1))).toContain(OFFICE);
    const reread = await loadQuarterly(adapter);
    expect(reread.report.figures).toEqual(q.report.figures);
  });
});

/** The round trips of each operation, for a log of 10 and of 10,000 rows. */
const SIZES = [10, 10_000] as const;

/** Requests to read or write R rows `cols` wide, a block of chunkRows(cols) rows each. */
const blocks = (rows: number, cols: number): number => Math.ceil(rows / chunkRows(cols));

/**
 * Each operation's syncs: `fixed`, plus `logReads` times the blocks of the log (its header, its
 * rows and the one entry appended first), plus for a fill the blocks of the cells it writes.
 */
const SYNCS: Record<string, { fixed: number; logReads: number }> = {
  "append a log row": { fixed: 1, logReads: 0 },
  // The report sheet (1 + 1 block), the log (1 + its blocks), the tables, the settings, ...
  "read the log (checkWorkbook)": { fixed: 8, logReads: 1 },
  "read the log, as one pane action": { fixed: 5, logReads: 1 },
  "load the report, as one pane action": { fixed: 7, logReads: 1 },
  "load the report (loadQuarterly)": { fixed: 13, logReads: 1 },
  // The optional tables looked for (every sheet's cells, the log's among them, and the tables:
  // read outside a pane action, which remembers them) and whether the workbook is a national
  // one (1), the block names (2), the column widths (1), the report's cells in blocks, the blocks
  // (2: which names exist, then every step), two settings, the print setup (2).
  "fill the report (fillQuarterly)": { fixed: 24, logReads: 1 },
  "highlight the rows with errors": { fixed: 3, logReads: 0 },
  "clear the highlight": { fixed: 3, logReads: 0 },
  "select a finding's cell": { fixed: 1, logReads: 0 },
  "draw the chart": { fixed: 2, logReads: 0 },
};

describe("round trips: a fixed number, plus one per block of rows read or written", () => {
  const counts: Record<string, Record<number, number>> = {};
  const record = (op: string, rows: number, n: number) => ((counts[op] ??= {})[rows] = n);
  /** The blocks of cells the fill wrote, by size. */
  const fillBlocks: Record<number, number> = {};

  test.each(SIZES)("%d rows", async (rows) => {
    const { excel, adapter } = await workbook(rows, { errors: 3 });
    const fresh = () => new OfficeAdapter({ run: excel.run });
    const target = await findLogTarget(adapter);
    const entry = validateEntry({
      date: "2007-05-01",
      sector: "NGO",
      activity: "Requested Services",
      agency: "Tapestri",
      content: "Referral.",
    });
    if (!entry.ok) throw new Error("entry");
    record(
      "append a log row",
      rows,
      await syncsOf(excel, () => appendEntry(adapter, target, entry.fields))
    );
    record(
      "read the log (checkWorkbook)",
      rows,
      await syncsOf(excel, () => checkWorkbook(fresh()))
    );
    const action = fresh();
    record(
      "read the log, as one pane action",
      rows,
      await syncsOf(excel, () => action.within(() => checkWorkbook(action)))
    );
    record(
      "load the report, as one pane action",
      rows,
      await syncsOf(excel, () => action.within(() => loadQuarterly(action)))
    );
    let q: Awaited<ReturnType<typeof loadQuarterly>> | undefined;
    const loader = fresh();
    record(
      "load the report (loadQuarterly)",
      rows,
      await syncsOf(excel, async () => (q = await loadQuarterly(loader)))
    );
    record(
      "fill the report (fillQuarterly)",
      rows,
      await syncsOf(excel, () => fillQuarterly(adapter, q!, { force: true }))
    );
    const writes = fillWrites(q!);
    const span = (k: "row" | "col") =>
      Math.max(...writes.map((w) => w[k])) - Math.min(...writes.map((w) => w[k])) + 1;
    fillBlocks[rows] = blocks(span("row"), span("col"));
    const check = await checkWorkbook(adapter);
    const errorRows = [...new Set(check.findings.filter(isError).map((f) => f.row))];
    record(
      "highlight the rows with errors",
      rows,
      await syncsOf(excel, () => adapter.highlightRows(LOG_SHEET, errorRows, 1, 12))
    );
    record("clear the highlight", rows, await syncsOf(excel, () => adapter.clearHighlight()));
    record(
      "select a finding's cell",
      rows,
      await syncsOf(excel, () => adapter.selectCell(LOG_SHEET, check.findings[0].cell!))
    );
    record(
      "draw the chart",
      rows,
      await syncsOf(excel, () => adapter.drawChart(q!.period, q!.report.figures))
    );
    expect(excel.syncs).toBeGreaterThan(0);
  });

  test("each operation's syncs are its stated function of the rows, at 10 and 10,000 rows", () => {
    const lines = Object.entries(counts).map(
      ([op, by]) => `  ${op.padEnd(36)} ${SIZES.map((s) => `${s} rows: ${by[s]}`).join(", ")}`
    );
    console.log(`context.sync() calls per operation:\n${lines.join("\n")}`);
    expect(Object.keys(counts).sort()).toEqual(Object.keys(SYNCS).sort());
    for (const [op, by] of Object.entries(counts)) {
      for (const rows of SIZES) {
        const { fixed, logReads } = SYNCS[op];
        const log = blocks(rows + 2, LOG_HEADERS.length);
        const fill = op.startsWith("fill") ? fillBlocks[rows] : 0;
        expect({ op, rows, syncs: by[rows] }).toEqual({
          op,
          rows,
          syncs: fixed + logReads * log + fill,
        });
      }
    }
    // At 10 rows every range is one block; at 10,000 the log is 13 (833 rows of 12 columns).
    expect(blocks(10 + 2, 12)).toBe(1);
    expect(blocks(10_000 + 2, 12)).toBe(13);
    expect(counts["append a log row"][10_000]).toBe(1);
  });
});
