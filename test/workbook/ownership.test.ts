/**
 * The office's report kept whole: table-driven over workbooks in the form's layout with the
 * office's words in them (typed in LibreOffice, and made by `tips init`), filled through the
 * .xlsx adapter and through the Excel adapter under office-addin-mock. Every word the office
 * typed is still on the sheet after every fill, under its own heading; the headings keep their
 * order; a second fill for the same period changes nothing; the next quarter's fill replaces
 * only the add-in's bullets; each bullet is one cell.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { strFromU8 } from "fflate";
import { FakeExcel } from "../office/fake-excel";
import { fillQuarterly, loadQuarterly } from "../../src/app/quarterly";
import { NARRATIVE_HEADINGS, NOTHING_TO_REPORT } from "../../src/core/narrative";
import { CellValue } from "../../src/core/log";
import { OfficeAdapter } from "../../src/workbook/office-adapter";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { WorkbookPort } from "../../src/workbook/port";
import { BLOCK_NAME_PREFIX } from "../../src/workbook/ownership";
import { BULLET, CONTINUATION } from "../../src/workbook/seed-layout";
import {
  FORM_LOG,
  OFFICE_TEXT,
  OWN_PAGE_SETUP,
  makeFormWorkbookWithInit,
  makeFormWorkbookWithLibreOffice,
} from "../helpers/form-workbook";
import { readCsvSheetsWithLibreOffice } from "../helpers/libreoffice";
import { parts, sheetPart } from "../helpers/package-parts";

const REPORT = "Quarterly Report";
/** The shared strict reader (../shared beside the clone, as on every machine of the project). */
const STRICT = join(__dirname, "../../../shared/tools/xlsx-strict.py");
const Q3 = "FY2007 Q3";
const Q4 = "FY2007 Q4";

/** One face of the add-in over one workbook: fill it, and look at its report sheet. */
interface Face {
  fill(period: string): Promise<void>;
  rows(): Promise<CellValue[][]>;
  /** Everything fill could change, to compare two fills. */
  snapshot(): Promise<string>;
}

async function fillThrough(port: WorkbookPort, period: string): Promise<void> {
  await fillQuarterly(port, await loadQuarterly(port, { period }), { force: true });
}

function xlsxFace(file: string): Face & { file: string } {
  let bytes = readFileSync(file);
  const face = {
    file,
    async fill(period: string) {
      const port = XlsxAdapter.fromBytes(bytes);
      await fillThrough(port, period);
      bytes = Buffer.from(port.save());
      writeFileSync(file, bytes);
    },
    async rows() {
      return (await XlsxAdapter.fromBytes(bytes).readSheet(REPORT)).values as CellValue[][];
    },
    async snapshot() {
      const files = parts(file);
      const names = /<definedNames>[\s\S]*<\/definedNames>/.exec(
        strFromU8(files["xl/workbook.xml"])
      );
      return strFromU8(files[sheetPart(files, REPORT)]) + (names?.[0] ?? "");
    },
  };
  return face;
}

/** The same workbook in a fake Excel: its sheets' values, tables and names, as Excel holds them. */
async function excelFace(file: string): Promise<Face & { excel: FakeExcel }> {
  const source = XlsxAdapter.fromBytes(readFileSync(file));
  const excel = new FakeExcel();
  for (const name of await source.sheetNames()) {
    const grid = await source.readSheet(name);
    excel.addSheet(name).setRows(grid.top, grid.left, grid.values);
  }
  for (const t of await source.tables())
    excel.addTable(t.name, t.sheet, `A${t.top}:${String.fromCharCode(64 + t.right)}${t.bottom}`);
  for (const n of await source.namedRanges(BLOCK_NAME_PREFIX))
    if (n.range)
      excel.names.set(n.name.toUpperCase(), { name: n.name, sheet: n.range.sheet, box: n.range });
  const adapter = new OfficeAdapter({ run: excel.run, typedValues: true });
  return {
    excel,
    fill: (period) => adapter.within(() => fillThrough(adapter, period)),
    async rows() {
      return (await adapter.readSheet(REPORT)).values as CellValue[][];
    },
    async snapshot() {
      const sheet = excel.sheet(REPORT);
      return JSON.stringify({
        cells: [...sheet.cells].filter(([, c]) => c.value !== "").sort(),
        heights: [...sheet.rowHeights].sort((a, b) => a[0] - b[0]),
        names: [...excel.names.values()],
      });
    },
  };
}

