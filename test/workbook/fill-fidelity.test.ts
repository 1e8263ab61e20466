/**
 * Filling an office's own workbook changes only the cells the add-in owns. The workbook is made
 * by LibreOffice (test/helpers/office-workbook.ts); after `tips fill`, every other part of the
 * file is byte-for-byte the same, every cell of the report sheet the add-in does not own keeps
 * its exact XML (value, style, formula), and LibreOffice recalculates the office's formulas.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8 } from "fflate";
import { parts, sheetPart } from "../helpers/package-parts";
import { run } from "../../src/cli/main";
import { LINE_KEYS } from "../../src/core/chart";
import { parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import { fillWrites, loadQuarterly } from "../../src/app/quarterly";
import { findChart, findLog, findReportSheet } from "../../src/workbook/layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { columnLetters } from "../../src/core/cell-address";
import { OFFICE_CHART, makeOfficeWorkbook } from "../helpers/office-workbook";
import { readCsvSheetsWithLibreOffice } from "../helpers/libreoffice";

let dir: string;
let original: string;
let filled: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tips-fidelity-"));
  original = await makeOfficeWorkbook(dir);
  filled = join(dir, "filled.xlsx");
  const out: string[] = [];
  const code = await run(
    ["fill", original, "--period", "FY2007 Q3", "--out", filled],
    (l) => out.push(l),
    (l) => out.push(l)
  );
  if (code !== 0) throw new Error(`fill failed: ${out.join("\n")}`);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each cell's exact XML, by its address. */
function cellsXml(xml: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g))
    cells.set(m[1], m[0]);
  return cells;
}

/** The parts fill may change: the report sheet, workbook.xml (recalculate on open), the styles it adds, the settings. */
const MAY_CHANGE = [
  "xl/workbook.xml",
  "xl/styles.xml",
  "xl/calcChain.xml",
  "docProps/custom.xml",
  "[Content_Types].xml",
  "_rels/.rels",
  "docProps/app.xml",
];

test("every part but the report sheet and the settings is byte-for-byte the same", () => {
  const before = parts(original);
  const after = parts(filled);
  const report = sheetPart(before, "Quarterly Report");
  for (const name of Object.keys(before)) {
    if (name === report || MAY_CHANGE.includes(name)) continue;
    expect([
      name,
      after[name] && Buffer.from(after[name]).equals(Buffer.from(before[name])),
    ]).toEqual([name, true]);
  }
  // Comments, drop-downs and defined names came through LibreOffice and are still there.
  expect(Object.keys(after).some((n) => /comments/.test(n))).toBe(true);
  expect(strFromU8(after[sheetPart(after, "Outreach Log")])).toMatch(/<dataValidation/);
  expect(strFromU8(after["xl/workbook.xml"])).toMatch(/OfficeBudget/);
});

/** The cells of the add-in's blocks, from the names the filled workbook records them under. */
function blockCells(workbookXml: string): Set<string> {
  const cells = new Set<string>();
  for (const m of workbookXml.matchAll(
    /<definedName name="TIPS_[^"]*">[^<]*!\$([A-Z]+)\$(\d+)(?::\$[A-Z]+\$(\d+))?<\/definedName>/g
  )) {
    for (let r = Number(m[2]); r <= Number(m[3] ?? m[2]); r++) cells.add(`${m[1]}${r}`);
  }
  return cells;
}

