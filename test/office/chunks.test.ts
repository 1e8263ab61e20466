/**
 * Big ranges through the Excel adapter go in blocks of rows, each request and each response far
 * below Excel on the web's ~5 MB payload limit, and the number of syncs is the function the
 * adapter's header states: reading a sheet 1 + ceil(R / c), writing the Combined Log
 * ceil(R / c), appending rows ceil(R / c) (+ 1 when a new table's blank row goes), where c =
 * chunkRows(columns). At 10, 10,000 and 200,000 rows, under the fake Excel (office-addin-mock).
 */
import { FakeExcel } from "./fake-excel";
import { CHUNK_BYTES, OfficeAdapter, chunkRows } from "../../src/workbook/office-adapter";
import { combinedLogSheet } from "../../src/app/consolidate";
import { sampleLog } from "../../src/app/sample";
import { consolidate } from "../../src/core/consolidate";
import { parsePeriod } from "../../src/core/period";
import { LOG_HEADERS } from "../../src/core/vocabulary";
import { LOG_SHEET, LOG_TABLE } from "../../src/workbook/layout";
import { logSheet } from "../../src/workbook/seed-layout";
import { returned } from "../consolidate/builders";

const PERIOD = parsePeriod("FY2007 Q3");
/** Excel on the web's limit on a request or a response. */
const PAYLOAD_LIMIT = 5 * 1024 * 1024;
const SIZES = [10, 10_000, 200_000] as const;
/** The sample log the big logs repeat (sampleLog makes a realistic fiscal year). */
const BASE = sampleLog(PERIOD, 2_000);

function logRows(n: number): (string | number | null)[][] {
  const rows = new Array<(string | number | null)[]>(n);
  for (let i = 0; i < n; i++) rows[i] = [...BASE[i % BASE.length]];
  return rows;
}

const blocks = (rows: number, cols: number) => Math.ceil(rows / chunkRows(cols));

describe("chunk size", () => {
  test("a block of rows is estimated at CHUNK_BYTES, a fifth of the limit", () => {
    expect(CHUNK_BYTES * 5).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(chunkRows(12)).toBe(833);
    expect(chunkRows(15)).toBe(666);
    expect(chunkRows(100_000)).toBe(1);
  });
});

describe.each(SIZES)("%d rows", (rows) => {
  test("reading a log: 1 + ceil(rows / c) syncs, every row read, each response under the limit", async () => {
    const excel = new FakeExcel();
    const log = logRows(rows);
    excel.addSheet(LOG_SHEET).setRows(1, 1, [LOG_HEADERS, ...log]);
    const adapter = new OfficeAdapter({ run: excel.run });
    const grid = await adapter.readSheet(LOG_SHEET);
    expect(excel.syncs).toBe(1 + blocks(rows + 1, LOG_HEADERS.length));
    expect(grid.values).toHaveLength(rows + 1);
    expect(grid.values[0]).toEqual(LOG_HEADERS);
    // Block edges: the first, the last, and the rows either side of each of the first edges.
    const c = chunkRows(LOG_HEADERS.length);
    for (const i of [0, c - 2, c - 1, c, rows - 1].filter((k) => k >= 0 && k < rows)) {
      expect([i, grid.values[i + 1]]).toEqual([i, log[i].map((v) => (v === "" ? null : v))]);
    }
    expect(excel.largestResponse).toBeLessThan(PAYLOAD_LIMIT / 4);
  }, 60_000);

  test("writing the Combined Log: max(1, ceil(last row / c)) syncs, each request under the limit", async () => {
    // 100 offices' returns of the same log, consolidated: `rows` counted rows in all.
    const per = Math.min(rows, 2_000);
    const base = returned({ file: "base.xlsx", office: "SAC Base", rows: logRows(per) });
    const counted = base.report.log.entries.length;
    const offices = Math.ceil(rows / counted);
    const inputs = Array.from({ length: offices }, (_, k) => ({
      ...base,
      file: `office-${k}.xlsx`,
      office: `SAC Office ${k}`,
    }));
    const n = consolidate(PERIOD, inputs);
    const spec = combinedLogSheet(n, false);
    const lastRow = Math.max(...[spec.cells.at(-1)!.row]);
    const width = spec.table!.columns.length;
    const excel = new FakeExcel();
    const adapter = new OfficeAdapter({ run: excel.run });
    await adapter.addSheet(spec);
    expect(excel.syncs).toBe(Math.max(1, blocks(lastRow, width)));
    expect(excel.largestRequest).toBeLessThan(PAYLOAD_LIMIT / 4);
    // Every row is there: the last one in full, and a text cell as text.
    const sheet = excel.sheet(spec.name);
    expect(sheet.usedBox()).toMatchObject({ top: 1, bottom: lastRow, right: width });
    const last = spec.cells.filter((c) => c.row === lastRow);
    expect(last.map((c) => sheet.value(c.row, c.col))).toEqual(last.map((c) => c.value));
    const text = last.find((c) => typeof c.value === "string")!;
    expect(sheet.cell(text.row, text.col)?.numberFormat).toBe("@");
    expect(excel.table(spec.table!.name)).toMatchObject({ bottom: lastRow, right: width });
  }, 60_000);
});

describe.each([10, 10_000])("appending %d rows to the log", (rows) => {
  test("ceil(rows / c) syncs, + 1 for a new table's blank row; every row lands", async () => {
    const excel = new FakeExcel();
    const adapter = new OfficeAdapter({ run: excel.run });
    await adapter.addSheet(logSheet());
    const log = logRows(rows);
    const before = excel.syncs;
    await adapter.appendTableRows(LOG_TABLE, log);
    expect(excel.syncs - before).toBe(blocks(rows, LOG_HEADERS.length) + 1);
    expect(adapter.lastAppend).toEqual({ sheet: LOG_SHEET, top: 2, bottom: rows + 1 });
    expect(excel.table(LOG_TABLE).bottom).toBe(rows + 1);
    const sheet = excel.sheet(LOG_SHEET);
    for (const i of [0, chunkRows(12) - 1, chunkRows(12), rows - 1].filter((k) => k < rows)) {
      expect([i, sheet.value(i + 2, 5)]).toEqual([i, log[i][4]]);
    }
    expect(excel.largestRequest).toBeLessThan(PAYLOAD_LIMIT / 4);
    // A second append to a table with rows: no blank row to remove.
    const again = excel.syncs;
    await adapter.appendTableRows(LOG_TABLE, log.slice(0, 3));
    expect(excel.syncs - again).toBe(1);
    expect(adapter.lastAppend).toEqual({ sheet: LOG_SHEET, top: rows + 2, bottom: rows + 4 });
  });
});