const texts = (rows: CellValue[][]): string[] =>
  rows.flatMap((r) => r.filter((v): v is string => typeof v === "string" && v !== ""));

const rowOf = (rows: CellValue[][], text: string): number =>
  rows.findIndex((r) => r.some((v) => v === text));

/** Each office text stands under its own heading, in the form's order. */
function expectSectionsInOrder(rows: CellValue[][]): void {
  const at = {
    significant: rowOf(rows, NARRATIVE_HEADINGS.significant),
    prospective: rowOf(rows, NARRATIVE_HEADINGS.prospective),
    outreach: rowOf(rows, NARRATIVE_HEADINGS.outreach),
  };
  expect(at.significant).toBeGreaterThan(0);
  expect(at.significant).toBeLessThan(at.prospective);
  expect(at.prospective).toBeLessThan(at.outreach);
  const office = (t: string) => rowOf(rows, t);
  expect(office(OFFICE_TEXT.significant)).toBeGreaterThan(at.significant);
  expect(office(OFFICE_TEXT.significant)).toBeLessThan(at.prospective);
  expect(office(OFFICE_TEXT.prospective)).toBeGreaterThan(at.prospective);
  expect(office(OFFICE_TEXT.prospective)).toBeLessThan(at.outreach);
  expect(office(OFFICE_TEXT.outreach)).toBeGreaterThan(at.outreach);
  expect(office(OFFICE_TEXT.marking)).toBeGreaterThan(office(OFFICE_TEXT.outreach));
  expect(office(OFFICE_TEXT.footer)).toBeGreaterThan(office(OFFICE_TEXT.marking));
}

/** The bullets of one section: the cells between its heading and the next that begin with •. */
function bulletsUnder(rows: CellValue[][], heading: string, next?: string): string[] {
  const from = rowOf(rows, heading);
  const to = next ? rowOf(rows, next) : rows.length;
  return texts(rows.slice(from + 1, to)).filter((t) => t.startsWith(BULLET));
}

const FIXTURES = [
  { name: "the form typed in LibreOffice", make: makeFormWorkbookWithLibreOffice, prospective: 0 },
  { name: "a workbook from tips init", make: makeFormWorkbookWithInit, prospective: 1 },
] as const;