test("in the report sheet, every cell the add-in does not own keeps its exact XML, in order, at its row or moved down", async () => {
  const before = parts(original);
  const after = parts(filled);
  const report = sheetPart(before, "Quarterly Report");
  const q = await loadQuarterly(XlsxAdapter.fromBytes(readFileSync(original)), {
    period: "FY2007 Q3",
  });
  const owned = new Set(fillWrites(q).map((w) => `${columnLetters(w.col)}${w.row}`));
  const blocks = blockCells(strFromU8(after["xl/workbook.xml"]));
  expect(blocks.size).toBeGreaterThan(0);
  // Column by column: the office's cells, without their address, in the same order.
  const byColumn = (cells: Map<string, string>, skip: Set<string>) => {
    const cols = new Map<string, { row: number; xml: string }[]>();
    for (const [address, xml] of cells) {
      if (skip.has(address)) continue;
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(address)!;
      const list = cols.get(col) ?? [];
      list.push({ row: Number(row), xml: xml.replace(/ r="[A-Z]+\d+"/, "") });
      cols.set(col, list);
    }
    for (const list of cols.values()) list.sort((a, b) => a.row - b.row);
    return cols;
  };
  const old = byColumn(cellsXml(strFromU8(before[report])), owned);
  const now = byColumn(cellsXml(strFromU8(after[report])), new Set([...owned, ...blocks]));
  let kept = 0;
  for (const [col, list] of old) {
    const got = now.get(col) ?? [];
    expect([col, got.map((c) => c.xml)]).toEqual([col, list.map((c) => c.xml)]);
    list.forEach((c, i) => expect(got[i].row).toBeGreaterThanOrEqual(c.row));
    kept += list.length;
  }
  expect(kept).toBeGreaterThan(40);
  // The office's text under both headings is still there, each under its own heading.
  const grid = await XlsxAdapter.fromBytes(readFileSync(filled)).readSheet("Quarterly Report");
  const rowOf = (t: string) => grid.values.findIndex((r) => r.some((v) => v === t));
  const bullet = grid.values.findIndex((r) => String(r[2] ?? "").startsWith("• 04/15/2007"));
  expect(rowOf("Significant Outreach Activity")).toBeLessThan(
    rowOf("Office text under Significant: stays")
  );
  // The bullets go right under the heading, the office's text below them.
  expect(bullet).toBeLessThan(rowOf("Office text under Significant: stays"));
  expect(rowOf("Office text under Significant: stays")).toBeLessThan(rowOf("Outreach Activity"));
  expect(rowOf("Outreach Activity")).toBeLessThan(rowOf("Office text under Outreach: stays"));
  // Outside the cells: merges and everything else of the sheet are unchanged, but for the
  // add-in's own bullets, each merged across the chart's columns, and the print setup the office
  // left at LibreOffice's defaults, which becomes one page wide, as tall as needed.
  const outside = (xml: string) =>
    xml
      .replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, "")
      .replace(/<dimension [^>]*\/>/, "")
      .replace(/<mergeCell ref="([A-Z]+\d+):[A-Z]+\d+"\/>/g, (m, first: string) =>
        blocks.has(first) ? "" : m
      )
      .replace(/<mergeCells count="\d+">/, "<mergeCells>");
  const fitted = (xml: string) =>
    xml
      .replace(/(<pageSetUpPr [^>]*fitToPage=")false"/, '$11"')
      .replace(/(<pageSetup [^>]*fitToHeight=")1"/, '$10"');
  expect(outside(strFromU8(after[report]))).toBe(fitted(outside(strFromU8(before[report]))));
  expect(strFromU8(after[report])).toMatch(/<mergeCell /);
});

test("the chart holds the log's figures, and LibreOffice recalculates the office's own formulas", async () => {
  const book = XlsxAdapter.fromBytes(readFileSync(filled));
  const chart = findChart(await findReportSheet(book));
  expect(chart.quarterCol).toBe(OFFICE_CHART.quarterCol);
  const expected = analyze({
    log: (await findLog(book)).grid,
    period: parsePeriod("FY2007 Q3"),
  }).figures;
  for (const k of LINE_KEYS)
    expect(chart.written[k]).toEqual({
      quarter: expected.quarter[k],
      cumulative: expected.cumulative[k],
    });
  expect(expected.cumulative["le.newContact"]).toBe(1);

  const sheets = await readCsvSheetsWithLibreOffice(filled);
  const report = sheets["Quarterly Report"];
  for (const k of LINE_KEYS) {
    const r = report[chart.lineRows[k] - 1];
    expect(Number(r[OFFICE_CHART.quarterCol - 1])).toBe(expected.quarter[k]);
    // "Doubled quarter": the office's formula, recalculated on the new figure.
    expect(Number(r[OFFICE_CHART.quarterCol + 1])).toBe(2 * expected.quarter[k]);
  }
  // The text that looks like a formula in the log is still text, read as text.
  expect(sheets["Outreach Log"][2][10]).toBe("Indicators; =cmd|' /C calc'!A0");
  expect(sheets["Notes"][3][1]).toBe("1203");
}, 120_000);
