/**
 * A stand-in for Office inside chromium: served in place of office.js, it makes the pane start
 * in its Excel mode over test/office/fake-excel.ts (office-addin-mock), with a workbook set up by
 * the Office adapter itself. The test reaches the fake through `window.tipsFake`.
 */
import { FakeExcel } from "../../office/fake-excel";
import { OfficeAdapter } from "../../../src/workbook/office-adapter";
import {
  leadsSheet,
  logSheet,
  materialsSheet,
  mediaSheet,
  prospectiveSheet,
  reportSheet,
} from "../../../src/workbook/seed-layout";
import { sampleLog } from "../../../src/app/sample";
import { parsePeriod } from "../../../src/core/period";

const excel = new FakeExcel();
const period = parsePeriod("FY2007 Q3");

async function seed(): Promise<void> {
  const adapter = new OfficeAdapter({ run: excel.run, typedValues: true });
  const rows = sampleLog(period, 60).map((r) => [...r]);
  rows[1][1] = ""; // row 3: Sector missing, an error
  await adapter.addSheet(reportSheet(period, "SAC Houston"));
  await adapter.addSheet(logSheet(rows));
  await adapter.addSheet(prospectiveSheet());
  for (const sheet of [leadsSheet(), materialsSheet(), mediaSheet()]) await adapter.addSheet(sheet);
  excel.addSheet("Notes"); // a sheet of the office's own, without a header or footer
  excel.syncs = 0;
  excel.suspendedSyncs = 0;
}

const seeded = seed();
const w = window as unknown as Record<string, unknown>;
w.tipsFake = excel;
w.Excel = { run: excel.run };
w.Office = {
  onReady: () => seeded.then(() => ({ host: "Excel", platform: "OfficeOnline" })),
  context: { requirements: { isSetSupported: () => true } },
};