const FACES = [
  { name: ".xlsx adapter", open: async (f: string) => xlsxFace(f) },
  { name: "Excel adapter (office-addin-mock)", open: excelFace },
] as const;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tips-ownership-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(FIXTURES)("$name", (fixture) => {
  let file: string;
  let before: string[];
  beforeAll(async () => {
    file = await fixture.make(dir);
    before = texts((await xlsxFace(file).rows()) as CellValue[][]);
    expect(before).toEqual(expect.arrayContaining(Object.values(OFFICE_TEXT)));
  }, 120_000);

  describe.each(FACES)("filled through the $name", (face) => {
    test("keeps every word the office typed, under its heading; a second fill changes nothing; the next quarter replaces only the bullets", async () => {
      const copy = join(dir, `${fixture.make.name}-${face.name.replace(/\W+/g, "-")}.xlsx`);
      writeFileSync(copy, readFileSync(file));
      const f = await face.open(copy);

      await f.fill(Q3);
      const q3 = await f.rows();
      // Every text of the sheet before the fill is still there (the title's placeholder and the
      // chart's empty cells are the add-in's; everything else is the office's).
      const now = texts(q3);
      for (const t of before.filter((x) => !x.includes("SAC/Attaché")))
        expect([t, now.includes(t)]).toEqual([t, true]);
      expectSectionsInOrder(q3);
      // One bullet a cell: three Q3 rows of the log, one flagged significant; no wrapped pieces.
      const outreach = bulletsUnder(q3, NARRATIVE_HEADINGS.outreach);
      expect(outreach).toHaveLength(3);
      expect(outreach[0]).toMatch(
        /^• 04\/15\/2007 – New Contact \(NGO\) – Alamo Shelter – POC: Rosa Diaz, Director – Intro to ICE TIPS$/
      );
      expect(
        bulletsUnder(q3, NARRATIVE_HEADINGS.significant, NARRATIVE_HEADINGS.prospective)
      ).toHaveLength(1);
      expect(
        bulletsUnder(q3, NARRATIVE_HEADINGS.prospective, NARRATIVE_HEADINGS.outreach)
      ).toHaveLength(fixture.prospective);
      expect(now.filter((t) => t.startsWith(CONTINUATION))).toEqual([]);
      // The office wrote under every heading: "Nothing to report" stands nowhere.
      expect(now).not.toContain(NOTHING_TO_REPORT);

      const first = await f.snapshot();
      await f.fill(Q3);
      expect(await f.snapshot()).toBe(first);

      await f.fill(Q4);
      const q4 = await f.rows();
      expectSectionsInOrder(q4);
      const after = texts(q4);
      for (const t of Object.values(OFFICE_TEXT)) expect([t, after.includes(t)]).toEqual([t, true]);
      const q4Bullets = bulletsUnder(q4, NARRATIVE_HEADINGS.outreach);
      expect(q4Bullets).toHaveLength(2);
      expect(q4Bullets.join("\n")).not.toMatch(/0[456]\/\d\d\/2007/);
      expect(
        bulletsUnder(q4, NARRATIVE_HEADINGS.significant, NARRATIVE_HEADINGS.prospective)
      ).toEqual([expect.stringMatching(/^• 08\/03\/2007 – FBI San Antonio/)]);
      // The office's rows outside the narrative did not move: the note beside the chart.
      expect(rowOf(q4, OFFICE_TEXT.beside)).toBe(rowOf(q3, OFFICE_TEXT.beside));
    }, 60_000);
  });

  test("the office's own page setup survives filling, and LibreOffice reads back every word", async () => {
    const copy = join(dir, `${fixture.make.name}-libreoffice.xlsx`);
    writeFileSync(copy, readFileSync(file));
    const f = xlsxFace(copy);
    await f.fill(Q3);
    await f.fill(Q3);
    const files = parts(copy);
    expect(strFromU8(files[sheetPart(files, REPORT)])).toContain(OWN_PAGE_SETUP);
    // A strict SpreadsheetML read: what Excel would repair, LibreOffice forgives.
    const strict = spawnSync("python3", [STRICT, copy], { encoding: "utf8" });
    expect([strict.status, strict.stdout.trim().split("\n").pop()]).toEqual([
      0,
      "1 files, 0 problems",
    ]);
    const sheets = await readCsvSheetsWithLibreOffice(copy);
    const read = sheets[REPORT].flat();
    for (const t of Object.values(OFFICE_TEXT)) expect([t, read.includes(t)]).toEqual([t, true]);
    expect(read.filter((t) => t.startsWith(BULLET))).toHaveLength(3 + 1 + fixture.prospective);
  }, 120_000);
});

describe("a workbook an earlier version filled (hard-wrapped bullets, no recorded blocks)", () => {
  test("is cleaned once: its bullets become one cell each, the office's text stays", async () => {
    const file = await makeFormWorkbookWithLibreOffice(dir);
    const port = XlsxAdapter.fromBytes(readFileSync(file));
    const rows = (await port.readSheet(REPORT)).values as CellValue[][];
    const heading = rowOf(rows, NARRATIVE_HEADINGS.outreach) + 1;
    // What the old fill left: a bullet cut at 85 characters, its continuation, and the period.
    await port.shiftRows(REPORT, heading + 2, 3);
    await port.writeCells(REPORT, [
      {
        row: heading + 2,
        col: 1,
        value: "• 04/15/2007 – New Contact (NGO) – Alamo Shelter – POC: Rosa Diaz, Director –",
      },
      { row: heading + 3, col: 1, value: "   Intro to ICE TIPS" },
      {
        row: heading + 4,
        col: 1,
        value: "• 05/02/2007 – New Contact (Law Enforcement, Local) – San Antonio PD",
      },
    ]);
    await port.setSetting("TIPS.Period", Q3);
    const legacy = join(dir, "legacy.xlsx");
    writeFileSync(legacy, port.save());

    const f = xlsxFace(legacy);
    await f.fill(Q3);
    const filled = await f.rows();
    const all = texts(filled);
    expect(all.filter((t) => t.startsWith(CONTINUATION))).toEqual([]);
    expect(all.filter((t) => t.startsWith("• 05/02/2007"))).toHaveLength(1);
    expect(bulletsUnder(filled, NARRATIVE_HEADINGS.outreach)).toHaveLength(3);
    for (const t of Object.values(OFFICE_TEXT)) expect([t, all.includes(t)]).toEqual([t, true]);
    const first = await f.snapshot();
    await f.fill(Q3);
    expect(await f.snapshot()).toBe(first);
  }, 120_000);
});

test("the fixture's log has rows in both quarters", () => {
  expect(FORM_LOG.filter((r) => String(r[0]).startsWith("2007-0")).length).toBe(5);
});
